/**
 * Who holds the embedded data folder, in a form a dead process cannot keep: its PID,
 * the kernel's start time of that PID and the boot it ran in. After a crash the PID
 * may be reused (in a container the server is often PID 1 again and again); a process
 * with that PID but another start time is not the holder. See docs/decisions/001.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Holder {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); null where /proc is missing. */
  start: string | null;
  /** /proc/sys/kernel/random/boot_id; start times only compare within one boot. */
  boot: string | null;
}

function readProc(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The start time of a process, or null when it cannot be read (no /proc, no such process). */
export function processStartTime(pid: number): string | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null; // field 22 overall; fields here start at field 3
}

const bootId = () => readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;

export function currentHolder(): Holder {
  return { pid: process.pid, start: processStartTime(process.pid), boot: bootId() };
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the holder's process is still the one that wrote the lock. */
export function isHolderAlive(holder: Holder): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || !pidExists(holder.pid)) return false;
  const boot = bootId();
  if (holder.boot && boot && holder.boot !== boot) return false;
  const start = processStartTime(holder.pid);
  if (holder.start !== null) return start === null || start === holder.start;
  // A bare PID (the old lock format): without a start time, believe only a live Node process.
  const cmdline = readProc(`/proc/${holder.pid}/cmdline`);
  return cmdline === null || /node|tsx/.test(cmdline);
}

export function parseHolder(text: string): Holder | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), start: null, boot: null };
  try {
    const value = JSON.parse(trimmed) as Partial<Holder>;
    if (typeof value.pid !== 'number') return null;
    return {
      pid: value.pid,
      start: typeof value.start === 'string' ? value.start : null,
      boot: typeof value.boot === 'string' ? value.boot : null,
    };
  } catch {
    return null;
  }
}

/**
 * PGlite does not lock its folder, and two processes on one folder silently lose
 * writes. Takes the folder's lock (created exclusively) or throws naming the live
 * holder; a lock left by a dead process, or by a PID now used by another process, is
 * replaced. Returns the release function, which removes the lock only while it is ours.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'pglite.lock');
  const mine = JSON.stringify(currentHolder());
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(lockFile, mine, { flag: 'wx' });
      return () => {
        if (readProc(lockFile) === mine) rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = readProc(lockFile);
    if (text === null) continue; // released meanwhile: try again
    const holder = parseHolder(text);
    if (holder && holder.pid !== process.pid && isHolderAlive(holder)) {
      throw new Error(`the data folder ${dataDir} is in use by process ${holder.pid}; stop it first or set DATA_DIR`);
    }
    rmSync(lockFile, { force: true });
  }
  throw new Error(`could not lock the data folder ${dataDir}`);
}

const SOCKET_DIR_PREFIX = 'sqy-pgsock-';
const OWNER_FILE = 'owner.json';

/** A private folder for the embedded database's socket, marked with its owner. */
export function makeSocketDir(): string {
  removeStaleSocketDirs();
  const dir = mkdtempSync(path.join(tmpdir(), SOCKET_DIR_PREFIX));
  writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify(currentHolder()));
  return dir;
}

/** Socket folders whose owner has died (a crash, SIGKILL) are removed. */
export function removeStaleSocketDirs(root: string = tmpdir()): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of entries) {
    if (!name.startsWith(SOCKET_DIR_PREFIX)) continue;
    const dir = path.join(root, name);
    const text = readProc(path.join(dir, OWNER_FILE));
    // No owner file yet: a folder being created this instant; leave it.
    const holder = text === null ? null : parseHolder(text);
    if (!holder || isHolderAlive(holder)) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
