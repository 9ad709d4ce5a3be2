import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import AdminHouseholds from '../../miniprogram/packages/admin/households/index';
import { type Call, fakeServer, membership, resetApp, signInAs, user } from './helpers';
import Taro from './stubs/taro';

const picked = { name: '名册.xlsx', size: 4, bytes: new Uint8Array([0x50, 0x4b, 3, 4]).buffer };
vi.mock('../../miniprogram/lib/roster-file', async (original) => ({
  ...(await original<typeof import('../../miniprogram/lib/roster-file')>()),
  pickRosterFile: vi.fn(async () => picked),
}));

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const type = (selector: string, value: string) => fireEvent.change($(selector) as HTMLElement, { target: { value } });
const click = async (selector: string) => {
  await act(async () => {
    fireEvent.click($(selector) as HTMLElement);
  });
};

const buildings = [
  { id: 1, name: '1号楼', households: 12 },
  { id: 2, name: '2号楼', households: 8 },
];

function importReply(step: 'preview' | 'commit', over: Partial<Record<string, unknown>> = {}) {
  return {
    step,
    fileType: 'xlsx',
    rows: 120,
    created: 100,
    updated: 5,
    unchanged: 15,
    buildingsCreated: 3,
    errors: [],
    applied: step === 'commit',
    message: step === 'commit' ? '导入完成：新增100户' : '可以导入：新增100户',
    ...over,
  };
}

function moderator(extra: Parameters<typeof fakeServer>[0] = {}): Call[] {
  signInAs('password', 'staff-token');
  return fakeServer({
    'GET /api/me': () => ({
      body: {
        user: { ...user, id: 9, nickname: '王主任', isStaff: true },
        memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
        currentCommunityId: null,
      },
    }),
    'GET /api/committees/:communityId/buildings': () => ({ body: { items: buildings } }),
    ...extra,
  });
}

describe('楼栋房屋', () => {
  it('lists buildings with their room counts; adds one only with a name the contract accepts', async () => {
    const calls = moderator({
      'POST /api/committees/:communityId/buildings': (call) => ({
        status: 201,
        body: { id: 3, name: (call.body as { name: string }).name, households: 0 },
      }),
    });
    render(<AdminHouseholds />);
    await waitFor(() => expect($('#building-1')).toBeTruthy());
    expect($('#building-count-1')?.textContent).toBe('12户');
    expect($('#buildings-total')?.textContent).toBe('共2栋楼，20户');

    await click('#building-add-submit');
    expect($('#building-name-error')?.textContent).toBe('请填写楼栋名称');
    type('#building-name', ' 12号楼 ');
    await click('#building-add-submit');
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: '12号楼' });
  });

  it('shows the rooms both buildings have when a merge is refused', async () => {
    moderator({
      'POST /api/committees/:communityId/buildings/:buildingId/merge': () => ({
        status: 409,
        body: {
          error: {
            code: 'DUPLICATE',
            message: '两栋楼里有相同的单元和房号，不能合并',
            details: [{ unit: '1单元', room: '101', message: '1单元 101：两栋楼都有这一户' }],
          },
        },
      }),
    });
    render(<AdminHouseholds />);
    await waitFor(() => expect($('#building-merge-1')).toBeTruthy());
    await click('#building-merge-1');
    await click('#merge-into-1-2');
    await click('#building-merge-confirm-1');
    await waitFor(() => expect($('#merge-clashes-1')).toBeTruthy());
    expect($('#merge-clashes-1')?.textContent).toContain('1单元 101室');
    // The page showed the clash itself: no toast on top.
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('retires a building only after the confirmation that says what happens to members, then says what was done', async () => {
    const calls = moderator({
      'DELETE /api/committees/:communityId/buildings/:buildingId': () => ({
        body: { outcome: 'retired', householdsDeleted: 3, householdsRetired: 9, liveMembers: 12 },
      }),
    });
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<AdminHouseholds />);
    await waitFor(() => expect($('#building-retire-1')).toBeTruthy());
    await click('#building-retire-1');
    expect((Taro.showModal.mock.calls[0][0] as { content: string }).content).toContain('已加入的居民仍然留在社区里');
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await click('#building-retire-1');
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(3));
    expect((Taro.showModal.mock.calls[2][0] as { content: string }).content).toBe(
      '「1号楼」已停用：9户停用，3户没人登记过已删除。12位居民仍在社区里。',
    );
  });
});

