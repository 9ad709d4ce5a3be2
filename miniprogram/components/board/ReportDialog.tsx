import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { REPORT_NOTE_MAX } from '../../../shared/contracts/moderation';
import {
  type ContentSubject,
  contentSubjectLabels,
  type ReportReason,
  reportReasonLabels,
  reportReasons,
} from '../../../shared/enums';
import { useReport } from '../../hooks/useReport';
import { cx } from '../../lib/format';
import { FormError } from '../Form';

/**
 * 举报 one post or comment: pick a reason (广告、辱骂、不实信息、泄露隐私、其他), add a note if
 * wanted, send. Element ids start with `report-` (`report-dialog`, `report-reason-ad`,
 * `report-note`, `report-submit`, `report-cancel`).
 */
export function ReportDialog(props: {
  communityId: number;
  subject: ContentSubject;
  subjectId: number;
  onClose: () => void;
  /** Called after the report was taken. */
  onDone?: () => void;
}) {
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const sending = useReport(props.communityId, props.subject, props.subjectId);
  const kind = contentSubjectLabels[props.subject];

  const submit = async () => {
    if (!(await sending.report(reason, note))) return;
    void Taro.showToast({ title: '已举报，谢谢您', icon: 'none' });
    props.onDone?.();
    props.onClose();
  };

  return (
    <View className="mask" id="report-dialog">
      <View className="dialog">
        <Text className="t-title t-block">举报这条{kind}</Text>
        <Text className="t-body t-block gap-top">多位居民举报后会先隐藏，工作人员再看。不会告诉作者是谁举报的。</Text>
        <Text className="field-label gap-top">举报理由</Text>
        <View className="chips" id="report-reasons">
          {reportReasons.map((r) => (
            <View
              key={r}
              id={`report-reason-${r}`}
              className={cx('chip', reason === r && 'chip--on')}
              onClick={() => setReason(r)}
            >
              {reportReasonLabels[r]}
            </View>
          ))}
        </View>
        {sending.fieldErrors.reason ? (
          <Text className="field-error" id="report-reason-error">
            {sending.fieldErrors.reason}
          </Text>
        ) : null}
        <Text className="field-label gap-top">补充说明（可以不填）</Text>
        <Textarea
          id="report-note"
          className={cx('input textarea', sending.fieldErrors.note && 'input--error')}
          value={note}
          maxlength={REPORT_NOTE_MAX}
          placeholder="例如：留言里有别人的电话号码"
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
            id="report-submit"
            className="btn btn--danger"
            disabled={sending.busy || undefined}
            onClick={() => void submit()}
          >
            {sending.busy ? '正在提交…' : '提交举报'}
          </Button>
          <Button id="report-cancel" className="btn btn--plain" onClick={props.onClose}>
            不举报了
          </Button>
        </View>
      </View>
    </View>
  );
}
