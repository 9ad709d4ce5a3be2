import { describe, expect, it } from 'vitest';
import { auditFields, auditReferences, describeChanges, summariseOfficeHours } from '../../shared/audit-fields';

const workday = [
  { start: '08:30', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

describe('describeChanges', () => {
  it('shows a changed field as label: before → after and leaves out fields that did not change', () => {
    expect(
      describeChanges(
        'community',
        { name: '旧名', phone: '021-1', address: '同一个' },
        { name: '新名', phone: null, address: '同一个' },
      ),
    ).toEqual([
      { field: 'name', label: '名称', before: '旧名', after: '新名' },
      { field: 'phone', label: '电话', before: '021-1', after: '没有填' },
    ]);
  });

  it('says an empty value in words rather than showing nothing', () => {
    expect(describeChanges('community', null, { intro: '', reason: null })).toEqual([
      { field: 'intro', label: '介绍', before: null, after: '没有填' },
      { field: 'reason', label: '原因', before: null, after: '没有写' },
    ]);
  });

  it('puts statuses in Chinese by the kind of object', () => {
    expect(describeChanges('membership', { status: 'pending' }, { status: 'rejected' })[0]).toMatchObject({
      before: '待审核',
      after: '已拒绝',
    });
    expect(describeChanges('membership', { status: 'approved' }, { status: 'revoked' })[0].after).toBe('已取消资格');
    expect(describeChanges('invitation', { state: 'active' }, { state: 'revoked' })[0]).toMatchObject({
      before: '可以使用',
      after: '已作废',
    });
    expect(describeChanges('job', { status: 'dead' }, { status: 'queued' })[0]).toMatchObject({
      before: '已失败',
      after: '排队中',
    });
  });

  it('shows a field present on one side only as a plain fact (no arrow)', () => {
    expect(describeChanges('household', { unit: '1单元', room: '101' }, null)).toEqual([
      { field: 'unit', label: '单元', before: null, after: '1单元' },
      { field: 'room', label: '室号', before: null, after: '101' },
    ]);
  });

  it('names ids by the names the server looked up; an id not found says it was deleted', () => {
    const names = { household: new Map([[31, '3号楼 1单元 302室']]), building: new Map([[3, '3号楼']]) };
    expect(describeChanges('membership', null, { householdId: 31 }, names)).toEqual([
      { field: 'householdId', label: '房屋', before: null, after: '3号楼 1单元 302室' },
    ]);
    expect(describeChanges('household', null, { buildingId: 4 }, names)[0].after).toBe('已删除（编号4）');
  });

  it('summarises staff lists, areas, booleans, counts and times in words; hides hashes', () => {
    const changes = describeChanges(
      'community',
      { staff: [{ name: '张主任', title: '主任' }], floorArea: 80, ownerOccupied: false },
      {
        staff: [
          { name: '张主任', title: '主任' },
          { name: '赵社工', title: '社工' },
        ],
        floorArea: 88.5,
        ownerOccupied: true,
        retiredAt: '2026-03-05T06:30:00.000Z',
        householdsDeleted: [1, 2, 3],
        sha256: 'abc',
      },
    );
    expect(changes).toEqual([
      { field: 'staff', label: '值班人员', before: '张主任（主任）', after: '张主任（主任）、赵社工（社工）' },
      { field: 'floorArea', label: '面积', before: '80平方米', after: '88.5平方米' },
      { field: 'ownerOccupied', label: '业主自住', before: '否', after: '是' },
      { field: 'retiredAt', label: '停用时间', before: null, after: '2026年3月5日 14:30' },
      { field: 'householdsDeleted', label: '删除的房屋', before: null, after: '3户' },
    ]);
  });

  it('a field missing from the catalogue keeps its code as the label rather than disappearing', () => {
    expect(auditFields.somethingNew).toBeUndefined();
    expect(describeChanges('x', null, { somethingNew: 5 })).toEqual([
      { field: 'somethingNew', label: 'somethingNew', before: null, after: '5' },
    ]);
  });
});

describe('summariseOfficeHours', () => {
  it('groups weekdays with the same hours and counts the holiday exceptions', () => {
    const weekly = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: workday }));
    weekly.push({ weekday: 6, periods: [{ start: '09:00', end: '11:30' }] });
    expect(summariseOfficeHours({ weekly, exceptions: [] })).toBe(
      '周一到周五 08:30-11:30、13:30-17:00；周六 09:00-11:30',
    );
    expect(
      summariseOfficeHours({
        weekly: [
          { weekday: 1, periods: workday },
          { weekday: 3, periods: workday },
        ],
        exceptions: [
          { date: '2026-10-01', periods: [] },
          { date: '2026-10-02', periods: [] },
        ],
      }),
    ).toBe('周一 08:30-11:30、13:30-17:00；周三 08:30-11:30、13:30-17:00；另有2天节假日安排');
    expect(summariseOfficeHours({ weekly: [], exceptions: [] })).toBe('每天休息');
  });
});

describe('auditReferences', () => {
  it('collects the ids a page of rows points at, by kind, once each', () => {
    expect(
      auditReferences([
        { before: null, after: { householdId: 3, invitationId: 9 } },
        { before: { buildingId: 2, householdId: 3 }, after: { userId: 7, householdsDeleted: [1, 2] } },
      ]),
    ).toEqual({ household: [3], building: [2], invitation: [9], user: [7], street: [], district: [] });
  });
});
