import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const csv = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url()));

/** Every setting the process reads from its environment, parsed once at boot. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** Redis for counters every instance shares (sign-in limits); unset = in-process memory. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    /** Namespace of this deployment's keys in Redis. */
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only')
      .default('sqy:'),
    DATA_DIR: z.string().default('./data'),
    /** base64 of 32 random bytes; generated into DATA_DIR when unset (not in production). */
    FIELD_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be base64 of exactly 32 bytes')
      .optional(),
    WECHAT_APPID: z.string().min(1).optional(),
    WECHAT_SECRET: z.string().min(1).optional(),
    WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
    /**
     * Subscribe-message template ids chosen in the mini-program console (订阅消息); a
     * template without an id is never sent. Fields each must have: server/wechat/templates.ts.
     */
    WECHAT_TEMPLATE_REVIEW_RESULT: z.string().min(1).max(128).optional(),
    WECHAT_TEMPLATE_EVENT_REMINDER: z.string().min(1).max(128).optional(),
    WECHAT_TEMPLATE_URGENT_NOTICE: z.string().min(1).max(128).optional(),
    WECHAT_TEMPLATE_POST_REPLY: z.string().min(1).max(128).optional(),
    WECHAT_TEMPLATE_MATTER_PROGRESS: z.string().min(1).max(128).optional(),
    WECHAT_TEMPLATE_VOTE_REMINDER: z.string().min(1).max(128).optional(),
    WECHAT_TEMPLATE_TOPIC_PROGRESS: z.string().min(1).max(128).optional(),
    WECHAT_TEMPLATE_RENTAL_REMINDER: z.string().min(1).max(128).optional(),
    /** Which version of the app a subscribe message opens: formal (released), trial or developer. */
    WECHAT_MINIPROGRAM_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
    /**
     * The server's public https address as WeChat reaches it (e.g. https://sqy.example.gov.cn):
     * the signed image URLs sent to media_check_async are made absolute with it.
     */
    PUBLIC_BASE_URL: z.url().optional(),
    /** 消息推送 Token from the mini-program console: signs the pushes (wxa_media_check). */
    WECHAT_PUSH_TOKEN: z.string().min(3).max(32).optional(),
    /** 消息推送 EncodingAESKey (43 characters) for 安全 mode, and the one before it while the console rotates it. */
    WECHAT_PUSH_AES_KEY: z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, 'must be the 43-character EncodingAESKey')
      .optional(),
    WECHAT_PUSH_AES_KEY_PREVIOUS: z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, 'must be the 43-character EncodingAESKey')
      .optional(),
    /** How long posting waits for msgSecCheck before holding the text for a moderator. */
    SCREENING_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(3000),
    CORS_ORIGINS: csv.default([]),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 30),
    BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(64),
    SIGNIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
    SIGNIN_LIMIT_PER_OPENID: z.coerce.number().int().min(1).default(10),
    PASSWORD_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    PASSWORD_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
    SEED_DEMO: bool.optional(),
    SERVE_H5: bool.default(true),
    H5_DIR: z.string().default('./dist/h5'),
    TRUST_PROXY: bool.default(false),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    /** Run background jobs in this process (outbox delivery, reminders, cleanup). */
    JOBS_ENABLED: bool.default(true),
    JOBS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    JOBS_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.WECHAT_APPID) !== Boolean(c.WECHAT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['WECHAT_SECRET'], message: 'WECHAT_APPID and WECHAT_SECRET go together' });
    }
    if (c.NODE_ENV === 'production' && !c.WECHAT_APPID) {
      ctx.addIssue({
        code: 'custom',
        path: ['WECHAT_APPID'],
        message: 'required in production: the local sign-in adapter is for development and demos only',
      });
    }
    if (c.NODE_ENV === 'production' && !c.FIELD_ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['FIELD_ENCRYPTION_KEY'], message: 'required in production' });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment; a bad value names the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The config a test or a script starts from: development defaults, nothing from the environment. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test' }), ...overrides };
}
