import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { type NoticeAdmin, withdrawNotice } from '../../../../shared/contracts/notices';
import { FormError } from '../../../components/Form';
import { withdrawNoticeWith } from '../../../hooks/notices-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { cx } from '../../../lib/format';
import { checkWith } from '../../../lib/validation';

/** 撤回: the reason is required (residents opening the link see it instead of the notice). */
export function WithdrawDialog(props: {
  communityId: number;
  notice: NoticeAdmin;
  onClose: () => void;
  onDone: (n: NoticeAdmin) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const sending = useSubmit<'reason'>();
  const shownError = error ?? sending.fieldErrors.reason ?? null;

  const confirm = async () => {
    const checked = checkWith<{ reason: string }, 'reason'>(withdrawNotice.body, { reason });
    if (!checked.body) {
      setError(checked.errors.reason ?? '请填写撤回原因');
      return;
    }
    setError(null);
    const body = checked.body;
    const next = await sending.submit(() => withdrawNoticeWith(props.communityId, props.notice.id, body.reason));
    if (!next) return;
    void Taro.showToast({ title: '已撤回', icon: 'none' });
    props.onDone(next);
  };

  return (
    <View className="mask" id="withdraw-dialog">
      <View className="dialog">
        <Text className="t-title t-block">撤回「{props.notice.title}」</Text>
        <Text className="t-body t-block gap-top">撤回后居民打开链接只看到“此通知已撤回”和下面的原因。</Text>
        <Text className="field-label gap-top">撤回原因（必填）</Text>
        <Textarea
          id="withdraw-reason"
          className={cx('input textarea', shownError && 'input--error')}
          value={reason}
          maxlength={200}
          placeholder="例如：时间改了，请看新的通知"
          onInput={(e) => setReason(e.detail.value)}
        />
        {shownError ? (
          <Text className="field-error" id="withdraw-reason-error">
            {shownError}
          </Text>
        ) : null}
        <FormError id="withdraw-form-error" message={sending.formError} retry={sending.retry} />
        <View className="btn-row gap-top">
          <Button
            id="withdraw-confirm"
            className="btn btn--danger"
            disabled={sending.busy || undefined}
            onClick={() => void confirm()}
          >
            {sending.busy ? '正在撤回…' : '确定撤回'}
          </Button>
          <Button id="withdraw-cancel" className="btn btn--plain" onClick={props.onClose}>
            不撤回
          </Button>
        </View>
      </View>
    </View>
  );
}
