import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { uploadPhoto } from '../../../../shared/contracts/board';
import {
  NEIGHBOUR_MESSAGE_IMAGES,
  NEIGHBOUR_MESSAGE_MAX,
  NEIGHBOUR_WECHAT_ID_MAX,
  type NeighbourMessageView,
} from '../../../../shared/contracts/neighbours';
import type { UploadReply } from '../../../../shared/contracts/uploads';
import {
  NEIGHBOUR_CONSENT_VERSION,
  NEIGHBOUR_GONE,
  NEIGHBOUR_NO_NAME,
  neighbourConsentTexts,
} from '../../../../shared/domain/neighbour-card';
import { contactViewLabels } from '../../../../shared/domain/neighbour-contact';
import { ReportDialog } from '../../../components/board/ReportDialog';
import { FormError } from '../../../components/Form';
import { useNeighbourGate } from '../../../components/neighbours/gate';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { neighbours, type SharedContact, useThread } from '../../../hooks/neighbours';
import { useSubmit } from '../../../hooks/useSubmit';
import { rejectedMessage } from '../../../lib/board-text';
import { cx, formatDateTime } from '../../../lib/format';
import { chooseNoticeFiles, fileUrl, sendFile } from '../../../lib/notice-files';
import { go, intParam, routes } from '../../../lib/routes';
import { colors } from '../../../lib/tokens';
import '../../../components/board/board.css';
import '../../../components/neighbours/neighbours.css';
import { NeighboursOutside } from '../../../components/neighbours/Outside';

/**
 * A private thread with one neighbour: messages (mine right, theirs left), send with up to three
 * photos, 加载更早的消息, what each side chose to share (phone, WeChat ID), 举报 on their
 * messages, 屏蔽 in the 更多 menu. Private: never shared to group chats.
 */