function room(id: number, over: Partial<Record<string, unknown>> = {}) {
  return {
    id,
    buildingId: 1,
    buildingName: '1号楼',
    unit: '1单元',
    room: `10${id}`,
    floorArea: 80,
    ownerOccupied: false,
    ownerKey: null,
    developerUnit: false,
    retiredAt: null,
    ...over,
  };
}

describe('房屋', () => {
  it("opens a building's rooms; an edit is checked with the contract, then sent and shown", async () => {
    const calls = moderator({
      'GET /api/committees/:communityId/households': () => ({ body: { items: [room(1), room(2)] } }),
      'PATCH /api/committees/:communityId/households/:householdId': (call) => ({
        body: { ...room(1), ...(call.body as object) },
      }),
    });
    render(<AdminHouseholds />);
    await waitFor(() => expect($('#building-open-1')).toBeTruthy());
    await click('#building-open-1');
    await waitFor(() => expect($('#room-1')).toBeTruthy());
    expect(calls.find((c) => c.path === '/api/committees/7/households')?.query.get('buildingId')).toBe('1');
    expect($('#room-label-1')?.textContent).toBe('1单元 101室 · 80平方米');

    await click('#room-edit-1');
    type('#room-edit-1-area', '-5');
    await click('#room-save-1');
    expect($('#room-edit-1-area-error')?.textContent).toBe('面积要大于0，最多10000平方米');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    type('#room-edit-1-area', '92.5');
    type('#room-edit-1-room', '1001');
    await click('#room-save-1');
    await waitFor(() => expect($('#room-label-1')?.textContent).toBe('1单元 1001室 · 92.5平方米'));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      unit: '1单元',
      room: '1001',
      floorArea: 92.5,
      ownerKey: null,
      developerUnit: false,
    });
  });

  it('edits the owner key (checked with the contract) and the 开发商未售房 switch, and shows them', async () => {
    const calls = moderator({
      'GET /api/committees/:communityId/households': () => ({
        body: { items: [room(1), room(2, { ownerKey: 'ZH-7', developerUnit: true })] },
      }),
      'PATCH /api/committees/:communityId/households/:householdId': (call) => ({
        body: { ...room(1), ...(call.body as object) },
      }),
    });
    render(<AdminHouseholds />);
    await waitFor(() => expect($('#building-open-1')).toBeTruthy());
    await click('#building-open-1');
    await waitFor(() => expect($('#room-2')).toBeTruthy());
    expect($('#room-owner-2')?.textContent).toBe('业主编号 ZH-7');
    expect($('#room-developer-2')?.textContent).toBe('开发商未售');
    expect($('#room-owner-1')).toBeNull();
    expect($('#room-developer-1')).toBeNull();

    await click('#room-edit-1');
    expect(($('#room-edit-1-developer') as HTMLInputElement).checked).toBe(false);
    type('#room-edit-1-owner-key', '张三家');
    await click('#room-save-1');
    expect($('#room-edit-1-owner-key-error')?.textContent).toBe('业主编号最多40位，只能用字母、数字和减号（-）');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    type('#room-edit-1-owner-key', ' ZH-7 ');
    await act(async () => {
      fireEvent.click($('#room-edit-1-developer') as HTMLElement);
    });
    expect($('#room-edit-1-developer-state')?.textContent).toContain('合起来算一人');
    await click('#room-save-1');
    await waitFor(() => expect($('#room-owner-1')?.textContent).toBe('业主编号 ZH-7'));
    expect($('#room-developer-1')?.textContent).toBe('开发商未售');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ ownerKey: 'ZH-7', developerUnit: true });
  });

  it('lists retired rooms by building and restores all of a building', async () => {
    const restored: string[] = [];
    moderator({
      'GET /api/committees/:communityId/households': () => ({
        body: {
          items: [
            room(1),
            room(2, { retiredAt: '2025-03-01T02:00:00.000Z' }),
            room(3, { buildingId: 5, buildingName: '旧5号楼', retiredAt: '2025-03-01T02:00:00.000Z' }),
            room(4, { buildingId: 5, buildingName: '旧5号楼', retiredAt: '2025-03-01T02:00:00.000Z' }),
          ],
        },
      }),
      'POST /api/committees/:communityId/households/:householdId/restore': (_, p) => {
        restored.push(p.householdId);
        return { body: room(Number(p.householdId), { buildingId: 5, buildingName: '旧5号楼' }) };
      },
    });
    render(<AdminHouseholds />);
    await waitFor(() => expect($('#households-tab-retired')).toBeTruthy());
    await click('#households-tab-retired');
    await waitFor(() => expect($('#retired-building-5')).toBeTruthy());
    expect($('#retired-building-1')?.textContent).toContain('1单元 102室');
    expect($('#retired-room-1')).toBeNull();
    await click('#retired-restore-all-5');
    await waitFor(() => expect(restored).toEqual(['3', '4']));
  });
});

