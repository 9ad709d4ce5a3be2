import { render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import AdminInvitations from '../../miniprogram/packages/admin/invitations/index';
import { fakeServer, household, membership, resetApp, signInAs, user } from './helpers';

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

const code = (id: number, usedBy: unknown[]) => ({
  id,
  code: `ABCD${id}XYZ`,
  household,
  maxUses: 3,
  usedCount: usedBy.length,
  expiresAt: '2025-03-09T02:00:00.000Z',
  revokedAt: null,
  createdAt: '2025-03-01T02:00:00.000Z',
  state: 'active',
  usedBy,
});

describe('邀请码 list', () => {
  it('says who joined with each code: nickname, room and when', async () => {
    signInAs('password', 'staff-token');
    fakeServer({
      'GET /api/me': () => ({
        body: {
          user: { ...user, id: 9, isStaff: true },
          memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
          currentCommunityId: null,
        },
      }),
      'GET /api/committees/:communityId/invitations': () => ({
        body: {
          items: [
            code(1, [
              { membershipId: 77, name: '小陈', room: '3号楼 2单元 301室', usedAt: '2025-03-02T02:00:00.000Z' },
            ]),
            code(2, []),
          ],
        },
      }),
    });
    render(<AdminInvitations />);
    await waitFor(() => expect($('#invitation-1')).toBeTruthy());
    expect($('#invitation-use-77')?.textContent).toBe('小陈（3号楼 2单元 301室）2025年3月2日 10:00 加入');
    expect($('#invitation-uses-2')).toBeNull();
    expect($('#invitation-2')?.textContent).toContain('还没有人用过');
  });
});
