import { Switch, Text, View } from '@tarojs/components';
import { SIGNUP_PEOPLE_MAX } from '../../../../shared/contracts/notices';
import { Field } from '../../../components/Form';
import { colors } from '../../../lib/tokens';
import type { FieldErrors } from '../../../lib/validation';
import type { NoticeField, NoticeForm } from './form';

/** 活动报名 settings, for an 活动 notice: places (people), the deadline, people per household. */
export function SignupFields(props: {
  form: NoticeForm;
  set: <K extends keyof NoticeForm>(key: K, value: NoticeForm[K]) => void;
  errors: FieldErrors<NoticeField>;
  /** Sign-ups have come in: switching them off is the server's to refuse. */
  locked?: boolean;
}) {
  const { form, set, errors } = props;
  return (
    <View className="card notice-signup" id="notice-signup">
      <View className="switch-row">
        <View className="grow">
          <Text className="t-body t-block">需要报名</Text>
          <Text className="t-small t-block" id="notice-signup-state">
            {form.signupOn ? '居民在通知里报名，名额满了可以排队' : '不用报名，来了就行'}
          </Text>
        </View>
        <Switch
          id="notice-signup-switch"
          className="switch-big"
          aria-label="需要报名"
          nativeProps={{ role: 'switch', 'aria-label': '需要报名' }}
          checked={form.signupOn}
          color={colors.primary}
          onChange={(e) => set('signupOn', e.detail.value)}
        />
      </View>
      {form.signupOn ? (
        <View className="gap-top">
          <Field
            id="notice-capacity"
            label="名额（人数）"
            type="number"
            value={form.capacity}
            onChange={(v) => set('capacity', v)}
            placeholder="例如：30"
            maxlength={5}
            error={errors.capacity}
          />
          <View className="row row--wrap notice-datetime">
            <View className="grow notice-date">
              <Field
                id="notice-deadline-date"
                label="报名截止日期"
                value={form.deadlineDate}
                onChange={(v) => set('deadlineDate', v)}
                placeholder="例如：2026-12-05"
                maxlength={10}
              />
            </View>
            <View className="grow notice-time">
              <Field
                id="notice-deadline-time"
                label="截止时间"
                value={form.deadlineTime}
                onChange={(v) => set('deadlineTime', v)}
                placeholder="例如：18:00"
                maxlength={5}
              />
            </View>
          </View>
          {errors.deadline ? (
            <Text className="field-error" id="notice-deadline-error">
              {errors.deadline}
            </Text>
          ) : null}
          <Field
            id="notice-max-people"
            label="每户最多几人"
            type="number"
            value={form.maxPeople}
            onChange={(v) => set('maxPeople', v)}
            hint={`1到${SIGNUP_PEOPLE_MAX}人`}
            maxlength={2}
            error={errors.maxPeople}
          />
        </View>
      ) : null}
      {errors.signup ? (
        <Text className="field-error" id="notice-signup-error">
          {errors.signup}
        </Text>
      ) : null}
    </View>
  );
}
