import { describe, expect, it } from 'vitest';
import { type ContactView, contactViews } from '../../shared/contracts/neighbours';
import { canWrite, contactView, contactViewLabels } from '../../shared/domain/neighbour-contact';
import { type NeighbourContactState, neighbourContactStates } from '../../shared/enums';

/** [state, I asked, I closed] → what I read. */
const table: [NeighbourContactState, boolean, boolean, ContactView][] = [
  ['pending', true, false, 'waiting'],
  ['pending', false, false, 'to_answer'],
  ['accepted', true, false, 'accepted'],
  ['accepted', false, false, 'accepted'],
  // The requester is never told of a refusal.
  ['declined', true, false, 'unavailable'],
  ['declined', false, false, 'declined'],
  ['withdrawn', true, false, 'withdrawn'],
  ['withdrawn', false, false, 'ended'],
  // Closed by me (I blocked, I left) → ended; by the other → unavailable; either side.
  ['closed', true, true, 'ended'],
  ['closed', false, true, 'ended'],
  ['closed', true, false, 'unavailable'],
  ['closed', false, false, 'unavailable'],
];

describe('contactView', () => {
  for (const [state, iAsked, iClosed, view] of table) {
    it(`${state}, ${iAsked ? 'I asked' : 'I was asked'}${iClosed ? ', I closed it' : ''} → ${view}`, () => {
      expect(contactView({ state, iAsked, iClosed })).toBe(view);
    });
  }

  it('the table covers every state from both sides', () => {
    for (const state of neighbourContactStates)
      for (const iAsked of [true, false]) expect(table.some(([s, a]) => s === state && a === iAsked)).toBe(true);
  });

  it('the requester never reads declined, whatever happened', () => {
    for (const state of neighbourContactStates)
      for (const iClosed of [true, false]) expect(contactView({ state, iAsked: true, iClosed })).not.toBe('declined');
  });

  it('every view has plain words, and only an accepted contact takes messages', () => {
    for (const v of contactViews) expect(contactViewLabels[v]).toMatch(/\S/);
    expect(neighbourContactStates.filter(canWrite)).toEqual(['accepted']);
  });
});
