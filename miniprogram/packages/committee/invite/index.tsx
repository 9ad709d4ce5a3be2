import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { MyMembership } from '../../../../shared/contracts/common';
import { invitationInvalidDetails, invitationRefusalMessages } from '../../../../shared/contracts/memberships';
import { chooseCommunity, ensureSession } from '../../../api/session';
import { Check, Field, FormError } from '../../../components/Form';
import { PageShell } from '../../../components/PageShell';
import { redeemCode } from '../../../hooks/memberships';
import { useSubmit } from '../../../hooks/useSubmit';
import { householdLabel } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';
import { type InviteField, validateInvite } from '../../../lib/validation';

/** 邀请码: the committee hands a code bound to a household; redeeming it joins at once. */
export default function InvitePage() {
  const router = useRouter();
  const [code, setCode] = useState(router.params.code ?? '');
  const [realName, setRealName] = useState('');
  const [phone, setPhone] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [done, setDone] = useState<MyMembership | null>(null);
  const form = useSubmit<InviteField>({
    fields: { INVITATION_INVALID: 'code' },
    // Wrong, expired, used up or stopped: the server says which in `details`.
    place: (error) => {
      if (error.code !== 'INVITATION_INVALID') return null;
      const details = invitationInvalidDetails.safeParse(error.details);
      return {
        field: 'code',
        message: details.success ? invitationRefusalMessages[details.data.reason] : error.message,
      };
    },
  });
  const errors = form.fieldErrors;

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);

  const submit = async () => {
    const result = validateInvite({ code, realName, phone, agreed });
    form.setFieldErrors(result.errors);
    const body = result.body;
    if (!body) return;
    const membership = await form.submit(() => redeemCode(body));
    if (!membership) return;
    setDone(membership);
    // The community just joined becomes the current one.
    await chooseCommunity(membership.communityId).catch(() => undefined);
  };

  if (done) {
    return (
      <PageShell id="invite" title="用邀请码加入">
        <View className="card" id="invite-result">
          <Text className="t-hero t-block t-ok">加入成功</Text>
          <Text className="t-title t-block gap-top" id="invite-result-community">
            {done.communityName}
          </Text>
          {done.household ? (
            <Text className="t-body t-block gap-top">房屋：{householdLabel(done.household)}</Text>
          ) : null}
          <Button id="invite-home" className="btn btn--primary btn--block gap-top-lg" onClick={() => go(routes.home)}>
            回到首页
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell id="invite" title="用邀请码加入">
      <View className="card">
        <Text className="t-body t-block">居委给您的邀请码，一般是6到16位的字母和数字。</Text>
      </View>
      <View className="card">
        <Field
          id="invite-code"
          label="邀请码"
          value={code}
          onChange={(v) => setCode(v.toUpperCase())}
          placeholder="例如：A8K3P2"
          maxlength={16}
          error={errors.code}
        />
        <Field
          id="invite-realname"
          label="真实姓名"
          value={realName}
          onChange={setRealName}
          maxlength={20}
          error={errors.realName}
          hint="只给居委工作人员看，邻居看不到"
        />
        <Field
          id="invite-phone"
          label="手机号（可以不填）"
          value={phone}
          onChange={setPhone}
          type="number"
          maxlength={11}
          error={errors.phone}
        />
        <Check id="invite-agree" checked={agreed} onChange={setAgreed}>
          我已阅读并同意用户协议和隐私政策
        </Check>
        <View className="row">
          <Text className="link t-body" onClick={() => go(routes.agreement)}>
            《用户协议》
          </Text>
          <Text className="link t-body" onClick={() => go(routes.privacy)}>
            《隐私政策》
          </Text>
        </View>
        {errors.agreed ? (
          <Text className="field-error" id="invite-agree-error">
            {errors.agreed}
          </Text>
        ) : null}
      </View>
      <FormError id="invite-form-error" message={form.formError} retry={form.retry} />
      <Button
        id="invite-submit"
        className="btn btn--primary btn--block"
        disabled={form.busy || undefined}
        onClick={() => void submit()}
      >
        {form.busy ? '正在提交…' : '加入社区'}
      </Button>
    </PageShell>
  );
}
