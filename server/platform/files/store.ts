import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** A store key: the lowercase hex SHA-256 of the bytes stored under it. */
export const FILE_KEY = /^[0-9a-f]{64}$/;

export const fileKeyOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Where uploaded bytes live: content-addressed (the key is the SHA-256 of the bytes), so
 * the same file is stored once however many uploads name it, and a key never changes
 * meaning. Which upload may be read by whom is decided by the uploads table, never here.
 *
 * An S3 / Tencent COS implementation maps each call to one request on a private bucket:
 * - `put`: compute the key, HEAD the object and skip when present, else PUT it (a PUT is
 *   atomic: a reader sees the whole object or none; Content-MD5 for integrity);
 * - `get` / `stream`: GET (404 → null); `exists`: HEAD; `delete`: DELETE (idempotent).
 * Objects are named like the local folders (`ab/cd/<key>`) so a bucket listing stays
 * browsable; serving stays behind GET /api/files (signed URLs are ours, not the bucket's).
 */
export interface FileStore {
  readonly kind: string;
  /** Stores the bytes (nothing happens when the key is present) and returns their key. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes, or null when the key is not stored. */
  get(key: string): Promise<Buffer | null>;
  /** The bytes as a stream, or null when the key is not stored. */
  stream(key: string): Promise<Readable | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Removes what writes cut short before `before` left behind (temporary files of the
   * local store); returns how many. A store whose writes are atomic by themselves has none.
   */
  sweep?(before: Date): Promise<number>;
}

function checkKey(key: string) {
  if (!FILE_KEY.test(key)) throw new Error(`not a file key: ${key.slice(0, 80)}`);
}

/**
 * The default store: files under `root`, sharded as `ab/cd/<key>` so no folder grows huge.
 * A write goes to a temporary file in `root/.tmp` (same file system), is flushed to disk,
 * then renamed into place: a crash mid-write leaves at most a stray temporary file, never
 * a half file under a key.
 */
export function createLocalFileStore(root: string): FileStore {
  const tmpDir = path.join(root, '.tmp');
  const where = (key: string) => {
    checkKey(key);
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
  return {
    kind: 'local',
    async put(bytes) {
      const key = fileKeyOf(bytes);
      const target = where(key);
      if (await this.exists(key)) return key;
      await mkdir(path.dirname(target), { recursive: true });
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${key}.${randomBytes(6).toString('hex')}`);
      const handle = await open(tmp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        // Two writers of the same key both rename complete, identical files: either wins.
        await rename(tmp, target);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
      return key;
    },
    async get(key) {
      try {
        return await readFile(where(key));
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async stream(key) {
      if (!(await this.exists(key))) return null;
      return createReadStream(where(key));
    },
    async exists(key) {
      try {
        return (await stat(where(key))).isFile();
      } catch (error) {
        if (missing(error)) return false;
        throw error;
      }
    },
    async delete(key) {
      await rm(where(key), { force: true });
    },
    async sweep(before) {
      let names: string[];
      try {
        names = await readdir(tmpDir);
      } catch (error) {
        if (missing(error)) return 0;
        throw error;
      }
      let removed = 0;
      for (const name of names) {
        const file = path.join(tmpDir, name);
        const info = await stat(file).catch(() => null);
        if (info && info.mtime < before) {
          await rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}
