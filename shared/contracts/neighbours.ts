import { z } from 'zod';
import { contentStates, heldReasons, type NeighbourField, neighbourContactStates, neighbourFields } from '../enums';
import { optionalText, text } from '../text';
import { communityParams, idSchema, isoDateTime, pageLimit, XLSX_TYPE } from './common';
import { defineFileRoute, defineRoute, fileResponse } from './route';

/**
 * 找邻居 (docs/decisions/024-neighbours.md): a private, opt-in directory of a community's approved
 * members. Each field of a card has its own switch (off by default except the display name and
 * building) and a reply never carries a field whose switch is off; contact happens only through a
 * request the other side accepts, then in a private thread; blocks are silent both ways; every
 * switch is recorded in the consent log. Cards, people and messages are named by their own ids
 * (card id, contact id, message id), never by user id.
 */

/** Cards the directory returns at most per page. */
export const NEIGHBOUR_PAGE_MAX = 20;
/** Cards one viewer may be shown per China day in one community (anti-scraping). */
export const NEIGHBOUR_DAILY_CARDS = 200;
/** Contact requests one resident may send per China day. */
export const NEIGHBOUR_DAILY_REQUESTS = 5;
/** Days a declined request keeps the requester from asking the same neighbour again. */
export const NEIGHBOUR_DECLINE_COOLDOWN_DAYS = 30;
export const NEIGHBOUR_NAME_MAX = 12;
export const NEIGHBOUR_INTRO_MAX = 200;
export const NEIGHBOUR_TAGS_MAX = 8;
export const NEIGHBOUR_FREE_TAGS_MAX = 3;
export const NEIGHBOUR_TAG_MAX = 8;
export const NEIGHBOUR_HELP_MAX = 5;
export const NEIGHBOUR_HELP_ITEM_MAX = 20;
export const NEIGHBOUR_REQUEST_MAX = 200;
export const NEIGHBOUR_MESSAGE_MAX = 500;
export const NEIGHBOUR_MESSAGE_IMAGES = 3;
export const NEIGHBOUR_WECHAT_ID_MAX = 20;

export const cardParams = z.object({ communityId: idSchema, cardId: idSchema });
export const contactParams = z.object({ communityId: idSchema, contactId: idSchema });
export const blockParams = z.object({ communityId: idSchema, blockId: idSchema });

const switchOf = (label: string) => z.boolean({ error: `请选择${label}是否让邻居看到` });
const uniqueList = <T>(items: T[]) => new Set(items).size === items.length;

const tag = text({
  min: 1,
  max: NEIGHBOUR_TAG_MAX,
  messages: { min: '标签不能是空的', max: `每个标签最多${NEIGHBOUR_TAG_MAX}个字` },
});
const helpItem = text({
  min: 1,
  max: NEIGHBOUR_HELP_ITEM_MAX,
  messages: { min: '每一项都要写上内容', max: `每一项最多${NEIGHBOUR_HELP_ITEM_MAX}个字` },
});
const helpList = (label: string) =>
  z
    .array(helpItem, { error: `${label}的内容不对` })
    .max(NEIGHBOUR_HELP_MAX, `${label}最多写${NEIGHBOUR_HELP_MAX}项`)
    .refine(uniqueList, `${label}里有重复的`);

/** The resident's card as they save it: every field and every switch (PUT: the whole card). */
export const cardInput = z.object({
  listed: switchOf('名片'),
  displayName: text({
    min: 1,
    max: NEIGHBOUR_NAME_MAX,
    messages: { min: '请填写邻居怎么称呼您，比如“王阿姨”', max: `称呼最多${NEIGHBOUR_NAME_MAX}个字` },
  }),
  showName: switchOf('称呼'),
  /** An uploaded photo (POST /photos) or null for none. */
  avatarUploadId: idSchema.nullable().default(null),
  showAvatar: switchOf('头像'),
  showBuilding: switchOf('楼栋'),
  showRoom: switchOf('单元和房号'),
  intro: optionalText({
    max: NEIGHBOUR_INTRO_MAX,
    multiline: true,
    messages: { max: `自我介绍最多${NEIGHBOUR_INTRO_MAX}个字` },
  })
    .nullable()
    .transform((v) => v || null),
  showIntro: switchOf('自我介绍'),
  /** Tags from the list plus at most NEIGHBOUR_FREE_TAGS_MAX of the resident's own. */
  tags: z
    .array(tag, { error: '标签不对' })
    .max(NEIGHBOUR_TAGS_MAX, `标签最多选${NEIGHBOUR_TAGS_MAX}个`)
    .refine(uniqueList, '标签有重复的'),
  showTags: switchOf('标签'),
  canHelp: helpList('可以帮忙'),
  needHelp: helpList('需要帮忙'),
  showHelp: switchOf('可以帮忙和需要帮忙'),
  serve: z.boolean({ error: '请选择是否愿意为社区服务' }),
  /** The version of the switch texts the editor showed (NEIGHBOUR_CONSENT_VERSION). */
  consentVersion: text({ min: 1, max: 20, messages: '页面已更新，请刷新后再保存' }),
});
export type CardInput = z.input<typeof cardInput>;

