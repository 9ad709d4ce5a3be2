import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import {
  type Closure,
  monthDay,
  type OfficeHours,
  officeState,
  officeStatusText,
  upcomingClosures,
  weekdayLabels,
} from '../../shared/domain/office-hours';
import { type OfficeStatus, officeStatusLabels } from '../../shared/enums';

const statusTag: Record<OfficeStatus, string> = { open: 'tag--ok', closed: 'tag--off', day_off: 'tag--warn' };

export function OfficeStatusBadge(props: { status: OfficeStatus; id?: string; label?: string }) {
  return (
    <Text id={props.id} className={`tag office-status office-status--${props.status} ${statusTag[props.status]}`}>
      {props.label ?? officeStatusLabels[props.status]}
    </Text>
  );
}

function periodsText(periods: { start: string; end: string }[]): string {
  return periods.length ? periods.map((p) => `${p.start}–${p.end}`).join('、') : '休息';
}

/** The current minute, updated every 30 s, so 办公中 turns into 已下班 while the page is open. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * 办公时间: today's status computed on the phone with the same shared rule as the server
 * (China time, holidays and 调休 days override the weekly hours), and the week at a glance.
 */
export function OfficeHoursView(props: { hours: OfficeHours; now?: Date }) {
  const tick = useNow();
  const now = props.now ?? tick;
  const state = officeState(props.hours, now);
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    periods: props.hours.weekly.find((d) => d.weekday === weekday)?.periods ?? [],
  }));
  return (
    <View id="office-hours">
      <View className="row">
        <Text className="t-body">现在</Text>
        <OfficeStatusBadge
          id="office-status"
          status={state.status}
          label={state.phase === 'lunch' ? '午休中' : undefined}
        />
      </View>
      <Text className="t-body t-block gap-top" id="office-status-text">
        {officeStatusText(state)}
      </Text>
      <Text className="t-body t-block gap-top" id="office-today">
        今天：{periodsText(state.today)}
        {state.note ? `（${state.note}）` : ''}
      </Text>
      <View className="gap-top">
        {weekly.map((d) => (
          <View key={d.weekday} className="row row--between office-week-row">
            <Text className="t-small">{weekdayLabels[d.weekday]}</Text>
            <Text className="t-small">{periodsText(d.periods)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function closureText(c: Closure): string {
  const days = c.from === c.to ? monthDay(c.from) : `${monthDay(c.from)}–${monthDay(c.to)}`;
  if (c.kind === 'closed') return `${days} 不办公${c.note ? `（${c.note}）` : ''}`;
  return `${days} 照常办公 ${periodsText(c.periods)}${c.note ? `（${c.note}）` : ''}`;
}

/** 近期放假: holiday closures and 调休 working days in the next 14 days; nothing when there are none. */
export function UpcomingClosures(props: { hours: OfficeHours; now?: Date }) {
  const tick = useNow(600_000);
  const runs = upcomingClosures(props.hours, props.now ?? tick);
  if (runs.length === 0) return null;
  return (
    <View id="office-closures" className="gap-top">
      <Text className="t-title t-block">近期放假安排</Text>
      {runs.map((c) => (
        <Text key={c.from} className="t-body t-block office-closure" id={`closure-${c.from}`}>
          {closureText(c)}
        </Text>
      ))}
    </View>
  );
}
