/**
 * Runs the embedded PGlite in its own thread and serves it over the Postgres wire
 * protocol on a Unix socket, so the server talks to it with postgres.js exactly as
 * it talks to a real server, and a slow statement never blocks the HTTP event loop.
 * See docs/decisions/001-embedded-postgres.md.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface PgliteWorkerData {
  /** A folder to persist into, or undefined for memory only. */
  dataDir?: string;
  /** A tarball made by dumpDataDir() to start from (tests). */
  dumpPath?: string;
  socketPath: string;
}

const data = workerData as PgliteWorkerData;
const port = parentPort;
if (!port) throw new Error('pglite-worker must run in a worker thread');

try {
  const loadDataDir = data.dumpPath ? new Blob([await readFile(data.dumpPath)]) : undefined;
  const db = await PGlite.create({ dataDir: data.dataDir, loadDataDir, extensions: { pg_trgm, btree_gist } });
  const server = new PGLiteSocketServer({ db, path: data.socketPath, maxConnections: 1 });
  await server.start();
  port.on('message', async (message: { type: string; path?: string }) => {
    if (message.type === 'dump' && message.path) {
      const { writeFile } = await import('node:fs/promises');
      const blob = await db.dumpDataDir('gzip');
      await writeFile(message.path, Buffer.from(await blob.arrayBuffer()));
      port.postMessage({ type: 'dumped' });
    } else if (message.type === 'stop') {
      await server.stop();
      await db.close();
      port.postMessage({ type: 'stopped' });
    }
  });
  port.postMessage({ type: 'ready' });
} catch (error) {
  port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