/** What a neighbour receives of a card (shared/domain/neighbour-card.ts shownCard). */
export const neighbourCardView = z.object({
  id: z.number().int(),
  displayName: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  building: z.string().nullable(),
  room: z.string().nullable(),
  intro: z.string().nullable(),
  tags: z.array(z.string()),
  canHelp: z.array(z.string()),
  needHelp: z.array(z.string()),
  sameBuilding: z.boolean(),
});
export type NeighbourCardView = z.infer<typeof neighbourCardView>;

/** How a contact looks from the caller's side (the requester never learns of a refusal). */
export const contactViews = [
  /** I asked; no answer yet. */
  'waiting',
  /** They asked me; I have not answered. */
  'to_answer',
  'accepted',
  /** I asked and they declined, blocked me, left, or the thread was closed from their side: 对方暂时不方便. */
  'unavailable',
  /** They asked and I declined. */
  'declined',
  /** I took my request back. */
  'withdrawn',
  /** I blocked them, or I was the one who closed it. */
  'ended',
] as const;
export type ContactView = (typeof contactViews)[number];

/** The contact between the caller and a card, when there is a live or recent one. */
export const contactRef = z.object({ id: z.number().int(), view: z.enum(contactViews) });

/** One card in the directory or opened by itself. */
export const directoryCard = neighbourCardView.extend({ contact: contactRef.nullable() });
export type DirectoryCard = z.infer<typeof directoryCard>;

/** The owner's own card: everything stored, every switch, and the preview of what others see. */
export const myCardReply = z.object({
  /** Null before the first save (the editor shows the defaults). */
  id: z.number().int().nullable(),
  listed: z.boolean(),
  displayName: z.string(),
  showName: z.boolean(),
  avatarUploadId: z.number().int().nullable(),
  avatarUrl: z.string().nullable(),
  showAvatar: z.boolean(),
  /** From the caller's household (read-only here). */
  buildingName: z.string().nullable(),
  unitRoom: z.string().nullable(),
  showBuilding: z.boolean(),
  showRoom: z.boolean(),
  intro: z.string().nullable(),
  showIntro: z.boolean(),
  tags: z.array(z.string()),
  /** Tags a moderator hid (shown to nobody). */
  hiddenTags: z.array(z.string()),
  showTags: z.boolean(),
  canHelp: z.array(z.string()),
  needHelp: z.array(z.string()),
  showHelp: z.boolean(),
  serve: z.boolean(),
  state: z.enum(contentStates),
  heldReason: z.enum(heldReasons).nullable(),
  /** Why a moderator hid the card, when hidden. */
  stateReason: z.string().nullable(),
  /** The current switch texts' version (send it back on save). */
  consentVersion: z.string(),
  /** Exactly what a neighbour of another building sees (the preview). */
  preview: neighbourCardView,
  updatedAt: isoDateTime.nullable(),
});
export type MyCard = z.infer<typeof myCardReply>;

export const getMyCard = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbours/me',
  summary: 'The caller’s own card in the community with every switch, and the preview of what neighbours see',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: communityParams,
  response: myCardReply,
});

export const saveMyCard = defineRoute({
  method: 'PUT',
  path: '/api/committees/:communityId/neighbours/me',
  summary:
    'Save the caller’s card (the whole card). Free text is screened like board text; every switch that changed is written to the consent log with the version of its text',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'CONTENT_REJECTED', 'BOARD_MUTED', 'INVALID_STATE'],
  params: communityParams,
  body: cardInput,
  response: myCardReply,
});

export const removeMyCard = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/neighbours/me',
  summary:
    'Take the caller’s card down and erase what it said (the consent log records every switch turned off); contacts stay',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: communityParams,
  response: null,
});

