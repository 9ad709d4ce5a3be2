import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/contracts/audit';
import { useTestApp } from '../helpers/app';
import { createCommunity, pendingUser, staff, wechatUser, world } from '../helpers/fixtures';

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>>;

beforeAll(async () => {
  w = await world(t.app);
});

const nickname = (userId: number, name: string) =>
  t.app.database.sql`update users set nickname = ${name} where id = ${userId}`;

async function log(communityId: number, token: string, query = '') {
  const res = await t.app.call('GET', `/api/committees/${communityId}/audit${query}`, { token });
  expect(res.status).toBe(200);
  return res.body.items as AuditEntry[];
}

describe('GET /api/committees/:id/audit in words', () => {
  it('names the staff member, the resident and the room, and shows the status change in Chinese', async () => {
    const c = await createCommunity(t.app, '说人话社区');
    const mod = await staff(t.app, { community: c });
    await nickname(mod.userId, '王主任');
    const applicant = await pendingUser(t.app, c, 4);
    await nickname(applicant.userId, '小李');
    const approve = await t.app.call('POST', `/api/committees/${c.id}/memberships/${applicant.membershipId}/approve`, {
      token: mod.token,
    });
    expect(approve.status).toBe(200);

    const [entry] = await log(c.id, mod.token);
    expect(entry).toMatchObject({
      action: 'membership.approve',
      actionLabel: '通过加入申请',
      actorId: mod.userId,
      actorName: '王主任',
      actorKind: 'staff',
      targetType: 'membership',
      targetId: applicant.membershipId,
      targetName: '小李 · 1号楼 1单元 301室',
    });
    // The reason did not change (empty before and after): only the status is shown.
    expect(entry.changes).toEqual([{ field: 'status', label: '状态', before: '待审核', after: '已通过' }]);
    // No raw JSON, and never the applicant's real name.
    expect(entry).not.toHaveProperty('before');
    expect(JSON.stringify(entry)).not.toContain('待审居民');
  });

  it('a resident who joins is the actor, labelled as a resident, with the household by its room', async () => {
    const c = await createCommunity(t.app, '居民自己申请社区');
    const mod = await staff(t.app, { community: c });
    const u = await wechatUser(t.app, 'joiner');
    await nickname(u.userId, '老张');
    const join = await t.app.call('POST', `/api/committees/${c.id}/join`, {
      token: u.token,
      body: { realName: '张三丰', phone: '13912345678', householdId: c.householdIds[1] },
    });
    expect(join.status).toBe(201);

    const [entry] = await log(c.id, mod.token);
    expect(entry).toMatchObject({
      actionLabel: '申请加入社区',
      actorName: '老张',
      actorKind: 'resident',
      targetName: '老张 · 1号楼 1单元 102室',
    });
    expect(entry.changes).toEqual([
      { field: 'status', label: '状态', before: null, after: '待审核' },
      { field: 'householdId', label: '房屋', before: null, after: '1号楼 1单元 102室' },
    ]);
    const text = JSON.stringify(entry);
    expect(text).not.toContain('张三丰');
    expect(text).not.toContain('13912345678');
  });

  it('shows a committee card change field by field: names, phone, office hours in words, staff by name', async () => {
    const c = await createCommunity(t.app, '改名片社区');
    const mod = await staff(t.app, { community: c });
    const res = await t.app.call('PATCH', `/api/committees/${c.id}`, {
      token: mod.token,
      body: {
        name: '改名片后社区',
        phone: '021-58880000',
        address: `${c.name}地址`,
        officeHours: {
          weekly: [1, 2, 3, 4, 5].map((weekday) => ({
            weekday,
            periods: [
              { start: '08:30', end: '11:30' },
              { start: '13:30', end: '17:00' },
            ],
          })),
          exceptions: [{ date: '2026-10-01', periods: [], note: '国庆节' }],
        },
        staff: [{ name: '张主任', title: '居委会主任', phone: null, dutyWeekdays: [1] }],
      },
    });
    expect(res.status).toBe(200);

    const [entry] = await log(c.id, mod.token, '?action=committee.update');
    expect(entry).toMatchObject({ actionLabel: '修改居委名片', targetType: 'community', targetName: '改名片后社区' });
    const byField = Object.fromEntries(entry.changes.map((x) => [x.field, x]));
    expect(byField.name).toEqual({ field: 'name', label: '名称', before: '改名片社区', after: '改名片后社区' });
    expect(byField.phone).toEqual({ field: 'phone', label: '电话', before: '021-1234567', after: '021-58880000' });
    expect(byField.officeHours).toEqual({
      field: 'officeHours',
      label: '办公时间',
      before: '每天休息',
      after: '周一到周五 08:30-11:30、13:30-17:00；另有1天节假日安排',
    });
    expect(byField.staff).toEqual({
      field: 'staff',
      label: '值班人员',
      before: '没有人',
      after: '张主任（居委会主任）',
    });
    // The address was sent unchanged: not listed.
    expect(byField.address).toBeUndefined();
  });

  it('names an invitation by the tail of its code and its room, and a deleted household by the facts its row kept', async () => {
    const c = await createCommunity(t.app, '邀请码社区');
    const mod = await staff(t.app, { community: c });
    const inv = await t.app.call('POST', `/api/committees/${c.id}/invitations`, {
      token: mod.token,
      body: { householdId: c.householdIds[5], maxUses: 3, expiresInDays: 7 },
    });
    expect(inv.status).toBe(201);
    const removed = await t.app.call('DELETE', `/api/committees/${c.id}/households/${c.householdIds[0]}`, {
      token: mod.token,
    });
    expect(removed.status).toBe(200);

    const [deleted, issued] = await log(c.id, mod.token);
    expect(issued).toMatchObject({
      actionLabel: '生成邀请码',
      targetName: `尾号${(inv.body.code as string).slice(-4)}的邀请码 · 1号楼 1单元 302室`,
    });
    expect(issued.changes).toEqual(
      expect.arrayContaining([
        { field: 'householdId', label: '房屋', before: null, after: '1号楼 1单元 302室' },
        { field: 'maxUses', label: '可以用的次数', before: null, after: '3次' },
        { field: 'expiresInDays', label: '有效天数', before: null, after: '7天' },
      ]),
    );
    expect(deleted).toMatchObject({ actionLabel: '删除房屋', targetName: '1号楼 1单元 101室' });
  });
});

