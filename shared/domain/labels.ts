/** Words for things the server and the app both name the same way. */

/** "3号楼 2单元 301室" — tolerant of names that already carry their unit word. */
export function householdLabel(h: { buildingName: string; unit: string; room: string }): string {
  return `${h.buildingName} ${roomLabel(h)}`;
}

/** "2单元 301室", without the building (a list of one building's rooms). */
export function roomLabel(h: { unit: string; room: string }): string {
  const unit = /单元$/.test(h.unit) ? h.unit : `${h.unit}单元`;
  const room = /室$/.test(h.room) ? h.room : `${h.room}室`;
  return `${unit} ${room}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025年3月5日 14:30" in China time, whatever the phone's or the server's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
