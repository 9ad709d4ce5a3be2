import { describe, expect, it } from 'vitest';
import {
  type CardFacts,
  type CardSwitch,
  cardSwitches,
  defaultCardSwitches,
  type NeighbourCardShown,
  shownCard,
  switchChanges,
} from '../../shared/domain/neighbour-card';

/** A card with every field filled and every switch off. */
const facts = (over: Partial<CardFacts> = {}): CardFacts => ({
  id: 7,
  listed: true,
  showName: false,
  showAvatar: false,
  showBuilding: false,
  showRoom: false,
  showIntro: false,
  showTags: false,
  showHelp: false,
  serve: false,
  displayName: '王阿姨',
  avatarUrl: '/files/a.jpg',
  buildingId: 3,
  buildingName: '3号楼',
  unit: '2',
  room: '301',
  intro: '退休教师，喜欢养花',
  tags: ['会修电器', '团长'],
  hiddenTags: [],
  canHelp: ['修电扇'],
  needHelp: ['搬重物'],
  ...over,
});

const nothingShown: NeighbourCardShown = {
  id: 7,
  displayName: null,
  avatarUrl: null,
  building: null,
  room: null,
  intro: null,
  tags: [],
  canHelp: [],
  needHelp: [],
  sameBuilding: false,
};

describe('shownCard: one switch at a time', () => {
  it('with every switch off a neighbour receives nothing but the id', () => {
    expect(shownCard(facts(), 3)).toEqual(nothingShown);
  });

  const table: { switch: CardSwitch; on: Partial<NeighbourCardShown> }[] = [
    { switch: 'showName', on: { displayName: '王阿姨' } },
    { switch: 'showAvatar', on: { avatarUrl: '/files/a.jpg' } },
    // Same building as the viewer (3): 同楼 shows only with the building.
    { switch: 'showBuilding', on: { building: '3号楼', sameBuilding: true } },
    { switch: 'showRoom', on: { room: '2单元 301室' } },
    { switch: 'showIntro', on: { intro: '退休教师，喜欢养花' } },
    { switch: 'showTags', on: { tags: ['会修电器', '团长'] } },
    { switch: 'showHelp', on: { canHelp: ['修电扇'], needHelp: ['搬重物'] } },
  ];
  for (const row of table) {
    it(`${row.switch} on shows exactly its field, off hides it`, () => {
      expect(shownCard(facts({ [row.switch]: true }), 3)).toEqual({ ...nothingShown, ...row.on });
      expect(shownCard(facts({ [row.switch]: false }), 3)).toEqual(nothingShown);
    });
  }

  it('listed and serve show nothing by themselves', () => {
    expect(shownCard(facts({ listed: false, serve: true }), 3)).toEqual(nothingShown);
  });

  it('a switch on over an empty value shows null or an empty list, not a placeholder', () => {
    const empty = facts({
      showName: true,
      showAvatar: true,
      showBuilding: true,
      showRoom: true,
      showIntro: true,
      showTags: true,
      showHelp: true,
      displayName: '',
      avatarUrl: null,
      buildingId: null,
      buildingName: null,
      unit: null,
      room: null,
      intro: null,
      tags: [],
      canHelp: [],
      needHelp: [],
    });
    expect(shownCard(empty, 3)).toEqual(nothingShown);
    // A room needs both the unit and the room.
    expect(shownCard(facts({ showRoom: true, unit: '2', room: null }), 3).room).toBeNull();
  });
});

describe('shownCard: hidden tags and 同楼', () => {
  it('a tag a moderator hid never appears, whatever the switch', () => {
    const card = facts({ showTags: true, hiddenTags: ['团长'] });
    expect(shownCard(card, 3).tags).toEqual(['会修电器']);
    expect(shownCard({ ...card, showTags: false }, 3).tags).toEqual([]);
    expect(shownCard(facts({ showTags: true, hiddenTags: ['会修电器', '团长'] }), 3).tags).toEqual([]);
  });

  it('sameBuilding only with the building shown and equal to the viewer’s', () => {
    expect(shownCard(facts({ showBuilding: true }), 3).sameBuilding).toBe(true);
    expect(shownCard(facts({ showBuilding: true }), 4).sameBuilding).toBe(false);
    expect(shownCard(facts({ showBuilding: true }), null).sameBuilding).toBe(false);
    // Ordering by a hidden building would leak it.
    expect(shownCard(facts({ showBuilding: false }), 3).sameBuilding).toBe(false);
    // Without a building on the card, a viewer without one is not "the same".
    expect(shownCard(facts({ showBuilding: true, buildingId: null, buildingName: null }), null).sameBuilding).toBe(
      false,
    );
  });

  it('names the room once, whether the unit was stored as 1 or 1单元', () => {
    const on = { ...defaultCardSwitches, showRoom: true };
    expect(shownCard({ ...facts(on), unit: '1单元', room: '101' }, null).room).toBe('1单元 101室');
    expect(shownCard({ ...facts(on), unit: '1', room: '101室' }, null).room).toBe('1单元 101室');
  });

  it('every switch on shows everything', () => {
    const all = Object.fromEntries(Object.keys(cardSwitches).map((k) => [k, true]));
    expect(shownCard(facts(all), 9)).toEqual({
      id: 7,
      displayName: '王阿姨',
      avatarUrl: '/files/a.jpg',
      building: '3号楼',
      room: '2单元 301室',
      intro: '退休教师，喜欢养花',
      tags: ['会修电器', '团长'],
      canHelp: ['修电扇'],
      needHelp: ['搬重物'],
      sameBuilding: false,
    });
  });
});

describe('switchChanges', () => {
  it('the first save logs every switch, on and off', () => {
    const after = { ...defaultCardSwitches, listed: true, showTags: true };
    const changes = switchChanges(null, after);
    expect(changes).toHaveLength(Object.keys(cardSwitches).length);
    expect(changes).toEqual(
      (Object.keys(cardSwitches) as CardSwitch[]).map((k) => ({ field: cardSwitches[k], granted: after[k] })),
    );
  });

  it('later saves log only the switches that changed', () => {
    const before = { ...defaultCardSwitches, listed: true };
    expect(switchChanges(before, before)).toEqual([]);
    expect(switchChanges(before, { ...before, showRoom: true, showName: false })).toEqual([
      { field: 'name', granted: false },
      { field: 'room', granted: true },
    ]);
    expect(switchChanges({ ...before, serve: true }, before)).toEqual([{ field: 'serve', granted: false }]);
  });
});

describe('defaultCardSwitches', () => {
  it('only the name and the building are on; not listed, not in 能人库', () => {
    const on = (Object.keys(defaultCardSwitches) as CardSwitch[]).filter((k) => defaultCardSwitches[k]);
    expect(on.sort()).toEqual(['showBuilding', 'showName']);
    expect(defaultCardSwitches.listed).toBe(false);
    expect(defaultCardSwitches.serve).toBe(false);
  });
});
