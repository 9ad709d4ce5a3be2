import Taro from '@tarojs/taro';
import { type NoticeAdmin, withdrawNotice } from '../../../../shared/contracts/notices';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { withdrawNoticeWith } from '../../../hooks/notices-admin';

/** 撤回: the reason is required (residents opening the link see it instead of the notice). */
export function WithdrawDialog(props: {
  communityId: number;
  notice: NoticeAdmin;
  onClose: () => void;
  onDone: (n: NoticeAdmin) => void;
}) {
  return (
    <ReasonDialog<NoticeAdmin>
      id="withdraw"
      title={`撤回「${props.notice.title}」`}
      explain="撤回后居民打开链接只看到“此通知已撤回”和下面的原因。"
      label="撤回原因（必填）"
      placeholder="例如：时间改了，请看新的通知"
      maxLength={200}
      confirmText="确定撤回"
      busyText="正在撤回…"
      keepText="不撤回"
      schema={withdrawNotice.body}
      send={(reason) => withdrawNoticeWith(props.communityId, props.notice.id, reason)}
      onDone={(n) => {
        void Taro.showToast({ title: '已撤回', icon: 'none' });
        props.onDone(n);
      }}
      onClose={props.onClose}
    />
  );
}
