import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, hashPassword, newToken, sha256, verifyPassword } from '../../server/security/crypto';

const key = randomBytes(32).toString('base64');
const cipher = createFieldCipher(key);

/** Flips one bit in the part of `v1.<iv>.<tag>.<body>` at `index`. */
function tamper(stored: string, index: number): string {
  const parts = stored.split('.');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('field cipher (AES-256-GCM)', () => {
  it('round-trips Chinese text, emoji and the empty string', () => {
    for (const plain of ['张三', '上海市徐汇区某某路 88 弄 3 号 1201 室', '13800138000', '🏠 家', '']) {
      const stored = cipher.encrypt(plain);
      expect(cipher.decrypt(stored)).toBe(plain);
      if (plain) expect(stored).not.toContain(plain);
    }
  });

  it('stores v1.<iv>.<tag>.<ciphertext> in base64url', () => {
    const stored = cipher.encrypt('李四');
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(stored.split('.')[1], 'base64url')).toHaveLength(12);
  });

  it('gives a different ciphertext each time for the same text (random IV)', () => {
    const values = new Set(Array.from({ length: 20 }, () => cipher.encrypt('王五')));
    expect(values.size).toBe(20);
    const ivs = new Set([...values].map((v) => v.split('.')[1]));
    expect(ivs.size).toBe(20);
  });

  it.each([
    ['the ciphertext', 3],
    ['the auth tag', 2],
    ['the IV', 1],
  ])('refuses a value whose %s was changed', (_label, index) => {
    const stored = cipher.encrypt('居民真实姓名');
    expect(() => cipher.decrypt(tamper(stored, index))).toThrow();
  });

  it('refuses a value encrypted with another key', () => {
    const other = createFieldCipher(randomBytes(32).toString('base64'));
    expect(() => other.decrypt(cipher.encrypt('赵六'))).toThrow();
  });

  it('refuses values that are not in its format', () => {
    expect(() => cipher.decrypt('赵六')).toThrow(/unknown ciphertext format/);
    expect(() => cipher.decrypt('v2.a.b.c')).toThrow(/unknown ciphertext format/);
    expect(() => cipher.decrypt('v1..')).toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createFieldCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => createFieldCipher('')).toThrow(/32 bytes/);
  });
});

describe('passwords (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('正确的密码 correct horse');
    expect(await verifyPassword('正确的密码 correct horse', stored)).toBe(true);
    expect(await verifyPassword('正确的密码 correct hors', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('stores scrypt$N$r$p$salt$hash with a fresh salt each time, never the password', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('refuses a stored value of another scheme instead of throwing', async () => {
    expect(await verifyPassword('x', 'bcrypt$2b$10$abc')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });
});

describe('tokens and digests', () => {
  it('sha256 is the hex digest', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('newToken gives 32 random bytes in base64url', () => {
    const tokens = new Set(Array.from({ length: 50 }, newToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
