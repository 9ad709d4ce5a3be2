import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { currentMembership, ensureSession, useSession } from '../../api/session';
import { intParam } from '../../lib/routes';

/**
 * The community a 找邻居 page is about (?communityId=, else the current one) and whether the
 * caller is an approved member of it (otherwise the page shows MembersOnly).
 */
export function useNeighbourGate() {
  const params = useRouter().params;
  const session = useSession();
  const current = currentMembership(session.me);
  const communityId = intParam(params.communityId) ?? current?.communityId ?? null;
  const signedIn = session.status === 'signed-in';
  const member = session.me?.memberships.find((m) => m.communityId === communityId && m.status === 'approved') ?? null;
  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  return {
    params,
    session,
    communityId,
    signedIn,
    member,
    /** Show MembersOnly instead of the page. */
    outside: communityId === null || session.status === 'signed-out' || (signedIn && !member),
    ready: signedIn && member !== null,
  };
}
