import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { contentSubjectLabels, type ReportReason, reportReasonLabels, reportReasons } from '../../../shared/enums';
import { REPORT_NOTE_MAX, report, reportBody, type Subject } from '../../hooks/board-moderation';
import { useSubmit } from '../../hooks/useSubmit';
import { cx } from '../../lib/format';
import { checkWith } from '../../lib/validation';
import { FormError } from '../Form';
import { ChoiceGrid } from './ChoiceGrid';
import './board.css';

/**
 * 举报 a post or a comment: a reason (广告, 辱骂, 不实信息, 泄露隐私, 其他) and an optional note.
 * Once per person and item: a second time says so (ALREADY_REPORTED) and closes.
 */
export function ReportDialog(props: { communityId: number; target: Subject; onClose: () => void }) {
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const sending = useSubmit<'reason' | 'note'>();

  const send = async () => {
    const checked = checkWith<{ reason: ReportReason; note?: string }, 'reason' | 'note'>(
      reportBody,
      { ...props.target, reason, note },
      { override: { reason: '请选择举报理由' } },
    );
    if (!checked.body) {
      sending.setFieldErrors(checked.errors);
      return;
    }
    const body = checked.body;
    const done = await sending.submit(async () => {
      try {
        return await report(props.communityId, props.target, body.reason, body.note ?? '');
      } catch (e) {
        if ((e as { code?: string }).code === 'ALREADY_REPORTED') return { reported: true as const, again: true };
        throw e;
      }
    });
    if (!done) return;
    const again = 'again' in done;
    void Taro.showToast({
      title: again ? '您已经举报过了，工作人员会尽快处理' : '已举报，工作人员会尽快处理',
      icon: 'none',
      duration: 2500,
    });
    props.onClose();
  };

  return (
    <View className="mask" id="report-dialog">
      <View className="dialog">
        <Text className="t-title t-block">举报这条{contentSubjectLabels[props.target.subject]}</Text>
        <Text className="field-label gap-top">举报理由</Text>
        <ChoiceGrid
          id="report-reason"
          choices={reportReasons.map((r) => ({ value: r, label: reportReasonLabels[r] }))}
          value={reason}
          onChange={setReason}
        />
        {sending.fieldErrors.reason ? (
          <Text className="field-error" id="report-reason-error">
            {sending.fieldErrors.reason}
          </Text>
        ) : null}
        <Text className="field-label gap-top">补充说明（可不写）</Text>
        <Textarea
          id="report-note"
          className={cx('input textarea', sending.fieldErrors.note && 'input--error')}
          value={note}
          maxlength={REPORT_NOTE_MAX}
          onInput={(e) => setNote(e.detail.value)}
        />
        {sending.fieldErrors.note ? (
          <Text className="field-error" id="report-note-error">
            {sending.fieldErrors.note}
          </Text>
        ) : null}
        <FormError id="report-form-error" message={sending.formError} retry={sending.retry} />
        <View className="btn-row gap-top">
          <Button
            id="report-confirm"
            className="btn btn--danger"
            disabled={sending.busy || undefined}
            onClick={() => void send()}
          >
            {sending.busy ? '正在提交…' : '举报'}
          </Button>
          <Button id="report-cancel" className="btn btn--plain" onClick={props.onClose}>
            取消
          </Button>
        </View>
      </View>
    </View>
  );
}
