import { Text, View } from '@tarojs/components';
import { addDays } from '../../../shared/domain/office-hours';
import { cx } from '../../lib/format';
import './rentals.css';

export interface CalendarDay {
  date: string;
  free: number;
}

type Cell = { kind: 'blank'; key: string } | { kind: 'past'; date: string } | { kind: 'day'; day: CalendarDay };

/**
 * Cells of one month, Monday first. The first month starts on its 1st: the days before the first
 * shown one are past (greyed); blanks pad the weeks.
 */
function monthCells(days: CalendarDay[], first: boolean): Cell[] {
  const firstShown = days[0].date;
  const start = first ? `${firstShown.slice(0, 8)}01` : firstShown;
  const cells: Cell[] = [];
  for (let i = addDays(start, 0).weekday - 1; i > 0; i--) cells.push({ kind: 'blank', key: `lead-${i}` });
  for (let d = start; d < firstShown; d = addDays(d, 1).date) cells.push({ kind: 'past', date: d });
  for (const day of days) cells.push({ kind: 'day', day });
  while (cells.length % 7 !== 0) cells.push({ kind: 'blank', key: `tail-${cells.length}` });
  return cells;
}

const dayNumber = (date: string) => Number(date.slice(8, 10));

/**
 * Units free per day, a month grid per month. Each day says its count in words (余2 / 满), not by
 * colour alone; past days are greyed; the chosen dates are framed. Not a tap target: seven cells
 * across a 320-px phone are narrower than a finger (the booking page picks dates with big buttons).
 */
export function RentalCalendar(props: {
  id: string;
  days: CalendarDay[];
  selected?: { startOn: string; endOn: string } | null;
}) {
  const months: CalendarDay[][] = [];
  for (const d of props.days) {
    const last = months.at(-1);
    if (last && last[0].date.slice(0, 7) === d.date.slice(0, 7)) last.push(d);
    else months.push([d]);
  }
  const sel = props.selected;
  return (
    <View id={props.id} className="rental-calendar">
      <Text className="t-small t-block">“余2”是那天还有2件空闲，“满”是那天没有空闲。</Text>
      {months.map((days, m) => (
        <View key={days[0].date} className="rental-month">
          <Text className="t-title t-block rental-month-title">
            {Number(days[0].date.slice(0, 4))}年{Number(days[0].date.slice(5, 7))}月
          </Text>
          <View className="rental-grid">
            {['一', '二', '三', '四', '五', '六', '日'].map((w) => (
              <Text key={w} className="rental-cell rental-cell--head">
                {w}
              </Text>
            ))}
            {monthCells(days, m === 0).map((c) => {
              if (c.kind === 'blank') return <View key={c.key} className="rental-cell rental-cell--blank" />;
              if (c.kind === 'past')
                return (
                  <View key={c.date} className="rental-cell rental-cell--past">
                    <Text className="rental-cell-day">{dayNumber(c.date)}</Text>
                    <Text className="rental-cell-free">已过</Text>
                  </View>
                );
              const { date, free } = c.day;
              const inRange = sel ? date >= sel.startOn && date <= sel.endOn : false;
              return (
                <View
                  key={date}
                  id={`${props.id}-${date}`}
                  className={cx(
                    'rental-cell',
                    free > 0 ? 'rental-cell--free' : 'rental-cell--full',
                    inRange && 'rental-cell--on',
                  )}
                >
                  <Text className="rental-cell-day">{dayNumber(date)}</Text>
                  <Text className="rental-cell-free" id={`${props.id}-${date}-free`}>
                    {free > 0 ? `余${free}` : '满'}
                  </Text>
                </View>
              );
            })}
          </View>
        </View>
      ))}
    </View>
  );
}
