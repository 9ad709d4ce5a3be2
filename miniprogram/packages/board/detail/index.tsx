import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { COMMENT_BODY_MAX, officialReply, REASON_MAX, reopenPost } from '../../../../shared/contracts/board';
import { ensureSession, signInWithWechat, useSession } from '../../../api/session';
import { AuthorActions } from '../../../components/board/AuthorActions';
import { Comments } from '../../../components/board/Comments';
import { PlusOne } from '../../../components/board/PlusOne';
import { PostView } from '../../../components/board/PostView';
import { Rating } from '../../../components/board/Rating';
import { ReportDialog } from '../../../components/board/ReportDialog';
import { StateBanner } from '../../../components/board/StateBanner';
import { Timeline } from '../../../components/board/Timeline';
import { WriteBox } from '../../../components/board/WriteBox';
import { PageShell } from '../../../components/PageShell';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { ErrorState, Loading } from '../../../components/StateView';
import { board, type PostDetail, useBoardPost, useComments } from '../../../hooks/board';
import { APPEAL_MAX, appeal, appealText, type Subject } from '../../../hooks/board-moderation';
import { isH5 } from '../../../lib/env';
import { back, go, intParam, routes } from '../../../lib/routes';

/** 复制链接 (H5): the page's own address, hash route and query included. */
function copyLink() {
  void Taro.setClipboardData({ data: window.location.href }).then(
    () => Taro.showToast({ title: '链接已复制，可以发给邻居', icon: 'none' }),
    () => undefined,
  );
}

const appealSchema = z.object({ reason: appealText });

