import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { cx } from '../../lib/format';
import { type CalendarDay, RentalCalendar } from './Calendar';
import { dayLabel, plusDays, weekdayLabel } from './text';
import './rentals.css';

/** A number with big − and + buttons either side (no tiny native picker). */
function Stepper(props: {
  id: string;
  value: number;
  min: number;
  max: number;
  less: string;
  more: string;
  unit: string;
  onChange: (n: number) => void;
}) {
  return (
    <View className="rental-stepper" id={props.id}>
      <Button
        id={`${props.id}-less`}
        className="btn btn--plain"
        disabled={props.value <= props.min || undefined}
        onClick={() => props.onChange(Math.max(props.min, props.value - 1))}
      >
        {props.less}
      </Button>
      <Text className="rental-stepper-value" id={`${props.id}-value`}>
        {props.value}
        {props.unit}
      </Text>
      <Button
        id={`${props.id}-more`}
        className="btn btn--plain"
        disabled={props.value >= props.max || undefined}
        onClick={() => props.onChange(Math.min(props.max, props.value + 1))}
      >
        {props.more}
      </Button>
    </View>
  );
}

/**
 * 哪天开始, 借多久: the start day moved a day at a time, the length in days (or rental periods),
 * each with what the calendar says is free then.
 */
export function DateChoice(props: {
  startOn: string;
  endOn: string;
  today: string;
  count: number;
  maxCount: number;
  /** per_period items are booked in whole periods of this many days. */
  periodDays: number | null;
  days: CalendarDay[] | null;
  onStart: (date: string) => void;
  onCount: (n: number) => void;
  error?: string | null;
}) {
  const { startOn, endOn, days } = props;
  const [showCalendar, setShowCalendar] = useState(false);
  const last = days?.at(-1)?.date ?? plusDays(props.today, 59);
  const freeOn = days?.find((d) => d.date === startOn)?.free ?? null;
  const inRange = days?.filter((d) => d.date >= startOn && d.date <= endOn) ?? [];
  const leastFree = inRange.length ? Math.min(...inRange.map((d) => d.free)) : null;
  const quick = props.periodDays ? [] : [7, 14, 30].filter((n) => n <= props.maxCount);
  return (
    <View className="card" id="book-dates">
      <Text className="t-title t-block">哪天开始用</Text>
      <Text className="t-hero t-block t-center gap-top" id="book-start">
        {dayLabel(startOn, props.today)} {weekdayLabel(startOn)}
      </Text>
      {freeOn !== null ? (
        <Text
          className={cx('t-body t-block t-center rental-free', freeOn > 0 ? 'rental-free--yes' : 'rental-free--no')}
          id="book-start-free"
        >
          {freeOn > 0 ? `这天还有${freeOn}件空闲` : '这天没有空闲'}
        </Text>
      ) : null}
      <View className="btn-row gap-top">
        <Button
          id="book-start-earlier"
          className="btn btn--plain"
          disabled={startOn <= props.today || undefined}
          onClick={() => props.onStart(plusDays(startOn, -1))}
        >
          早一天
        </Button>
        <Button
          id="book-start-later"
          className="btn btn--plain"
          disabled={startOn >= last || undefined}
          onClick={() => props.onStart(plusDays(startOn, 1))}
        >
          晚一天
        </Button>
      </View>
      <Text className="t-title t-block gap-top-lg">
        {props.periodDays ? `借几个租期（每期${props.periodDays}天）` : '借几天'}
      </Text>
      <Stepper
        id="book-count"
        value={props.count}
        min={1}
        max={props.maxCount}
        less={props.periodDays ? '少一期' : '少一天'}
        more={props.periodDays ? '多一期' : '多一天'}
        unit={props.periodDays ? '期' : '天'}
        onChange={props.onCount}
      />
      {quick.length ? (
        <View className="chips">
          {quick.map((n) => (
            <View
              key={n}
              id={`book-count-${n}`}
              className={cx('chip', props.count === n && 'chip--on')}
              onClick={() => props.onCount(n)}
            >
              {n}天
            </View>
          ))}
        </View>
      ) : null}
      <Text className="t-body t-block gap-top" id="book-range">
        {dayLabel(startOn, props.today)}开始用，{dayLabel(endOn, props.today)}还
      </Text>
      {leastFree !== null ? (
        <Text className={cx('t-body t-block', leastFree > 0 ? 't-ok' : 't-danger')} id="book-range-free">
          {leastFree > 0 ? `这段时间每天都有空闲（最少${leastFree}件）` : '这段时间有几天没有空闲，可能要排队'}
        </Text>
      ) : null}
      {days ? (
        <Button
          id="book-calendar-toggle"
          className="btn btn--plain btn--block gap-top"
          onClick={() => setShowCalendar(!showCalendar)}
        >
          {showCalendar ? '收起日历' : '看看哪天有空闲'}
        </Button>
      ) : null}
      {days && showCalendar ? <RentalCalendar id="book-calendar" days={days} selected={{ startOn, endOn }} /> : null}
      {props.error ? (
        <Text className="field-error t-block" id="book-dates-error">
          {props.error}
        </Text>
      ) : null}
    </View>
  );
}
