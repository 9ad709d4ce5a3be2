import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentHolder, lockDataDir, processStartTime, removeStaleSocketDirs } from '../../server/db/data-lock';

const onLinux = existsSync('/proc/self/stat');
const root = mkdtempSync(path.join(tmpdir(), 'sqy-lock-test-'));
let dirCount = 0;
const freshDir = () => path.join(root, `data-${dirCount++}`);
const lockFile = (dir: string) => path.join(dir, 'pglite.lock');

/** A live process that is not a server: `sleep`, ended after the suite. */
let sleeper: ChildProcess;
beforeAll(async () => {
  sleeper = spawn('sleep', ['120'], { stdio: 'ignore' });
  await new Promise((resolve) => sleeper.once('spawn', resolve));
});
afterAll(() => {
  sleeper.kill();
  rmSync(root, { recursive: true, force: true });
});

function writeLock(dir: string, content: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(lockFile(dir), content);
}

describe('the embedded data folder lock', () => {
  it('is taken, records PID, start time and boot, and is gone after release', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    const held = JSON.parse(readFileSync(lockFile(dir), 'utf8'));
    expect(held).toEqual(currentHolder());
    expect(held.pid).toBe(process.pid);
    if (onLinux) expect(held.start).toMatch(/^\d+$/);
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it.runIf(onLinux)('a live process holding the lock with its own start time refuses the folder', () => {
    const dir = freshDir();
    const pid = sleeper.pid as number;
    writeLock(dir, JSON.stringify({ ...currentHolder(), pid, start: processStartTime(pid) }));
    expect(() => lockDataDir(dir)).toThrow(`in use by process ${pid}`);
  });

  it.runIf(onLinux)('a reused PID (PID 1, a live process started at another time) does not block the start', () => {
    const dir = freshDir();
    writeLock(dir, JSON.stringify({ ...currentHolder(), pid: 1, start: '1' }));
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it.runIf(onLinux)('a lock from an earlier boot does not block the start', () => {
    const dir = freshDir();
    const pid = sleeper.pid as number;
    writeLock(dir, JSON.stringify({ pid, start: processStartTime(pid), boot: 'another-boot' }));
    lockDataDir(dir)();
  });

  it('a lock of a process that has exited does not block the start', async () => {
    const dir = freshDir();
    const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => gone.once('exit', resolve));
    writeLock(dir, JSON.stringify({ ...currentHolder(), pid: gone.pid, start: '12345' }));
    lockDataDir(dir)();
  });

  it.runIf(onLinux)('an old bare-PID lock naming a live process that is not Node does not block the start', () => {
    const dir = freshDir();
    writeLock(dir, String(sleeper.pid));
    lockDataDir(dir)();
  });

  it('an empty or garbled lock file (a crash while writing it) does not block the start', () => {
    for (const content of ['', '{"pid":', 'not a lock']) {
      const dir = freshDir();
      writeLock(dir, content);
      lockDataDir(dir)();
    }
  });

  it('release leaves a lock that is no longer ours alone', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    const other = JSON.stringify({ pid: 999_999, start: '1', boot: null });
    writeFileSync(lockFile(dir), other);
    release();
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(other);
  });
});

describe('socket folders of the embedded engine', () => {
  it.runIf(onLinux)('those of a dead or replaced owner are removed at start; a live owner keeps its own', () => {
    const base = path.join(root, 'tmp');
    mkdirSync(base);
    const make = (name: string, owner: object | null) => {
      const dir = path.join(base, name);
      mkdirSync(dir);
      writeFileSync(path.join(dir, '.s.PGSQL.5432'), '');
      if (owner) writeFileSync(path.join(dir, 'owner.json'), JSON.stringify(owner));
      return dir;
    };
    const mine = make('sqy-pgsock-mine', currentHolder());
    const reused = make('sqy-pgsock-reused', { ...currentHolder(), pid: 1, start: '1' });
    const dead = make('sqy-pgsock-dead', { ...currentHolder(), pid: 999_999_9, start: '1' });
    const unowned = make('sqy-pgsock-unowned', null);
    const foreign = make('sqy-pg-older-layout', { pid: 999_999_9 });

    const removed = removeStaleSocketDirs(base);
    expect(removed.sort()).toEqual([dead, reused].sort());
    expect(existsSync(mine)).toBe(true);
    // A folder still being set up (no owner yet) and folders of other layouts are left alone.
    expect(existsSync(unowned)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
  });
});
