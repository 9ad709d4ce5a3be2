import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { editPost, POST_BODY_MAX } from '../../../shared/contracts/board';
import { board, type PostDetail } from '../../hooks/board';
import { editMinutesLeft } from '../../lib/board-text';
import { WriteBox } from './WriteBox';
import './board.css';

/**
 * Statuses from which the author may say 已解决 or 还没解决: a reply came (已回复) or the work is
 * done (已办结). 已解决 is final (the server's transitions table, server/features/board/status.ts).
 */
const answerable = new Set<PostDetail['status']>(['replied', 'done']);

/** Minutes left to edit, counted down while the page is open. */
function useMinutesLeft(createdAt: string, on: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setNow(Date.now()), 20_000);
    return () => clearInterval(timer);
  }, [on]);
  return on ? editMinutesLeft(createdAt, now) : 0;
}

/** The author's own buttons: 编辑 (10 minutes), 删除, 已解决, 还没解决. */
export function AuthorActions(props: {
  post: PostDetail;
  onChange: (post: PostDetail) => void;
  onReopen: () => void;
  onDeleted: () => void;
}) {
  const p = props.post;
  const key = { communityId: p.communityId, postId: p.id };
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const minutes = useMinutesLeft(p.createdAt, p.canEdit);
  const canEdit = p.canEdit && minutes > 0;

  const act = async (confirm: { title: string; content: string; confirmText: string }, work: () => Promise<void>) => {
    const answer = await Taro.showModal({ ...confirm, cancelText: '再想想' });
    if (!answer.confirm) return;
    setBusy(true);
    try {
      await work();
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message || '没有成功，请稍后再试', icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };

  const remove = () =>
    act({ title: '删除留言', content: '删除后邻居就看不到了，确定删除吗？', confirmText: '删除' }, async () => {
      await board.remove(key);
      void Taro.showToast({ title: '已删除', icon: 'none' });
      props.onDeleted();
    });

  const resolve = () =>
    act(
      { title: '问题解决了吗', content: '确认已经解决后，这条会标为「已解决」。', confirmText: '已解决' },
      async () => {
        props.onChange(await board.resolve(key));
        void Taro.showToast({ title: '已标为已解决', icon: 'none' });
      },
    );

  return (
    <View className="card" id="post-author-actions">
      <Text className="t-title t-block">我发的</Text>
      {editing ? (
        <WriteBox
          id="post-edit"
          label="修改内容"
          placeholder="请写下您想说的话"
          max={POST_BODY_MAX}
          schema={editPost.body}
          initial={p.body}
          submitText="保存修改"
          send={(body) => board.edit(key, body)}
          onDone={(next) => {
            setEditing(false);
            props.onChange(next);
            void Taro.showToast({ title: '已修改', icon: 'none' });
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      {canEdit && !editing ? (
        <Text className="t-small t-block" id="post-edit-note">
          发布后10分钟内可以修改，还剩约{minutes}分钟
        </Text>
      ) : null}
      <View className="btn-row gap-top">
        {canEdit && !editing ? (
          <Button id="post-edit-open" className="btn btn--plain" onClick={() => setEditing(true)}>
            编辑
          </Button>
        ) : null}
        {p.state === 'visible' && answerable.has(p.status) ? (
          <Button
            id="post-resolve"
            className="btn btn--primary"
            disabled={busy || undefined}
            onClick={() => void resolve()}
          >
            已解决
          </Button>
        ) : null}
        {p.state === 'visible' && answerable.has(p.status) ? (
          <Button id="post-reopen" className="btn btn--plain" disabled={busy || undefined} onClick={props.onReopen}>
            还没解决
          </Button>
        ) : null}
        <Button id="post-delete" className="btn btn--danger" disabled={busy || undefined} onClick={() => void remove()}>
          删除
        </Button>
      </View>
    </View>
  );
}