export const listNeighbours = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbours',
  summary:
    'The directory: listed cards of approved members, by tag, building or name (only where the card shows that field), 同楼 first, keyset paging of at most 20, a daily ceiling per viewer; blocked people never appear either way',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'DIRECTORY_LIMIT'],
  params: communityParams,
  query: z.object({
    tag: optionalText({ max: NEIGHBOUR_TAG_MAX, messages: '标签不对' }),
    buildingId: idSchema.optional(),
    q: optionalText({ max: NEIGHBOUR_NAME_MAX, messages: { max: `称呼最多${NEIGHBOUR_NAME_MAX}个字` } }),
    cursor: optionalText({ max: 100, messages: '翻页位置不对，请刷新后再试' }),
    limit: pageLimit(NEIGHBOUR_PAGE_MAX, NEIGHBOUR_PAGE_MAX),
  }),
  response: z.object({
    items: z.array(directoryCard),
    nextCursor: z.string().nullable(),
    /** Cards the caller may still be shown today. */
    remainingToday: z.number().int(),
  }),
});

export const neighbourFacets = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbours/facets',
  summary:
    'Tags and buildings to filter the directory by, with how many listed cards show each; the caller’s own listing',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: communityParams,
  response: z.object({
    tags: z.array(z.object({ tag: z.string(), count: z.number().int() })),
    buildings: z.array(z.object({ id: z.number().int(), name: z.string(), count: z.number().int() })),
    /** The caller's building, for 同楼. */
    myBuildingId: z.number().int().nullable(),
    /** The caller's own card is listed. */
    listed: z.boolean(),
  }),
});

export const getNeighbourCard = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbours/cards/:cardId',
  summary:
    'One listed card as the caller may see it, with the contact between them; 404 when unlisted, hidden, blocked either way, or of another community',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: cardParams,
  response: directoryCard,
});

export const requestInput = z.object({
  message: text({
    min: 1,
    max: NEIGHBOUR_REQUEST_MAX,
    multiline: true,
    messages: { min: '请写一句话说明想请对方帮什么忙', max: `最多${NEIGHBOUR_REQUEST_MAX}个字` },
  }),
});

export const requestContact = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/neighbours/cards/:cardId/contact',
  summary:
    'Ask to contact a neighbour with a short message (screened like board text). One live request per pair; a few per day; a declined request cannot be repeated for 30 days',
  tag: 'neighbours',
  auth: 'user',
  status: 201,
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'CONTENT_REJECTED',
    'BOARD_MUTED',
    'CONTACT_EXISTS',
    'CONTACT_COOLING',
    'CONTACT_LIMIT',
    'INVALID_STATE',
  ],
  params: cardParams,
  body: requestInput,
  response: contactRef,
});

export const messageView = z.object({
  id: z.number().int(),
  mine: z.boolean(),
  isRequest: z.boolean(),
  body: z.string(),
  photos: z.array(z.object({ id: z.number().int(), url: z.string(), thumbUrl: z.string().nullable() })),
  /** The author sees their own held or rejected message; the other side only visible ones. */
  state: z.enum(contentStates),
  createdAt: isoDateTime,
});
export type NeighbourMessageView = z.infer<typeof messageView>;

export const contactListItem = z.object({
  id: z.number().int(),
  view: z.enum(contactViews),
  /** The other side's card as they show it; null once they left or deleted their account. */
  other: neighbourCardView.nullable(),
  /** The request's words. */
  request: z.string(),
  lastMessage: z.string().nullable(),
  lastMessageAt: isoDateTime.nullable(),
  unread: z.number().int(),
  createdAt: isoDateTime,
});
export type ContactListItem = z.infer<typeof contactListItem>;

export const listContacts = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbours/contacts',
  summary:
    'The caller’s contacts: requests to answer, requests sent (a refusal shows as 对方暂时不方便) and threads, newest activity first',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: communityParams,
  query: z.object({
    box: z.enum(['requests', 'threads'], { error: '分类不对' }).default('threads'),
    cursor: optionalText({ max: 100, messages: '翻页位置不对，请刷新后再试' }),
    limit: pageLimit(50, 20),
  }),
  response: z.object({
    items: z.array(contactListItem),
    nextCursor: z.string().nullable(),
    toAnswer: z.number().int(),
  }),
});

export const sharedContact = z.object({ phone: z.string().nullable(), wechatId: z.string().nullable() });

