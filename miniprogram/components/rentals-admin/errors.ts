import type { ApiError } from '../../api/client';

/** What a 409 about dates adds: the free windows (RENTAL_UNAVAILABLE) or the bookings in the way (UNIT_BUSY). */
interface Range {
  startOn: string;
  endOn: string;
  id?: number;
}

function ranges(value: unknown): Range[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is Range =>
      typeof r === 'object' &&
      r !== null &&
      typeof (r as Range).startOn === 'string' &&
      typeof (r as Range).endOn === 'string',
  );
}

/** The server's message, then what is free or what is in the way, in one sentence for the form. */
export function rentalRefusal(error: ApiError): string {
  const details = (error.details ?? {}) as Record<string, unknown>;
  if (error.code === 'RENTAL_UNAVAILABLE') {
    const free = ranges(details.free);
    return free.length
      ? `${error.message}。空闲的开始日期：${free.map((r) => (r.startOn === r.endOn ? r.startOn : `${r.startOn} 至 ${r.endOn}`)).join('、')}`
      : error.message;
  }
  if (error.code === 'UNIT_BUSY') {
    const busy = ranges(details.bookings ?? details.holds);
    return busy.length
      ? `${error.message}。挡住的预约：${busy.map((r) => `${r.id ? `#${r.id} ` : ''}${r.startOn} 至 ${r.endOn}`).join('、')}`
      : error.message;
  }
  return error.message;
}
