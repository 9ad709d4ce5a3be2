import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { type OfficeHours, officeState, weekdayLabels } from '../../shared/domain/office-hours';
import { type OfficeStatus, officeStatusLabels } from '../../shared/enums';

const statusTag: Record<OfficeStatus, string> = { open: 'tag--ok', closed: 'tag--off', day_off: 'tag--warn' };

export function OfficeStatusBadge(props: { status: OfficeStatus; id?: string }) {
  return (
    <Text id={props.id} className={`tag office-status office-status--${props.status} ${statusTag[props.status]}`}>
      {officeStatusLabels[props.status]}
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
        <OfficeStatusBadge id="office-status" status={state.status} />
      </View>
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
