import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Field } from '../../../components/Form';
import { chinaDate, chinaTime, moment } from './form';

/** 定时发布: the day and time it goes out (China time), later than now. */
export function Schedule(props: {
  initialAt: string | null;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (at: string) => void;
}) {
  const [date, setDate] = useState(chinaDate(props.initialAt));
  const [time, setTime] = useState(chinaTime(props.initialAt));
  const [error, setError] = useState<string | null>(null);

  const confirm = () => {
    const at = Date.parse(moment(date, time));
    if (!Number.isFinite(at)) return setError('请填写发布的日期和时间，例如 2026-12-05 和 08:00');
    if (at <= Date.now()) return setError('发布时间要晚于现在');
    setError(null);
    props.onConfirm(new Date(at).toISOString());
  };

  return (
    <View className="card" id="notice-schedule">
      <Text className="t-title t-block">定时发布</Text>
      <Text className="t-small t-block">到了这个时间自动发布，之前还可以修改或取消定时。</Text>
      <View className="row row--wrap notice-datetime gap-top">
        <View className="grow notice-date">
          <Field
            id="notice-schedule-date"
            label="日期"
            value={date}
            onChange={setDate}
            placeholder="例如：2026-12-05"
            maxlength={10}
          />
        </View>
        <View className="grow notice-time">
          <Field
            id="notice-schedule-time"
            label="时间"
            value={time}
            onChange={setTime}
            placeholder="例如：08:00"
            maxlength={5}
          />
        </View>
      </View>
      {error ? (
        <Text className="field-error" id="notice-schedule-error">
          {error}
        </Text>
      ) : null}
      <View className="btn-row gap-top">
        <Button
          id="notice-schedule-confirm"
          className="btn btn--primary"
          disabled={props.busy || undefined}
          onClick={confirm}
        >
          确定定时
        </Button>
        <Button id="notice-schedule-cancel" className="btn btn--plain" onClick={props.onCancel}>
          不定时了
        </Button>
      </View>
    </View>
  );
}