describe('filters of 操作记录', () => {
  it('by action from the catalogue and by staff member; anything else is a 400 in Chinese', async () => {
    const c = await createCommunity(t.app, '筛选社区');
    const [one, two] = [await staff(t.app, { community: c }), await staff(t.app, { community: c })];
    await nickname(one.userId, '甲工作人员');
    await nickname(two.userId, '乙工作人员');
    for (const [who, household] of [
      [one, c.householdIds[0]],
      [two, c.householdIds[1]],
      [two, c.householdIds[2]],
    ] as const) {
      const res = await t.app.call('POST', `/api/committees/${c.id}/invitations`, {
        token: who.token,
        body: { householdId: household },
      });
      expect(res.status).toBe(201);
    }
    const building = await t.app.call('POST', `/api/committees/${c.id}/buildings`, {
      token: one.token,
      body: { name: '9号楼' },
    });
    expect(building.status).toBe(201);

    const byTwo = await log(c.id, one.token, `?actorId=${two.userId}`);
    expect(byTwo.map((e) => [e.actorName, e.action])).toEqual([
      ['乙工作人员', 'invitation.create'],
      ['乙工作人员', 'invitation.create'],
    ]);
    const created = await log(c.id, one.token, `?action=building.create&actorId=${one.userId}`);
    expect(created.map((e) => e.targetName)).toEqual(['9号楼']);

    const bad = await t.app.call('GET', `/api/committees/${c.id}/audit?action=nothing.happened`, { token: one.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('操作类型不对');
  });

  it('GET /api/committees/:id/audit/actors lists the staff by name, not residents nor other communities', async () => {
    await nickname(w.moderatorA.userId, '甲社区主任');
    const res = await t.app.call('GET', `/api/committees/${w.a.id}/audit/actors`, { token: w.moderatorA.token });
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ id: number; name: string; kind: string }>;
    expect(items).toContainEqual({ id: w.moderatorA.userId, name: '甲社区主任', kind: 'staff' });
    const ids = items.map((i) => i.id);
    expect(ids).not.toContain(w.residentA.userId);
    expect(ids).not.toContain(w.moderatorB.userId);
  });

  it('is a 404 for a moderator of another community and a 403 for a resident', async () => {
    for (const path of [`/api/committees/${w.a.id}/audit`, `/api/committees/${w.a.id}/audit/actors`]) {
      expect((await t.app.call('GET', path, { token: w.moderatorB.token })).status).toBe(404);
      expect((await t.app.call('GET', path, { token: w.residentA.token })).status).toBe(403);
    }
  });
});
