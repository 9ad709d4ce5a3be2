import type { MembershipRole, MembershipStatus } from '../../shared/enums';

/**
 * Who may do what: one pure module, no I/O. Every rule about roles lives here, with
 * the facts it needs passed in as the resource; services never test a role
 * themselves. Guards (guards.ts) turn a refusal into the right error.
 */
export interface Actor {
  userId: number;
  isAdmin: boolean;
  memberships: ReadonlyArray<{ communityId: number; role: MembershipRole; status: MembershipStatus }>;
  /** The person at the server's console (the CLI): trusted as an admin, recorded as nobody. */
  operator?: true;
}

export type Action =
  /** Resident-only reading inside a community (later features: notices, board, votes). */
  | 'read:community'
  /** Buildings and rooms of a community, to choose one when asking to join. */
  | 'read:households'
  | 'join:community'
  /** Any staff page of a community: the gate `mount` applies to every `staff` route. */
  | 'moderate:community'
  /** Approve, reject or revoke one membership (facts: targetRole). */
  | 'decide:membership'
  | 'manage:memberships'
  | 'manage:invitations'
  | 'manage:households'
  /** Write, publish, withdraw notices and see their read figures; see every notice of the community. */
  | 'manage:notices'
  | 'update:committee'
  | 'read:audit'
  | 'read:dashboard'
  /** 留言板: post, comment, +1 and report in a community (approved residents and its moderators). */
  | 'write:board'
  /** The author's own post or comment: edit, delete, confirm, reopen, rate, appeal (facts: ownerId). */
  | 'own:post'
  /** 留言板 moderation: official replies, the review queue, hide/restore/delete, mutes, board settings, the community's word list. */
  | 'moderate:board'
  /**
   * 小事快办 work: see and move the reports routed to the caller (facts: matterRoute). A
   * moderator works every report; a handler (物业) only those routed to the property company.
   */
  | 'handle:matters'
  /** 议事厅: propose, co-sign, discuss, vote (or vote as a delegate), rate (approved residents and moderators). */
  | 'take-part:agora'
  /** 议事厅 work: review topics, draft options, meetings, updates, run votes (代录, 送达, close), 住户守则, settings. */
  | 'moderate:agora'
  /** 社区租赁: browse the devices of the points serving the community, book, join the waiting list (approved residents and moderators). */
  | 'rent:items'
  /** 社区租赁 work at the community's own service points: stock, units, confirm, check-out and check-in, exports. */
  | 'manage:rentals'
  /** 找邻居: my card, the directory, contact requests, private threads, blocks (approved residents and moderators). */
  | 'meet:neighbours'
  /** 找邻居 work: figures, hide a card's tag, the 能人库 and its export (never a private thread). */
  | 'moderate:neighbours'
  /** Words screened everywhere (platform list: no communityId, admins only) or in one community (its moderators). */
  | 'manage:screening-words'
  | 'admin:platform'
  /** Disable a staff account (facts: ownerId of the account). */
  | 'disable:staff'
  /** Acting on one's own things: a membership, a session. */
  | 'own:membership'
  | 'own:session'
  /** Deleting one's own account and personal data (facts: ownerId, staffAccount). */
  | 'delete:own-account';

/** Facts about the object acted on; each rule reads only the ones it needs. */
export interface Resource {
  communityId?: number;
  /** The user the object belongs to (a membership, a session, an account). */
  ownerId?: number;
  /** Role held by the membership acted on. */
  targetRole?: MembershipRole;
  /** The account acted on signs in with a password (a staff account). */
  staffAccount?: boolean;
  /** Who a 小事快办 report is routed to. */
  matterRoute?: 'committee' | 'property';
}

export type Decision = 'allow' | 'unauthenticated' | 'forbidden' | 'not_found';

/** Chinese reasons for refusals that need more than the default 您没有权限做这件事. */
export const refusalMessages: Partial<Record<Action, string>> = {
  'decide:membership': '管理员的账号只能由平台管理员处理',
  'disable:staff': '不能停用自己的账号',
  'delete:own-account': '工作人员账号请联系平台管理员注销',
};

const moderatorActions = new Set<Action>([
  'moderate:community',
  'manage:memberships',
  'manage:invitations',
  'manage:households',
  'manage:notices',
  'update:committee',
  'read:audit',
  'read:dashboard',
  'moderate:board',
  'handle:matters',
  'manage:screening-words',
  'moderate:agora',
  'manage:rentals',
  'moderate:neighbours',
]);

export function approvedRole(actor: Actor, communityId: number): MembershipRole | null {
  const m = actor.memberships.find((x) => x.communityId === communityId && x.status === 'approved');
  return m ? m.role : null;
}

export function decide(actor: Actor | null, action: Action, resource: Resource = {}): Decision {
  if (!actor) return 'unauthenticated';
  const own = resource.ownerId === actor.userId;

  switch (action) {
    // Someone else's membership or session does not exist as far as the caller knows,
    // admins included: they revoke through the moderation routes, which leave a record.
    case 'own:membership':
    case 'own:session':
      return own ? 'allow' : 'not_found';
    case 'delete:own-account':
      if (!own) return 'not_found';
      // Staff accounts are closed by an admin, so that nobody deletes the only way in.
      return resource.staffAccount ? 'forbidden' : 'allow';
    case 'admin:platform':
      return actor.isAdmin ? 'allow' : 'forbidden';
    case 'disable:staff':
      if (!actor.isAdmin) return 'forbidden';
      // Locking oneself out would leave nobody to undo it.
      return own ? 'forbidden' : 'allow';
    case 'join:community':
    case 'read:households':
      return 'allow';
  }

  if (actor.isAdmin) return 'allow';
  const communityId = resource.communityId;
  // The platform's word list has no community: only an admin edits it.
  if (communityId === undefined) return action === 'manage:screening-words' ? 'forbidden' : 'not_found';
  const role = approvedRole(actor, communityId);
  // Not a member of that community: its objects do not exist for the caller.
  if (!role) return 'not_found';
  // A property company's handler works the reports routed to it and nothing else; the
  // committee's reports do not exist for them.
  if (role === 'handler') {
    if (action !== 'handle:matters') return 'forbidden';
    return resource.matterRoute === undefined || resource.matterRoute === 'property' ? 'allow' : 'not_found';
  }
  if (
    action === 'read:community' ||
    action === 'write:board' ||
    action === 'take-part:agora' ||
    action === 'rent:items' ||
    action === 'meet:neighbours'
  )
    return 'allow';
  if (action === 'own:post') return own ? 'allow' : 'forbidden';
  if (role !== 'moderator') return 'forbidden';
  // Only a platform admin removes or decides on a moderator.
  if (action === 'decide:membership') return resource.targetRole === 'moderator' ? 'forbidden' : 'allow';
  return moderatorActions.has(action) ? 'allow' : 'forbidden';
}

export const can = (actor: Actor | null, action: Action, resource?: Resource) =>
  decide(actor, action, resource) === 'allow';
