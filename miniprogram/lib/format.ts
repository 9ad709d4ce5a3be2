import { formatDistance } from '../../shared/domain/geo';
import { formatDateTime, householdLabel, roomLabel } from '../../shared/domain/labels';

// Shared with the server, which names households and times the same way (e.g. in 操作记录).
export { formatDateTime, formatDistance, householdLabel, roomLabel };

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