describe('导入住户名单', () => {
  it('uploads the file itself for a preview, lists bad rows and offers no import while any is bad', async () => {
    const calls = moderator({
      'POST /api/committees/:communityId/households/import': () => ({
        body: importReply('preview', {
          errors: [{ row: 12, message: '第12行：室号不能为空' }],
          message: '有1行填得不对，请改好后再导入（这次什么都没有改）',
        }),
      }),
    });
    render(<AdminHouseholds />);
    await waitFor(() => expect($('#households-tab-import')).toBeTruthy());
    await click('#households-tab-import');
    await click('#roster-choose');
    await waitFor(() => expect($('#roster-preview')).toBeTruthy());
    const upload = calls.find((c) => c.method === 'POST');
    expect(upload?.query.get('step')).toBe('preview');
    expect(upload?.body).toBe(picked.bytes);
    expect(upload?.header['Content-Type']).toBe('application/octet-stream');
    expect($('#roster-error-12')?.textContent).toBe('第12行：室号不能为空');
    expect($('#roster-count-errors')?.textContent).toContain('1');
    expect($('#roster-commit')).toBeNull();
  });

  it('确认导入 sends the same file with step=commit and shows the result', async () => {
    const calls = moderator({
      'POST /api/committees/:communityId/households/import': (call) => ({
        body: importReply(call.query.get('step') as 'preview' | 'commit'),
      }),
    });
    render(<AdminHouseholds />);
    await waitFor(() => expect($('#households-tab-import')).toBeTruthy());
    await click('#households-tab-import');
    await click('#roster-choose');
    await waitFor(() => expect($('#roster-commit')).toBeTruthy());
    expect($('#roster-count-created')?.textContent).toContain('100');
    expect($('#roster-count-buildings')?.textContent).toContain('3');
    await click('#roster-commit');
    await waitFor(() => expect($('#roster-result')).toBeTruthy());
    const commit = calls.filter((c) => c.method === 'POST')[1];
    expect(commit.query.get('step')).toBe('commit');
    expect(commit.body).toBe(picked.bytes);
    expect($('#roster-result #roster-message')?.textContent).toBe('导入完成：新增100户');
    expect($('#roster-preview')).toBeNull();
  });

  it('a file with nothing new shows that and offers no import', async () => {
    moderator({
      'POST /api/committees/:communityId/households/import': () => ({
        body: importReply('preview', {
          created: 0,
          updated: 0,
          unchanged: 120,
          buildingsCreated: 0,
          message: '名册和系统里的一样，没有需要更新的内容',
        }),
      }),
    });
    render(<AdminHouseholds />);
    await waitFor(() => expect($('#households-tab-import')).toBeTruthy());
    await click('#households-tab-import');
    await click('#roster-choose');
    await waitFor(() => expect($('#roster-preview')).toBeTruthy());
    expect($('#roster-message')?.textContent).toBe('名册和系统里的一样，没有需要更新的内容');
    expect($('#roster-commit')).toBeNull();
  });
});
