import type { CardInput } from '../../shared/contracts/neighbours';
import { defaultCardSwitches, NEIGHBOUR_CONSENT_VERSION } from '../../shared/domain/neighbour-card';
import type { TestApp } from './app';
import type { CommunityFixture } from './fixtures';

/** A whole card body for PUT /neighbours/me: listed, name and building shown, the rest off unless given. */
export function cardBody(overrides: Partial<CardInput> = {}): CardInput {
  return {
    ...defaultCardSwitches,
    listed: true,
    displayName: '王阿姨',
    avatarUploadId: null,
    intro: null,
    tags: [],
    canHelp: [],
    needHelp: [],
    consentVersion: NEIGHBOUR_CONSENT_VERSION,
    ...overrides,
  };
}

export const mePath = (community: CommunityFixture | number) =>
  `/api/committees/${typeof community === 'number' ? community : community.id}/neighbours/me`;

/** Saves the caller's card through the API and returns its id (fails the test on any refusal). */
export async function saveCard(
  app: TestApp,
  community: CommunityFixture,
  token: string,
  overrides: Partial<CardInput> = {},
): Promise<number> {
  const res = await app.call('PUT', mePath(community), { token, body: cardBody(overrides) });
  if (res.status !== 200) throw new Error(`card save failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as number;
}

/** Asks the card's owner for contact; returns the contact id. */
export async function requestContact(
  app: TestApp,
  community: CommunityFixture,
  token: string,
  cardId: number,
  message = '想请您帮忙看看洗衣机',
): Promise<number> {
  const res = await app.call('POST', `/api/committees/${community.id}/neighbours/cards/${cardId}/contact`, {
    token,
    body: { message },
  });
  if (res.status !== 201) throw new Error(`contact request failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as number;
}

/** The addressee accepts; returns the reply. */
export function contactMove(
  app: TestApp,
  community: CommunityFixture,
  token: string,
  contactId: number,
  verb: 'accept' | 'decline' | 'withdraw',
) {
  return app.call('POST', `/api/committees/${community.id}/neighbours/contacts/${contactId}/${verb}`, { token });
}