export const getContact = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbours/contacts/:contactId',
  summary:
    'One contact with its thread (newest messages, older ones by `before`), what each side shared, and whether the caller can write; marks it read',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: contactParams,
  query: z.object({
    before: idSchema.optional(),
    limit: pageLimit(50, 30),
  }),
  response: z.object({
    contact: contactListItem,
    messages: z.array(messageView),
    /** Pass as `before` for older messages; null at the start. */
    olderBefore: z.number().int().nullable(),
    myShare: sharedContact,
    /** Only on an accepted contact. */
    theirShare: sharedContact,
    canSend: z.boolean(),
  }),
});

const contactMove = (verb: string, summary: string) =>
  defineRoute({
    method: 'POST',
    path: `/api/committees/:communityId/neighbours/contacts/:contactId/${verb}`,
    summary,
    tag: 'neighbours',
    auth: 'user',
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
    params: contactParams,
    response: contactRef,
  });

export const acceptContact = contactMove(
  'accept',
  'Accept a request addressed to the caller: a private thread opens (compare-and-set: one of accept, decline and withdraw wins)',
);
export const declineContact = contactMove(
  'decline',
  'Decline a request addressed to the caller; the requester is told only 对方暂时不方便',
);
export const withdrawContact = contactMove('withdraw', 'Take back the caller’s own pending request');

export const shareInput = z.object({
  phone: text({ max: 20, pattern: /^[0-9-]{7,20}$/, messages: '电话格式不对' }).nullable(),
  wechatId: text({
    max: NEIGHBOUR_WECHAT_ID_MAX,
    pattern: /^[A-Za-z0-9_-]{1,20}$/,
    messages: '微信号只能有字母、数字、下划线和减号',
  }).nullable(),
  consentVersion: text({ min: 1, max: 20, messages: '页面已更新，请刷新后再保存' }),
});

export const shareContact = defineRoute({
  method: 'PUT',
  path: '/api/committees/:communityId/neighbours/contacts/:contactId/share',
  summary:
    'What the caller shows the other side of an accepted contact: a phone number and a WeChat ID of their choosing, or null to take it back; each change is in the consent log',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'CONTACT_CLOSED', 'INVALID_STATE'],
  params: contactParams,
  body: shareInput,
  response: sharedContact,
});

export const messageInput = z.object({
  body: text({
    min: 1,
    max: NEIGHBOUR_MESSAGE_MAX,
    multiline: true,
    messages: { min: '请写下要说的话', max: `最多${NEIGHBOUR_MESSAGE_MAX}个字` },
  }),
  photoIds: z
    .array(idSchema, { error: '照片不对，请重新上传' })
    .max(NEIGHBOUR_MESSAGE_IMAGES, `最多${NEIGHBOUR_MESSAGE_IMAGES}张照片`)
    .refine(uniqueList, '同一张照片只能放一次')
    .default([]),
});

export const sendMessage = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/neighbours/contacts/:contactId/messages',
  summary:
    'Write in an accepted thread (text screened like board text; photos wait for their check). Refused once the contact is closed or either side blocked the other',
  tag: 'neighbours',
  auth: 'user',
  status: 201,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'CONTENT_REJECTED', 'BOARD_MUTED', 'CONTACT_CLOSED', 'RATE_LIMITED'],
  params: contactParams,
  body: messageInput,
  response: messageView,
});

export const blockNeighbour = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/neighbours/cards/:cardId/block',
  summary:
    'Block the card’s owner: neither sees the other in the directory or by link, live contacts between them close, nobody is told. Also reachable from a thread (the other side’s card id)',
  tag: 'neighbours',
  auth: 'user',
  status: 201,
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: cardParams,
  response: z.object({ blockId: z.number().int() }),
});

export const blockContactOwner = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/neighbours/contacts/:contactId/block',
  summary: 'Block the other side of a contact (for a requester whose card is not listed)',
  tag: 'neighbours',
  auth: 'user',
  status: 201,
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: contactParams,
  response: z.object({ blockId: z.number().int() }),
});

export const listBlocks = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbours/blocks',
  summary: 'The people the caller blocked, by the name their card showed then',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: communityParams,
  response: z.object({
    items: z.array(z.object({ id: z.number().int(), label: z.string(), createdAt: isoDateTime })),
  }),
});

export const unblockNeighbour = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/neighbours/blocks/:blockId',
  summary: 'Lift one of the caller’s blocks (closed contacts stay closed)',
  tag: 'neighbours',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: blockParams,
  response: null,
});

export const consentEntry = z.object({
  id: z.number().int(),
  communityName: z.string(),
  field: z.enum(neighbourFields),
  granted: z.boolean(),
  textVersion: z.string(),
  /** The words shown with that switch (for the current version; earlier versions are named only). */
  text: z.string().nullable(),
  createdAt: isoDateTime,
});

