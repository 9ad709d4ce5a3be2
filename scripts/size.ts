/**
 * Package sizes of the WeChat build (dist/weapp) against the limits:
 *   main package ≤ 1 MB (our budget; WeChat allows 2 MB), every subpackage ≤ 2 MB (WeChat),
 *   everything ≤ 20 MB (WeChat). Exits non-zero when a limit is exceeded.
 * Run after `taro build --type weapp`:  npx tsx scripts/size.ts [distDir]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const KB = 1024;
const MB = 1024 * KB;

const limits = {
  main: 1 * MB, // our budget
  perPackage: 2 * MB, // WeChat
  total: 20 * MB, // WeChat
};

// Developer-tool settings, not part of the uploaded code package.
const ignored = new Set(['project.config.json', 'project.private.config.json']);

interface AppJson {
  subPackages?: { root: string }[];
  subpackages?: { root: string }[];
}

function walk(dir: string, base = dir): { file: string; size: number }[] {
  const out: { file: string; size: number }[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) out.push(...walk(full, base));
    else out.push({ file: path.relative(base, full).split(path.sep).join('/'), size: stat.size });
  }
  return out;
}

function fmt(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / KB).toFixed(1)} KB`;
}

function main(): number {
  const dist = path.resolve(process.argv[2] ?? 'dist/weapp');
  let appJson: AppJson;
  try {
    appJson = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson;
  } catch {
    console.error(`没有找到 ${dist}/app.json：请先运行 npx taro build --type weapp`);
    return 2;
  }
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/^\/+|\/+$/g, ''));
  const files = walk(dist).filter((f) => !ignored.has(f.file));

  const sizes = new Map<string, number>([['(main)', 0], ...roots.map((r) => [r, 0] as [string, number])]);
  for (const f of files) {
    const root = roots.find((r) => f.file === r || f.file.startsWith(`${r}/`));
    const key = root ?? '(main)';
    sizes.set(key, (sizes.get(key) ?? 0) + f.size);
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);

  const rows: { name: string; size: number; limit: number; note: string }[] = [
    { name: 'main package', size: sizes.get('(main)') ?? 0, limit: limits.main, note: 'budget 1 MB (WeChat 2 MB)' },
    ...roots.map((r) => ({ name: r, size: sizes.get(r) ?? 0, limit: limits.perPackage, note: 'WeChat 2 MB' })),
    { name: 'total', size: total, limit: limits.total, note: 'WeChat 20 MB' },
  ];
  if ((sizes.get('(main)') ?? 0) > limits.perPackage) rows[0].note = 'over WeChat 2 MB!';

  const width = Math.max(...rows.map((r) => r.name.length));
  let failed = false;
  console.log(`WeChat package sizes in ${path.relative(process.cwd(), dist) || dist}`);
  for (const r of rows) {
    const ok = r.size <= r.limit;
    if (!ok) failed = true;
    const pct = ((r.size / r.limit) * 100).toFixed(1);
    console.log(
      `${ok ? 'ok  ' : 'OVER'}  ${r.name.padEnd(width)}  ${fmt(r.size).padStart(9)} / ${fmt(r.limit).padStart(7)}  (${pct}%)  ${r.note}`,
    );
  }
  if (failed) console.error('Package size limit exceeded.');
  return failed ? 1 : 0;
}

process.exit(main());