/** One post of the board or one 小事快办, with its progress, replies and comments. */
export default function BoardDetail() {
  const params = useRouter().params;
  const communityId = intParam(params.communityId);
  const postId = intParam(params.id);
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const post = useBoardPost(communityId, postId, signedIn);
  const p = post.data;
  const comments = useComments(communityId, postId, signedIn && p !== null && p.state === 'visible');
  const [dialog, setDialog] = useState<'reopen' | null>(null);
  const [appealing, setAppealing] = useState<Subject | null>(null);
  const [reporting, setReporting] = useState<Subject | null>(null);
  const member = session.me?.memberships.find((m) => m.communityId === communityId && m.status === 'approved');
  const staff = member?.role === 'moderator' || member?.role === 'handler';
  // Staff answer with a 居委回复; comments and 我也遇到了 are the residents' own.
  const resident = member?.role === 'resident';

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  useShareAppMessage(() => ({
    title: p && p.state === 'visible' ? p.body.slice(0, 30) : '社区留言板',
    path: communityId && postId ? routes.boardDetail(communityId, postId) : routes.home,
  }));

  const alone = Taro.getCurrentPages().length <= 1;
  const code = post.error?.code;
  const missing = communityId === null || postId === null || code === 'NOT_FOUND';
  const membersOnly = code === 'FORBIDDEN' || code === 'NOTICE_MEMBERS_ONLY' || session.status === 'signed-out';
  const set = (next: PostDetail) => post.setData(next);
  const key = { communityId: communityId as number, postId: postId as number };

  let content: JSX.Element | null = null;
  if (missing) {
    content = (
      <View className="state" id="post-missing">
        <Text className="state-text t-body">没有找到这条留言，可能已被删除</Text>
      </View>
    );
  } else if (membersOnly) {
    content = (
      <View className="card" id="post-members-only">
        <Text className="t-title t-block">加入本社区后可查看</Text>
        <Text className="t-body t-block gap-top">留言只给本社区的居民看。住在这里？申请加入后就能看到。</Text>
        <Button
          id="post-join"
          className="btn btn--primary btn--block gap-top"
          onClick={() => go(routes.join(key.communityId))}
        >
          申请加入
        </Button>
        {signedIn ? null : (
          <Button
            id="post-sign-in"
            className="btn btn--plain btn--block"
            onClick={() => signInWithWechat().catch(() => undefined)}
          >
            我已经是居民，登录查看
          </Button>
        )}
      </View>
    );
  } else if (post.error) {
    content = <ErrorState error={post.error} onRetry={post.reload} />;
  } else if (!p) {
    content = <Loading />;
  } else {
    const visible = p.state === 'visible';
    content = (
      <View>
        {p.mine ? (
          <StateBanner id="post-state" item={p} onAppeal={() => setAppealing({ subject: 'post', subjectId: p.id })} />
        ) : null}
        <PostView post={p} />
        {visible ? (
          <View className="btn-row board-toolbar">
            {resident ? <PlusOne post={p} onChange={(r) => set({ ...p, ...r })} /> : null}
            {p.mine ? null : (
              <Button
                id="post-report"
                className="btn btn--plain"
                onClick={() => setReporting({ subject: 'post', subjectId: p.id })}
              >
                举报
              </Button>
            )}
          </View>
        ) : null}
        <Timeline post={p} />
        <Rating post={p} onChange={set} />
        {p.mine && p.state !== 'deleted' ? (
          <AuthorActions post={p} onChange={set} onReopen={() => setDialog('reopen')} onDeleted={back} />
        ) : null}
        {staff && visible ? (
          <View className="card" id="official-reply">
            <WriteBox
              id="official-reply-box"
              label="居委回复（会置顶显示，并通知发帖人）"
              placeholder="请写下回复"
              max={COMMENT_BODY_MAX}
              schema={officialReply.body}
              submitText="发布居委回复"
              send={(body) => board.officialReply(key, body)}
              onDone={() => {
                void Taro.showToast({ title: '已回复', icon: 'none' });
                void post.reload();
                void comments.reload();
              }}
            />
          </View>
        ) : null}
        {visible ? (
          <Comments
            communityId={key.communityId}
            postId={key.postId}
            list={comments}
            canComment={resident}
            onCommented={() => set({ ...p, commentCount: p.commentCount + 1 })}
            onReport={(c) => setReporting({ subject: 'comment', subjectId: c.id })}
            onAppeal={(c) => setAppealing({ subject: 'comment', subjectId: c.id })}
          />
        ) : null}
        {isH5 && visible ? (
          <Button id="post-copy-link" className="btn btn--plain btn--block" onClick={copyLink}>
            复制链接
          </Button>
        ) : null}
      </View>
    );
  }

  return (
    <PageShell id="board-detail" title={p?.kind === 'matter' ? '小事快办' : '留言详情'}>
      {content}
      {alone || missing ? (
        <Button id="post-back-home" className="btn btn--plain btn--block gap-top" onClick={() => go(routes.home)}>
          回首页
        </Button>
      ) : null}
      {dialog === 'reopen' && p ? (
        <ReasonDialog
          id="reopen"
          title="还没解决"
          explain="说说哪里还没解决，居委会（或物业）会再处理。"
          label="还没解决的原因"
          placeholder="比如：灯修好了两天又不亮了"
          maxLength={REASON_MAX}
          confirmText="提交"
          busyText="正在提交…"
          keepText="取消"
          schema={reopenPost.body}
          send={(reason) => board.reopen(key, reason)}
          onDone={(next) => {
            setDialog(null);
            set(next);
            void Taro.showToast({ title: '已重新提交', icon: 'none' });
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {appealing && p ? (
        <ReasonDialog
          id="appeal"
          title="申诉"
          explain="每条内容只能申诉一次，工作人员会重新查看。"
          label="申诉的理由"
          placeholder="请说明为什么这条内容不该被隐藏"
          maxLength={APPEAL_MAX}
          confirmText="提交申诉"
          busyText="正在提交…"
          keepText="取消"
          schema={appealSchema}
          send={(reason) => appeal(key.communityId, appealing, reason)}
          onDone={() => {
            setAppealing(null);
            if (appealing.subject === 'post') set({ ...p, canAppeal: false });
            else
              comments.update((items) =>
                items.map((c) => (c.id === appealing.subjectId ? { ...c, canAppeal: false } : c)),
              );
            void Taro.showToast({ title: '已提交申诉', icon: 'none' });
          }}
          onClose={() => setAppealing(null)}
        />
      ) : null}
      {reporting && communityId ? (
        <ReportDialog
          communityId={communityId}
          subject={reporting.subject}
          subjectId={reporting.subjectId}
          onClose={() => setReporting(null)}
        />
      ) : null}
    </PageShell>
  );
}
