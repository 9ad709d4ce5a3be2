import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { uploadPhoto } from '../../../shared/contracts/board';
import { acceptProxy } from '../../../shared/contracts/votes';
import { ApiError } from '../../api/client';
import { agora, type VoteDetail } from '../../hooks/agora';
import { useSubmit } from '../../hooks/useSubmit';
import { cx } from '../../lib/format';
import { chooseNoticeFiles, sendFile } from '../../lib/notice-files';
import { checkWith } from '../../lib/validation';
import { FormError } from '../Form';
import './resident.css';

type MyProxy = NonNullable<VoteDetail['myProxy']>;

function proxyStatusText(p: MyProxy): string {
  if (p.status === 'revoked') return '已撤销委托';
  if (p.used) return '受托人已经替您家投了票';
  if (p.delegateAccepted || p.status === 'active') return '受托人已接受委托，还没有投票';
  return '等待受托人输入委托码';
}

/**
 * 委托投票 for the household: upload the signed authorisation (photo) → the 委托码, shown once,
 * big, to give the neighbour; then its status, and 撤销委托 until the delegate has voted.
 */
export function GrantProxy(props: { vote: VoteDetail; onChange: () => void }) {
  const v = props.vote;
  const key = { communityId: v.communityId, voteId: v.id };
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : '没有成功，请稍后再试');

  const grant = async () => {
    setError(null);
    const [file] = await chooseNoticeFiles('image', 1);
    if (!file) return;
    setBusy('正在上传委托书…');
    try {
      const photo = await sendFile(uploadPhoto, { communityId: v.communityId }, {}, file);
      setBusy('正在生成委托码…');
      const reply = await agora.grantProxy(key, photo.id);
      setCode(reply.code);
      props.onChange();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const revoke = async () => {
    const answer = await Taro.showModal({
      title: '撤销委托',
      content: '撤销后受托人就不能替您家投票了。确定撤销吗？',
      confirmText: '撤销',
      cancelText: '不撤销',
    });
    if (!answer.confirm) return;
    setError(null);
    setBusy('正在撤销…');
    try {
      await agora.revokeProxy(key);
      setCode(null);
      void Taro.showToast({ title: '已撤销委托', icon: 'none' });
      props.onChange();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const copy = () =>
    void Taro.setClipboardData({ data: code ?? '' }).then(
      () => Taro.showToast({ title: '委托码已复制', icon: 'none' }),
      () => undefined,
    );

  const p = v.myProxy;
  return (
    <View className="card" id="proxy-grant">
      <Text className="t-title t-block">委托邻居代投</Text>
      {code ? (
        <View id="proxy-code-box">
          <Text className="t-body t-block">委托码（只显示这一次，请记下或复制）：</Text>
          <Text className="agora-code t-block" id="proxy-code" userSelect>
            {code}
          </Text>
          <Button id="proxy-code-copy" className="btn btn--primary btn--block" onClick={copy}>
            复制委托码
          </Button>
          <Text className="t-body t-block gap-top">
            请把委托码告诉您委托的邻居（当面说或发微信），对方打开这次投票，点「我受邻居委托投票」输入委托码，就能替您家投票。
          </Text>
        </View>
      ) : null}
      {p ? (
        <View>
          <Text className="t-body t-block" id="proxy-status">
            {proxyStatusText(p)}
          </Text>
          {p.status !== 'revoked' && !p.used ? (
            <Button
              id="proxy-revoke"
              className="btn btn--danger btn--block gap-top"
              disabled={busy !== null || undefined}
              onClick={() => void revoke()}
            >
              {busy ?? '撤销委托'}
            </Button>
          ) : null}
        </View>
      ) : code ? null : (
        <View>
          <Text className="t-body t-block">
            家里没人方便投票？可以委托一位邻居代投。先请户主在委托书上签字，拍照上传，就会得到一个委托码。
          </Text>
          <Button
            id="proxy-grant-start"
            className="btn btn--plain btn--block gap-top"
            disabled={busy !== null || undefined}
            onClick={() => void grant()}
          >
            {busy ?? '上传签字的委托书，生成委托码'}
          </Button>
        </View>
      )}
      {error ? (
        <Text className="field-error t-block" id="proxy-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}

/** 「我受邻居委托投票」: the delegate enters the 委托码, then votes for that household on this page. */
export function AcceptProxy(props: { communityId: number; voteId: number; onAccepted: (voteId: number) => void }) {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const sending = useSubmit<'code'>({ fields: { INVALID_STATE: 'code', NOT_FOUND: 'code' } });

  const send = async () => {
    const checked = checkWith<{ code: string }, 'code'>(acceptProxy.body, { code });
    if (!checked.body) {
      sending.setFieldErrors(checked.errors);
      return;
    }
    const sent = checked.body.code;
    const reply = await sending.submit(() => agora.acceptProxy(props.communityId, sent));
    if (!reply) return;
    setCode('');
    setOpen(false);
    void Taro.showToast({ title: `已接受${reply.householdLabel}的委托`, icon: 'none' });
    props.onAccepted(reply.voteId);
  };

  if (!open)
    return (
      <Button id="proxy-accept-open" className="btn btn--plain btn--block" onClick={() => setOpen(true)}>
        我受邻居委托投票
      </Button>
    );
  return (
    <View className="card" id="proxy-accept">
      <Text className="t-title t-block">输入邻居给您的委托码</Text>
      <Input
        id="proxy-accept-code"
        className={cx('input agora-code-input', sending.fieldErrors.code && 'input--error')}
        value={code}
        maxlength={12}
        placeholder="委托码"
        onInput={(e) => setCode(e.detail.value)}
      />
      {sending.fieldErrors.code ? (
        <Text className="field-error" id="proxy-accept-code-error">
          {sending.fieldErrors.code}
        </Text>
      ) : null}
      <FormError id="proxy-accept-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button
          id="proxy-accept-submit"
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在核对…' : '确定'}
        </Button>
        <Button id="proxy-accept-cancel" className="btn btn--plain" onClick={() => setOpen(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}