export default function NeighbourThread() {
  const gate = useNeighbourGate();
  const contactId = intParam(gate.params.id) ?? null;
  const thread = useThread(gate.communityId, contactId, gate.ready);
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<UploadReply[]>([]);
  const [uploading, setUploading] = useState(false);
  const [older, setOlder] = useState(false);
  const [menu, setMenu] = useState(false);
  const [reporting, setReporting] = useState<number | null>(null);
  const [sharing, setSharing] = useState(false);
  const [share, setShare] = useState<{ phone: string; wechatId: string }>({ phone: '', wechatId: '' });
  const sending = useSubmit<'body' | 'photoIds'>({
    fields: { BOARD_MUTED: 'body', CONTACT_CLOSED: 'body', RATE_LIMITED: 'body' },
    place: (e) => (e.code === 'CONTENT_REJECTED' ? { field: 'body', message: rejectedMessage(e) } : null),
  });
  const sharingSubmit = useSubmit<'phone' | 'wechatId'>();

  const t = thread.data;
  const myPhone = t?.myShare.phone ?? '';
  const myWechat = t?.myShare.wechatId ?? '';
  useEffect(() => setShare({ phone: myPhone, wechatId: myWechat }), [myPhone, myWechat]);

  if (gate.outside)
    return (
      <NeighboursOutside
        pageId="neighbour-thread"
        title="和邻居聊天"
        communityId={gate.communityId}
        signedIn={gate.signedIn}
      />
    );
  const cid = gate.communityId as number;
  if (thread.error)
    return (
      <PageShell id="neighbour-thread" title="和邻居聊天">
        <ErrorState error={thread.error} onRetry={thread.reload} />
      </PageShell>
    );
  if (!t || contactId === null)
    return (
      <PageShell id="neighbour-thread" title="和邻居聊天">
        <Loading />
      </PageShell>
    );
  const k = { communityId: cid, contactId };
  const other = t.contact.other;
  const name = other ? (other.displayName ?? NEIGHBOUR_NO_NAME) : NEIGHBOUR_GONE;

  const addPhotos = async () => {
    const chosen = await chooseNoticeFiles('image', NEIGHBOUR_MESSAGE_IMAGES - photos.length);
    if (!chosen.length) return;
    setUploading(true);
    let list = photos;
    for (const file of chosen) {
      try {
        list = [...list, await sendFile(uploadPhoto, { communityId: cid }, {}, file)];
        setPhotos(list);
      } catch {
        // the toast said why; the others still go
      }
    }
    setUploading(false);
  };

  const send = async () => {
    const sent = await sending.submit(() =>
      neighbours.send(
        k,
        body,
        photos.map((p) => p.id),
      ),
    );
    if (!sent) return;
    setBody('');
    setPhotos([]);
    thread.setData((prev) => (prev ? { ...prev, messages: [...prev.messages, sent] } : prev));
  };

  const loadOlder = async () => {
    if (t.olderBefore === null) return;
    setOlder(true);
    try {
      const page = await neighbours.older(k, t.olderBefore);
      thread.setData((prev) =>
        prev ? { ...prev, messages: [...page.messages, ...prev.messages], olderBefore: page.olderBefore } : prev,
      );
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setOlder(false);
    }
  };

  const saveShare = async (next: SharedContact) => {
    const saved = await sharingSubmit.submit(() => neighbours.share(k, next, NEIGHBOUR_CONSENT_VERSION));
    if (!saved) return;
    thread.setData((prev) => (prev ? { ...prev, myShare: saved } : prev));
    void Taro.showToast({ title: saved.phone || saved.wechatId ? '对方现在能看到了' : '已收回', icon: 'none' });
  };

  const block = async () => {
    const { confirm } = await Taro.showModal({
      title: '屏蔽这位邻居',
      content: '屏蔽后，你们互相看不到，对方不会收到通知。',
      confirmText: '屏蔽',
      cancelText: '再想想',
      confirmColor: colors.danger,
    });
    if (!confirm) return;
    try {
      await neighbours.blockContact(k);
      void Taro.showToast({ title: '已屏蔽', icon: 'none' });
      go(routes.neighbourContacts(cid));
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };

  const bubble = (m: NeighbourMessageView) => (
    <View
      key={m.id}
      id={`message-${m.id}`}
      className={cx('neighbour-msg', m.mine ? 'neighbour-msg--mine' : 'neighbour-msg--theirs')}
    >
      <Text className="t-small">{formatDateTime(m.createdAt)}</Text>
      <View className="neighbour-bubble" id={`message-${m.id}-body`}>
        {m.body}
      </View>
      {m.photos.length ? (
        <View className="board-photos board-photos--small">
          {m.photos.map((p) => (
            <View key={p.id} className="board-photo-cell">
              <Image
                className="board-photo"
                src={fileUrl(p.thumbUrl ?? p.url)}
                mode="aspectFill"
                onClick={() =>
                  void Taro.previewImage({ urls: m.photos.map((x) => fileUrl(x.url)), current: fileUrl(p.url) })
                }
              />
            </View>
          ))}
        </View>
      ) : null}
      {m.mine && m.state === 'held' ? (
        <Text className="tag tag--warn" id={`message-${m.id}-held`}>
          审核中
        </Text>
      ) : m.mine && m.state === 'rejected' ? (
        <Text className="tag tag--danger" id={`message-${m.id}-rejected`}>
          没有发出
        </Text>
      ) : null}
      {!m.mine ? (
        <Text id={`message-${m.id}-report`} className="link t-small" onClick={() => setReporting(m.id)}>
          举报
        </Text>
      ) : null}
    </View>
  );

  return (
    <PageShell id="neighbour-thread" title="和邻居聊天">
      <View className="card row row--between">
        <View className="grow">
          <Text className="t-title t-block" id="thread-name">
            {name}
          </Text>
          <Text className="t-small t-block">{contactViewLabels[t.contact.view]}</Text>
        </View>
        <Button id="thread-menu" className="btn btn--plain btn--small" onClick={() => setMenu((v) => !v)}>
          更多
        </Button>
      </View>
      {menu ? (
        <View className="card" id="thread-menu-panel">
          {other ? (
            <Button
              id="thread-card"
              className="btn btn--plain btn--block"
              onClick={() => go(routes.neighbourCard(cid, other.id))}
            >
              看对方的名片
            </Button>
          ) : null}
          <Button id="thread-block" className="btn btn--danger btn--block" onClick={() => void block()}>
            屏蔽这位邻居
          </Button>
        </View>
      ) : null}

      {t.theirShare.phone || t.theirShare.wechatId ? (
        <View className="card" id="thread-their-share">
          <Text className="t-body t-block">对方给您看了：</Text>
          {t.theirShare.phone ? (
            <Text
              id="thread-their-phone"
              className="link t-body t-block gap-top"
              onClick={() => void Taro.makePhoneCall({ phoneNumber: t.theirShare.phone as string })}
            >
              电话：{t.theirShare.phone}（点一下打电话）
            </Text>
          ) : null}
          {t.theirShare.wechatId ? (
            <View className="row gap-top">
              <Text className="t-body grow" id="thread-their-wechat">
                微信号：{t.theirShare.wechatId}
              </Text>
              <Button
                id="thread-their-wechat-copy"
                className="btn btn--plain btn--small"
                onClick={() =>
                  void Taro.setClipboardData({ data: t.theirShare.wechatId as string }).then(
                    () => Taro.showToast({ title: '已复制微信号', icon: 'none' }),
                    () => undefined,
                  )
                }
              >
                复制
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}

      <View id="thread-messages">
        {t.olderBefore !== null ? (
          <Button
            id="thread-older"
            className="btn btn--plain btn--block"
            disabled={older || undefined}
            onClick={() => void loadOlder()}
          >
            {older ? '正在加载…' : '加载更早的消息'}
          </Button>
        ) : null}
        {t.messages.map(bubble)}
      </View>

      {t.canSend ? (
        <View className="card" id="thread-compose">
          <Textarea
            id="thread-input"
            className={cx('input textarea', sending.fieldErrors.body && 'input--error')}
            value={body}
            maxlength={NEIGHBOUR_MESSAGE_MAX}
            placeholder="想说的话"
            onInput={(e) => setBody(e.detail.value)}
          />
          {sending.fieldErrors.body ? (
            <Text className="field-error" id="thread-input-error">
              {sending.fieldErrors.body}
            </Text>
          ) : null}
          {photos.length ? (
            <View className="board-photos board-photos--small">
              {photos.map((p) => (
                <View key={p.id} className="board-photo-cell" id={`thread-photo-${p.id}`}>
                  <Image className="board-photo" src={fileUrl(p.urls.thumbnail ?? p.urls.display)} mode="aspectFill" />
                  <View
                    className="board-photo-remove"
                    id={`thread-photo-remove-${p.id}`}
                    onClick={() => setPhotos((list) => list.filter((x) => x.id !== p.id))}
                  >
                    删除
                  </View>
                </View>
              ))}
            </View>
          ) : null}
          {sending.fieldErrors.photoIds ? <Text className="field-error">{sending.fieldErrors.photoIds}</Text> : null}
          <FormError id="thread-form-error" message={sending.formError} retry={sending.retry} />
          <View className="btn-row gap-top">
            <Button
              id="thread-photo-add"
              className="btn btn--plain"
              disabled={uploading || photos.length >= NEIGHBOUR_MESSAGE_IMAGES || undefined}
              onClick={() => void addPhotos()}
            >
              {uploading ? '正在上传…' : `照片（最多${NEIGHBOUR_MESSAGE_IMAGES}张）`}
            </Button>
            <Button
              id="thread-send"
              className="btn btn--primary"
              disabled={sending.busy || undefined}
              onClick={() => void send()}
            >
              {sending.busy ? '正在发送…' : '发送'}
            </Button>
          </View>
        </View>
      ) : (
        <View className="card neighbour-banner" id="thread-closed">
          <Text className="t-body t-block">
            {t.contact.view === 'unavailable' ? '对方暂时不方便，不能再发消息了。' : '已结束，不能再发消息了。'}
          </Text>
        </View>
      )}

      {t.contact.view === 'accepted' ? (
        <View className="card" id="thread-share">
          <View
            id="thread-share-toggle"
            className="row row--between neighbour-link"
            onClick={() => setSharing((v) => !v)}
          >
            <Text className="t-title grow">给对方看我的电话 / 微信号</Text>
            <Text className="t-muted">{sharing ? '收起' : '展开'}</Text>
          </View>
          <Text className="t-small t-block gap-top" id="thread-share-state">
            {t.myShare.phone || t.myShare.wechatId
              ? `对方现在能看到：${[t.myShare.phone && `电话 ${t.myShare.phone}`, t.myShare.wechatId && `微信号 ${t.myShare.wechatId}`].filter(Boolean).join('，')}`
              : '现在对方看不到您的电话和微信号。'}
          </Text>
          {sharing ? (
            <View id="thread-share-panel">
              <Text className="field-label gap-top">我的电话</Text>
              <Input
                id="thread-share-phone"
                className={cx('input', sharingSubmit.fieldErrors.phone && 'input--error')}
                type="number"
                value={share.phone}
                maxlength={20}
                placeholder="不想给就空着"
                onInput={(e) => setShare((s) => ({ ...s, phone: e.detail.value }))}
              />
              {sharingSubmit.fieldErrors.phone ? (
                <Text className="field-error">{sharingSubmit.fieldErrors.phone}</Text>
              ) : null}
              <Text className="t-small t-block">{neighbourConsentTexts.share_phone}</Text>
              <Text className="field-label gap-top">我的微信号</Text>
              <Input
                id="thread-share-wechat"
                className={cx('input', sharingSubmit.fieldErrors.wechatId && 'input--error')}
                value={share.wechatId}
                maxlength={NEIGHBOUR_WECHAT_ID_MAX}
                placeholder="不想给就空着"
                onInput={(e) => setShare((s) => ({ ...s, wechatId: e.detail.value }))}
              />
              {sharingSubmit.fieldErrors.wechatId ? (
                <Text className="field-error">{sharingSubmit.fieldErrors.wechatId}</Text>
              ) : null}
              <Text className="t-small t-block">{neighbourConsentTexts.share_wechat}</Text>
              <FormError id="thread-share-error" message={sharingSubmit.formError} retry={sharingSubmit.retry} />
              <View className="btn-row gap-top">
                <Button
                  id="thread-share-save"
                  className="btn btn--primary"
                  disabled={sharingSubmit.busy || undefined}
                  onClick={() =>
                    void saveShare({ phone: share.phone.trim() || null, wechatId: share.wechatId.trim() || null })
                  }
                >
                  给对方看
                </Button>
                <Button
                  id="thread-share-clear"
                  className="btn btn--plain"
                  disabled={sharingSubmit.busy || undefined}
                  onClick={() => {
                    setShare({ phone: '', wechatId: '' });
                    void saveShare({ phone: null, wechatId: null });
                  }}
                >
                  全部收回
                </Button>
              </View>
            </View>
          ) : null}
        </View>
      ) : null}

      {reporting !== null ? (
        <ReportDialog
          communityId={cid}
          subject="neighbour_message"
          subjectId={reporting}
          onClose={() => setReporting(null)}
        />
      ) : null}
    </PageShell>
  );
}