export const myConsents = defineRoute({
  method: 'GET',
  path: '/api/me/neighbour-consents',
  summary: 'The caller’s consent log of 找邻居, every community, newest first (PIPL arts. 14, 15)',
  tag: 'neighbours',
  auth: 'user',
  response: z.object({ items: z.array(consentEntry) }),
});

// ---------------------------------------------------------------- committee (admin view)

export const neighbourFigures = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbour-admin/figures',
  summary:
    '找邻居 in figures: residents listed, with each switch on, in 能人库; top tags; requests and accepted per week (8 weeks); blocks and reports. Never a thread’s content',
  tag: 'neighbours',
  auth: 'staff',
  params: communityParams,
  response: z.object({
    cards: z.number().int(),
    listed: z.number().int(),
    serve: z.number().int(),
    /** Every field, each with how many have it on (an object, so the OpenAPI schema names each key). */
    switchesOn: z.object(
      Object.fromEntries(neighbourFields.map((f) => [f, z.number().int()])) as Record<NeighbourField, z.ZodNumber>,
    ),
    topTags: z.array(z.object({ tag: z.string(), count: z.number().int() })),
    weeks: z.array(
      z.object({
        weekStart: z.string(),
        requests: z.number().int(),
        accepted: z.number().int(),
        messages: z.number().int(),
      }),
    ),
    blocks: z.number().int(),
    openReports: z.number().int(),
  }),
});

export const adminCardItem = neighbourCardView.extend({
  state: z.enum(contentStates),
  hiddenTags: z.array(z.string()),
  reportCount: z.number().int(),
  listed: z.boolean(),
});

export const listCardsAdmin = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbour-admin/cards',
  summary:
    'Listed cards as neighbours see them, with their state, report count and the tags a moderator hid; by tag or name; keyset paging',
  tag: 'neighbours',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    tag: optionalText({ max: NEIGHBOUR_TAG_MAX, messages: '标签不对' }),
    q: optionalText({ max: NEIGHBOUR_NAME_MAX, messages: { max: `称呼最多${NEIGHBOUR_NAME_MAX}个字` } }),
    cursor: optionalText({ max: 100, messages: '翻页位置不对，请刷新后再试' }),
    limit: pageLimit(50, 20),
  }),
  response: z.object({ items: z.array(adminCardItem), nextCursor: z.string().nullable() }),
});

export const tagInput = z.object({
  tag,
  reason: optionalText({ max: 200, multiline: true, messages: { max: '理由最多200个字' } }),
});

export const hideCardTag = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/neighbour-admin/cards/:cardId/hide-tag',
  summary: 'Hide one tag of a card from everyone (not searchable either); the owner sees it marked; audited',
  tag: 'neighbours',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: cardParams,
  body: tagInput,
  response: adminCardItem,
});

export const restoreCardTag = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/neighbour-admin/cards/:cardId/restore-tag',
  summary: 'Show a hidden tag again; audited',
  tag: 'neighbours',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: cardParams,
  body: tagInput,
  response: adminCardItem,
});

export const talentItem = z.object({
  cardId: z.number().int(),
  displayName: z.string(),
  /** From the membership (committee-only data). */
  realName: z.string().nullable(),
  phone: z.string().nullable(),
  building: z.string().nullable(),
  unitRoom: z.string().nullable(),
  tags: z.array(z.string()),
  canHelp: z.array(z.string()),
  intro: z.string().nullable(),
  /** When the 愿意为社区服务 switch was last turned on, and under which text. */
  consentedAt: isoDateTime,
  consentVersion: z.string(),
});

export const listTalents = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbour-admin/talents',
  summary:
    '能人库: residents who turned on 愿意为社区服务, with the skills they chose to offer and their consent record; by tag',
  tag: 'neighbours',
  auth: 'staff',
  params: communityParams,
  query: z.object({ tag: optionalText({ max: NEIGHBOUR_TAG_MAX, messages: '标签不对' }) }),
  response: z.object({ items: z.array(talentItem) }),
});

export const exportTalents = defineFileRoute({
  method: 'GET',
  path: '/api/committees/:communityId/neighbour-admin/talents.xlsx',
  summary: '能人库 as an Excel file with each person’s consent record (time and text version); the export is audited',
  tag: 'neighbours',
  auth: 'staff',
  params: communityParams,
  response: fileResponse(XLSX_TYPE),
});
