import type { UploadReply } from '../../shared/contracts/uploads';

export const hex = (n: number) => n.toString(16).padStart(64, '0');

export function image(id: number): UploadReply {
  return {
    id,
    kind: 'image',
    name: `照片${id}.jpg`,
    byteSize: 120_000,
    width: 1600,
    height: 1200,
    isPublic: true,
    urls: { display: `/api/files/${hex(id)}.jpg`, thumbnail: `/api/files/${hex(id + 1000)}.jpg`, original: null },
  };
}

export function pdf(id: number, name: string | null = '停水通知.pdf'): UploadReply {
  return {
    id,
    kind: 'pdf',
    name,
    byteSize: 1_572_864,
    width: null,
    height: null,
    isPublic: false,
    urls: { display: null, thumbnail: null, original: `/api/files/${hex(id)}.pdf?exp=1900000000&sig=abc_DEF-1` },
  };
}

export function listItem(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    communityId: 7,
    title: `通知${id}`,
    category: 'notice',
    isPublic: true,
    pinned: false,
    publishedAt: '2026-11-03T02:00:00.000Z',
    editedAt: null,
    expiresAt: null,
    expired: false,
    signupOpen: false,
    excerpt: `第${id}条的开头`,
    unread: false,
    ...over,
  };
}

export function signupSummary(over: Record<string, unknown> = {}) {
  return {
    capacity: 30,
    deadline: '2026-11-08T06:00:00.000Z',
    maxPeople: 3,
    taken: 12,
    waiting: 0,
    open: true,
    mine: null,
    ...over,
  };
}

export function mySignup(over: Record<string, unknown> = {}) {
  return {
    id: 900,
    status: 'confirmed',
    people: 2,
    position: null,
    byMe: true,
    createdAt: '2026-11-03T03:00:00.000Z',
    ...over,
  };
}

export function detail(id: number, over: Record<string, unknown> = {}) {
  return {
    ...listItem(id),
    communityName: '梅园居委会',
    status: 'published',
    body: '因抢修，今晚停水。\n请打 021-62345678 询问。',
    withdrawReason: null,
    attachments: [],
    signup: null,
    ...over,
  };
}

export function subscriptions(
  over: Partial<Record<'review_result' | 'event_reminder' | 'urgent_notice', string | null>> = {},
  remaining = 0,
) {
  const ids = { review_result: 'tmpl-review', event_reminder: 'tmpl-event', urgent_notice: 'tmpl-urgent', ...over };
  return {
    items: (['review_result', 'event_reminder', 'urgent_notice'] as const).map((template) => ({
      template,
      templateId: ids[template],
      remaining,
    })),
  };
}
