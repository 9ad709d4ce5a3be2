/**
 * `npm run bench:pg-queue`: postgres.js under steady load with more queries in flight
 * than connections, the way a busy server runs. Prints queries per second and client
 * CPU per query, second by second. Unpatched, postgres.js 3.4.9's internal queue grows
 * by one slot per query and each remove() scans it all, so throughput falls steadily
 * (seen here: 50,000 → 11,000 q/s in 20 s on real PostgreSQL); with
 * patches/postgres+3.4.9.patch it holds (docs/decisions/010-per-request-cost.md).
 *
 *   DATABASE_URL     unset → embedded PGlite (one connection); set → that server, pool 10
 *   BENCH_SECONDS    seconds to run (default 20)
 *   BENCH_INFLIGHT   queries in flight (default 50)
 */
import { openDatabase } from '../server/db/client';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const inflight = Number(process.env.BENCH_INFLIGHT ?? 50);
const database = await openDatabase({ url: process.env.DATABASE_URL || undefined, max: 10 });
const sql = database.sql;
console.log(`postgres.js queue: ${database.engine}, ${inflight} queries in flight, ${seconds} s`);

let done = 0;
let stop = false;
async function loop() {
  while (!stop) {
    await sql.unsafe('select $1::int as x', [1], { prepare: true }).values();
    done++;
  }
}
const loops = Array.from({ length: inflight }, loop);
let last = 0;
const perSecond: number[] = [];
for (let s = 1; s <= seconds; s++) {
  const before = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cpu = process.cpuUsage(before);
  const n = done - last;
  last = done;
  perSecond.push(n);
  console.log(
    `  t=${String(s).padStart(3)} s  ${String(n).padStart(7)} q/s  client CPU ${((cpu.user + cpu.system) / n).toFixed(1)} µs/query`,
  );
}
stop = true;
await Promise.all(loops);
await database.close();
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quarter = Math.max(1, Math.floor(perSecond.length / 4));
const first = avg(perSecond.slice(0, quarter));
const lastQ = avg(perSecond.slice(-quarter));
console.log(
  `first quarter ${first.toFixed(0)} q/s, last quarter ${lastQ.toFixed(0)} q/s: ×${(lastQ / first).toFixed(2)}`,
);
