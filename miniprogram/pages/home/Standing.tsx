import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { MyMembership } from '../../../shared/contracts/common';
import { updateMemberships } from '../../api/session';
import { useCommitteeCard } from '../../hooks/committees';
import { withdrawApplication } from '../../hooks/memberships';
import { householdLabel } from '../../lib/format';
import { callPhone } from '../../lib/phone';
import { go, routes } from '../../lib/routes';

/** Where a resident stands with an application: under review, or not approved and what to do next. */
export function Standing(props: { membership: MyMembership }) {
  const m = props.membership;
  const [busy, setBusy] = useState(false);
  // The committee's phone, for "contact the committee" after a rejection.
  const card = useCommitteeCard(m.status === 'rejected' ? m.communityId : null);
  const phone = card.data?.phone ?? null;

  const withdraw = async () => {
    setBusy(true);
    const next = await withdrawApplication(m);
    if (next) updateMemberships((items) => items.map((x) => (x.id === next.id ? next : x)));
    setBusy(false);
  };

  if (m.status === 'pending') {
    return (
      <View className="card standing" id="home-pending" data-status="pending">
        <Text className="t-title t-block">申请加入「{m.communityName}」</Text>
        <Text className="tag tag--warn standing-tag" id="home-pending-status">
          正在审核中，一般 1–3 个工作日
        </Text>
        {m.household ? <Text className="t-body t-block gap-top">房屋：{householdLabel(m.household)}</Text> : null}
        <Text className="t-body t-block gap-top">居委工作人员核对后就会通过，通过后这里会显示您的社区。</Text>
        <Button
          id="home-withdraw"
          className="btn btn--plain btn--block gap-top"
          disabled={busy || undefined}
          onClick={() => void withdraw()}
        >
          撤回申请
        </Button>
      </View>
    );
  }

  return (
    <View className="card standing" id="home-rejected" data-status="rejected">
      <Text className="t-title t-block">加入「{m.communityName}」的申请没有通过</Text>
      <Text className="t-body t-block t-danger gap-top" id="home-reject-reason">
        原因：{m.reason || '居委没有写明原因'}
      </Text>
      <Text className="t-body t-block gap-top">可以按原因改好后重新申请；有疑问可以打电话问居委。</Text>
      <Button
        id="home-reapply"
        className="btn btn--primary btn--block gap-top"
        onClick={() => go(routes.join(m.communityId))}
      >
        重新申请
      </Button>
      {phone ? (
        <Button id="home-call-committee" className="btn btn--plain btn--block" onClick={() => callPhone(phone)}>
          打电话给居委：{phone}
        </Button>
      ) : (
        <Button
          id="home-contact-committee"
          className="btn btn--plain btn--block"
          onClick={() => go(routes.committeeCard(m.communityId))}
        >
          查看居委联系方式
        </Button>
      )}
    </View>
  );
}
