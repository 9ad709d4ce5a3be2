import type { MembershipRole, MembershipStatus } from '../../shared/enums';

/**
 * Who may do what: one pure module, no I/O. Routes call the guards in guards.ts,
 * which turn a decision into the right HTTP error.
 */
export interface Actor {
  userId: number;
  isAdmin: boolean;
  memberships: ReadonlyArray<{ communityId: number; role: MembershipRole; status: MembershipStatus }>;
}

export type Action =
  /** Resident-only reading inside a community (later features: notices, board, votes). */
  | 'read:community'
  /** Buildings and rooms of a community, to choose one when asking to join. */
  | 'read:households'
  | 'join:community'
  | 'manage:memberships'
  | 'manage:invitations'
  | 'manage:households'
  | 'update:committee'
  | 'read:audit'
  | 'read:dashboard'
  | 'admin:platform'
  /** Acting on one's own things: a membership, a session. */
  | 'own:membership'
  | 'own:session';

export interface Resource {
  communityId?: number;
  ownerId?: number;
}

export type Decision = 'allow' | 'unauthenticated' | 'forbidden' | 'not_found';

const moderatorActions = new Set<Action>([
  'manage:memberships',
  'manage:invitations',
  'manage:households',
  'update:committee',
  'read:audit',
  'read:dashboard',
]);

export function approvedRole(actor: Actor, communityId: number): MembershipRole | null {
  const m = actor.memberships.find((x) => x.communityId === communityId && x.status === 'approved');
  return m ? m.role : null;
}

export function decide(actor: Actor | null, action: Action, resource: Resource = {}): Decision {
  if (!actor) return 'unauthenticated';
  // Someone else's membership or session does not exist as far as the caller knows,
  // admins included: they revoke through the moderation routes, which leave a record.
  if (action === 'own:membership' || action === 'own:session') {
    return resource.ownerId === actor.userId ? 'allow' : 'not_found';
  }
  if (actor.isAdmin) return 'allow';

  switch (action) {
    case 'admin:platform':
      return 'forbidden';
    case 'join:community':
    case 'read:households':
      return 'allow';
  }

  const communityId = resource.communityId;
  if (communityId === undefined) return 'not_found';
  const role = approvedRole(actor, communityId);
  // Not a member of that community: its objects do not exist for the caller.
  if (!role) return 'not_found';
  if (action === 'read:community') return 'allow';
  if (moderatorActions.has(action)) return role === 'moderator' ? 'allow' : 'forbidden';
  return 'forbidden';
}

export const can = (actor: Actor | null, action: Action, resource?: Resource) =>
  decide(actor, action, resource) === 'allow';
