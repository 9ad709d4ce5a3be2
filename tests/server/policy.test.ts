/**
 * The policy as a pure table: actor × action × facts of the resource → decision.
 * The HTTP matrix (authz-matrix.test.ts) proves the routes use it; this proves the rules.
 */
import { describe, expect, it } from 'vitest';
import { type Action, type Actor, type Decision, decide, type Resource } from '../../server/auth/policy';

const A = 1;
const B = 2;
const member = (communityId: number, role: 'resident' | 'moderator', status = 'approved' as const) => ({
  communityId,
  role,
  status,
});

const actors: Record<string, Actor | null> = {
  anonymous: null,
  pendingA: { userId: 10, isAdmin: false, memberships: [{ communityId: A, role: 'resident', status: 'pending' }] },
  residentA: { userId: 11, isAdmin: false, memberships: [member(A, 'resident')] },
  moderatorA: { userId: 12, isAdmin: false, memberships: [member(A, 'moderator')] },
  residentB: { userId: 13, isAdmin: false, memberships: [member(B, 'resident')] },
  moderatorB: { userId: 14, isAdmin: false, memberships: [member(B, 'moderator')] },
  admin: { userId: 15, isAdmin: true, memberships: [] },
  operator: { userId: 0, isAdmin: true, memberships: [], operator: true },
};

type Row = [actor: keyof typeof actors, action: Action, resource: Resource, expected: Decision];

const table: Row[] = [
  // Nobody signed in: every action asks for sign-in first.
  ['anonymous', 'read:community', { communityId: A }, 'unauthenticated'],
  ['anonymous', 'join:community', {}, 'unauthenticated'],
  ['anonymous', 'admin:platform', {}, 'unauthenticated'],
  // Reading inside a community: approved members only; strangers are told nothing exists.
  ['residentA', 'read:community', { communityId: A }, 'allow'],
  ['moderatorA', 'read:community', { communityId: A }, 'allow'],
  ['pendingA', 'read:community', { communityId: A }, 'not_found'],
  ['residentB', 'read:community', { communityId: A }, 'not_found'],
  ['admin', 'read:community', { communityId: A }, 'allow'],
  ['residentA', 'read:community', {}, 'not_found'],
  // Anyone signed in may ask to join and see the rooms to choose from.
  ['residentB', 'join:community', { communityId: A }, 'allow'],
  ['pendingA', 'read:households', { communityId: A }, 'allow'],
  // Staff pages: the community's moderators; its residents are refused; strangers see nothing.
  ['moderatorA', 'moderate:community', { communityId: A }, 'allow'],
  ['residentA', 'moderate:community', { communityId: A }, 'forbidden'],
  ['pendingA', 'moderate:community', { communityId: A }, 'not_found'],
  ['moderatorB', 'moderate:community', { communityId: A }, 'not_found'],
  ['moderatorB', 'moderate:community', {}, 'not_found'],
  ['admin', 'moderate:community', { communityId: A }, 'allow'],
  ['moderatorA', 'manage:memberships', { communityId: A }, 'allow'],
  ['moderatorA', 'update:committee', { communityId: A }, 'allow'],
  ['residentA', 'read:audit', { communityId: A }, 'forbidden'],
  ['moderatorB', 'read:dashboard', { communityId: A }, 'not_found'],
  // Deciding on a membership: a moderator decides on residents, only an admin on a moderator.
  ['moderatorA', 'decide:membership', { communityId: A, targetRole: 'resident' }, 'allow'],
  ['moderatorA', 'decide:membership', { communityId: A, targetRole: 'moderator' }, 'forbidden'],
  ['admin', 'decide:membership', { communityId: A, targetRole: 'moderator' }, 'allow'],
  ['moderatorB', 'decide:membership', { communityId: A, targetRole: 'resident' }, 'not_found'],
  ['residentA', 'decide:membership', { communityId: A, targetRole: 'resident' }, 'forbidden'],
  // The platform: admins (and the console operator) only.
  ['moderatorA', 'admin:platform', {}, 'forbidden'],
  ['admin', 'admin:platform', {}, 'allow'],
  ['operator', 'admin:platform', {}, 'allow'],
  // Disabling staff: an admin, never their own account.
  ['admin', 'disable:staff', { ownerId: 99 }, 'allow'],
  ['admin', 'disable:staff', { ownerId: 15 }, 'forbidden'],
  ['moderatorA', 'disable:staff', { ownerId: 99 }, 'forbidden'],
  // One's own things: someone else's do not exist, for admins too.
  ['residentA', 'own:membership', { ownerId: 11 }, 'allow'],
  ['residentA', 'own:membership', { ownerId: 13 }, 'not_found'],
  ['admin', 'own:membership', { ownerId: 11 }, 'not_found'],
  ['residentA', 'own:session', { ownerId: 11 }, 'allow'],
  ['moderatorA', 'own:session', {}, 'not_found'],
  // Deleting one's account: residents yes; a staff account is closed by an admin.
  ['residentA', 'delete:own-account', { ownerId: 11, staffAccount: false }, 'allow'],
  ['moderatorA', 'delete:own-account', { ownerId: 12, staffAccount: true }, 'forbidden'],
  ['admin', 'delete:own-account', { ownerId: 15, staffAccount: true }, 'forbidden'],
  ['residentA', 'delete:own-account', { ownerId: 13, staffAccount: false }, 'not_found'],
];

describe('decide()', () => {
  it.each(table)('%s %s %j → %s', (actor, action, resource, expected) => {
    expect(decide(actors[actor], action, resource)).toBe(expected);
  });

  it('a membership that is not approved gives no role, whatever its role says', () => {
    for (const status of ['pending', 'rejected', 'revoked', 'left'] as const) {
      const former: Actor = {
        userId: 20,
        isAdmin: false,
        memberships: [{ communityId: A, role: 'moderator', status }],
      };
      expect(decide(former, 'moderate:community', { communityId: A })).toBe('not_found');
      expect(decide(former, 'read:community', { communityId: A })).toBe('not_found');
    }
  });
});
