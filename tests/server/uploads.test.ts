import { readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemContext } from '../../server/core/context';
import { uploads } from '../../server/db/schema';
import { attachUploads, createLocalFileStore, fileKeyOf } from '../../server/platform/files';
import { ORPHAN_UPLOADS_JOB, platformJobs } from '../../server/platform/jobs';
import { type TestApp, testFiles, useTestApp } from '../helpers/app';
import { world } from '../helpers/fixtures';

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>>;

beforeAll(async () => {
  w = await world(t.app);
}, 60_000);

/** Every stored file (the store's folders, temporary files included). */
function storedFiles(app: TestApp = t.app): string[] {
  const dir = (app.deps.files as { dir?: string }).dir as string;
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)],
    );
  return walk(dir);
}

async function rowCount() {
  const [{ n }] = await t.app.database.sql<{ n: number }[]>`select count(*)::int as n from uploads`;
  return n;
}

function form(bytes: Uint8Array, filename = 'photo.jpg', type = 'image/jpeg') {
  const f = new FormData();
  f.append('note', 'ignored');
  f.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
  return f;
}

const uploadPath = (communityId = w.a.id, query = '') => `/api/committees/${communityId}/uploads${query}`;

function upload(bytes: Uint8Array, options: { filename?: string; query?: string; token?: string } = {}) {
  return t.app.call('POST', uploadPath(w.a.id, options.query ?? ''), {
    token: options.token ?? w.moderatorA.token,
    form: form(bytes, options.filename),
  });
}

/** A photo as a phone takes it: noisy pixels, EXIF with the home's GPS position, turned on its side. */
async function phonePhoto(width = 1200, height = 900) {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 15' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '31/1 12/1 3456/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '121/1 28/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const hasGpsIfd = (exif: Buffer | undefined) =>
  Boolean(exif && (exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]))));

/** A PNG header claiming width × height, with a tiny compressed body: a decompression bomb's shape. */
function hugePng(width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  // A few rows of zeros (each row: filter byte + width bytes); a decoder would expand far more.
  const idat = deflateSync(Buffer.alloc((width + 1) * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

describe('uploading', () => {
  it('re-encodes a phone photo: turned upright, no EXIF or GPS, display and thumbnail sizes', async () => {
    const photo = await phonePhoto();
    const before = await sharp(photo).metadata();
    expect(hasGpsIfd(before.exif)).toBe(true);
    expect(before.orientation).toBe(6);

    const res = await upload(photo, { filename: '../我家/阳台.jpg' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', name: '阳台.jpg', width: 900, height: 1200, isPublic: false });
    expect(res.body.urls.original).toBeNull();

    for (const [url, longest] of [
      [res.body.urls.display, 1200],
      [res.body.urls.thumbnail, 400],
    ] as const) {
      const file = await fetch(t.app.url + url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/jpeg');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      const bytes = Buffer.from(await file.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(longest);
      // Upright: the portrait the phone meant, not the landscape it stored.
      expect(meta.height).toBeGreaterThan(meta.width ?? 0);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
    }
  });

  it('keeps a large photo to 1600 px on its longest side', async () => {
    const big = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#4a7' } })
      .png()
      .toBuffer();
    const res = await upload(big, { filename: 'big.png' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ width: 1600, height: 1067 });
  });

  it('keeps a PDF as sent and serves it as a download', async () => {
    const res = await upload(PDF, { filename: '停水通知.pdf' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'pdf', name: '停水通知.pdf', width: null, byteSize: PDF.length });
    expect(res.body.urls.display).toBeNull();
    const file = await fetch(t.app.url + res.body.urls.original);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
  });

  describe('refuses bad input and stores nothing', () => {
    let rowsBefore = 0;
    let filesBefore: string[] = [];
    beforeEach(async () => {
      rowsBefore = await rowCount();
      filesBefore = storedFiles();
    });
    const nothingStored = async () => {
      expect(await rowCount()).toBe(rowsBefore);
      expect(storedFiles()).toEqual(filesBefore);
    };

    it('a truncated JPEG', async () => {
      const photo = await phonePhoto();
      const res = await upload(photo.subarray(0, Math.floor(photo.length / 2)));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('UPLOAD_UNREADABLE');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      await nothingStored();
    });

    it('a zip named .jpg and sent as image/jpeg', async () => {
      const zip = new JSZip();
      zip.file('a.txt', 'not a photo');
      const bytes = await zip.generateAsync({ type: 'nodebuffer' });
      const res = await upload(bytes, { filename: 'photo.jpg' });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
      await nothingStored();
    });

    it('text, a GIF and an SVG, whatever their names', async () => {
      const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
        .gif()
        .toBuffer();
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      for (const bytes of [Buffer.from('hello, not an image at all'), gif, svg]) {
        const res = await upload(bytes, { filename: 'x.jpg' });
        expect(res.status).toBe(415);
        expect(res.body.error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
      }
      await nothingStored();
    });

    it('a 50,000 × 50,000 PNG (a decompression bomb), before decoding it', async () => {
      const bomb = hugePng(50_000, 50_000);
      expect(bomb.length).toBeLessThan(1000);
      expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({
        width: 50_000,
        height: 50_000,
      });
      const res = await upload(bomb, { filename: 'bomb.png' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('UPLOAD_TOO_MANY_PIXELS');
      await nothingStored();
    });

    it('a photo over 10 MB (413)', async () => {
      const photo = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
        .jpeg()
        .toBuffer();
      const padded = Buffer.concat([photo, Buffer.alloc(10 * 1024 * 1024)]);
      const res = await upload(padded);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('UPLOAD_TOO_LARGE');
      await nothingStored();
    });

    it('a file over 20 MB (413, not read to the end)', async () => {
      const res = await upload(Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]), { filename: 'big.pdf' });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      await nothingStored();
    });

    it('a PDF cut off before its end', async () => {
      const res = await upload(PDF.subarray(0, 60), { filename: 'cut.pdf' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('UPLOAD_UNREADABLE');
      await nothingStored();
    });

    it('a raw body or a form without the file field', async () => {
      const raw = await t.app.call('POST', uploadPath(), { token: w.moderatorA.token, bytes: PDF });
      expect(raw.status).toBe(415);
      const f = new FormData();
      f.append('other', new Blob([PDF]), 'x.pdf');
      const empty = await t.app.call('POST', uploadPath(), { token: w.moderatorA.token, form: f });
      expect(empty.status).toBe(400);
      expect(empty.body.error.code).toBe('VALIDATION_FAILED');
      await nothingStored();
    });
  });

  it('only for staff of the community: a resident 403, another community’s moderator 404', async () => {
    const photo = await phonePhoto(40, 30);
    const rows = await rowCount();
    expect((await upload(photo, { token: w.residentA.token })).status).toBe(403);
    const stranger = await upload(photo, { token: w.moderatorB.token });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('NOT_FOUND');
    expect((await t.app.call('POST', uploadPath(), { form: form(photo) })).status).toBe(401);
    expect(await rowCount()).toBe(rows);
  });

  it('stores the same photo once when it is uploaded 10 times at once', async () => {
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const replies = await Promise.all(Array.from({ length: 10 }, () => upload(photo)));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = replies.map((r) => r.body.id);
    expect(new Set(ids).size).toBe(10);
    const rows = await t.app.database.db.select().from(uploads).where(eq(uploads.id, ids[0]));
    const { fileKey, thumbKey } = rows[0];
    const keys = await t.app.database.sql<{ file_key: string }[]>`
      select distinct file_key from uploads where id = any(${ids})`;
    expect(keys.map((k) => k.file_key)).toEqual([fileKey]);
    const named = storedFiles().filter((f) => f.endsWith(fileKey) || f.endsWith(thumbKey as string));
    expect(named).toHaveLength(2);
    expect(storedFiles().some((f) => f.includes(`${path.sep}.tmp${path.sep}`))).toBe(false);
  });
});

describe('serving files', () => {
  let members: { display: string; thumbnail: string };
  beforeAll(async () => {
    const res = await upload(await phonePhoto(300, 200));
    members = res.body.urls;
  });

  it('a members-only file needs its signature; without it, altered, or expired: 404', async () => {
    expect(members.display).toMatch(/\?exp=\d+&sig=/);
    expect((await fetch(t.app.url + members.display)).status).toBe(200);
    const plain = members.display.split('?')[0];
    const [, exp, sig] = /exp=(\d+)&sig=(.+)$/.exec(members.display) as RegExpExecArray;
    const flipped = sig[0] === 'A' ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
    const otherFile = members.thumbnail.split('?')[0];
    for (const url of [
      plain,
      `${plain}?exp=${exp}&sig=${flipped}`,
      `${plain}?exp=${Number(exp) + 3600}&sig=${sig}`,
      // A good signature is for its own file only.
      `${otherFile}?exp=${exp}&sig=${sig}`,
    ]) {
      const res = await t.app.call('GET', url);
      expect(res.status, url).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    t.app.clock.advance(2 * 3_600_000 + 1000);
    try {
      const expired = await t.app.call('GET', members.display);
      expect(expired.status).toBe(404);
    } finally {
      t.app.clock.advance(-(2 * 3_600_000 + 1000));
    }
  });

  it('a file nobody uploaded is the same 404 as a refused one', async () => {
    const res = await t.app.call('GET', `/api/files/${'0'.repeat(64)}.jpg`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('a signed URL is cached privately until it expires; a public file by plain URL for a year', async () => {
    const signed = await fetch(t.app.url + members.display);
    expect(signed.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const photo = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#39f' } })
      .png()
      .toBuffer();
    const res = await upload(photo, { query: '?visibility=public' });
    expect(res.status).toBe(201);
    expect(res.body.isPublic).toBe(true);
    expect(res.body.urls.display).toMatch(/^\/api\/files\/[0-9a-f]{64}\.jpg$/);
    const file = await fetch(t.app.url + res.body.urls.display);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = file.headers.get('etag') as string;
    const again = await fetch(t.app.url + res.body.urls.display, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('orphan uploads', () => {
  it('the hourly job removes uploads left unattached for a day, and files no other upload names', async () => {
    const shared = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#0a0' } })
      .jpeg()
      .toBuffer();
    const lonely = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#a0a' } })
      .jpeg()
      .toBuffer();
    const kept = (await upload(shared)).body;
    const orphanTwin = (await upload(shared)).body;
    const orphan = (await upload(lonely)).body;
    await attachUploads(t.app.database.db, {
      communityId: w.a.id,
      ids: [kept.id],
      isPublic: false,
      now: t.app.clock(),
    });
    const job = platformJobs()[ORPHAN_UPLOADS_JOB];
    expect(job.everyMinutes).toBe(60);
    const run = () => job.run(undefined as never, systemContext(t.app.deps), {} as never);

    // Not a day old yet: all stay.
    t.app.clock.advance(23 * 3_600_000);
    await run();
    const alive = async (id: number) =>
      (await t.app.database.db.select().from(uploads).where(eq(uploads.id, id))).length === 1;
    expect(await alive(orphan.id)).toBe(true);

    t.app.clock.advance(2 * 3_600_000);
    try {
      await run();
      expect(await alive(kept.id)).toBe(true);
      expect(await alive(orphanTwin.id)).toBe(false);
      expect(await alive(orphan.id)).toBe(false);
      // The attached twin keeps the files the orphan shared; the lonely one's files are gone.
      const store = t.app.deps.files.store;
      const keyOf = (url: string) => /([0-9a-f]{64})\.jpg/.exec(url)?.[1] as string;
      expect(await store.exists(keyOf(kept.urls.display))).toBe(true);
      expect(await store.exists(keyOf(kept.urls.thumbnail))).toBe(true);
      expect(await store.exists(keyOf(orphan.urls.display))).toBe(false);
      expect(await store.exists(keyOf(orphan.urls.thumbnail))).toBe(false);
    } finally {
      t.app.clock.advance(-25 * 3_600_000);
    }
  });
});

describe('local file store', () => {
  it('content-addressed, idempotent, and leaves no temporary file', async () => {
    const files = testFiles();
    const store = createLocalFileStore(files.dir);
    const bytes = Buffer.from('hello store');
    const keys = await Promise.all(Array.from({ length: 5 }, () => store.put(bytes)));
    expect(new Set(keys)).toEqual(new Set([fileKeyOf(bytes)]));
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.get(keys[0]))?.equals(bytes)).toBe(true);
    expect(readdirSync(path.join(files.dir, '.tmp'))).toEqual([]);
    expect(readdirSync(path.join(files.dir, keys[0].slice(0, 2), keys[0].slice(2, 4)))).toEqual([keys[0]]);
    await store.delete(keys[0]);
    expect(await store.exists(keys[0])).toBe(false);
    expect(await store.get(keys[0])).toBeNull();
    await store.delete(keys[0]);
    rmSync(files.dir, { recursive: true, force: true });
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a file key/);
  });

  it('a write cut short leaves only a temporary file, never served, swept after a day', async () => {
    const files = testFiles();
    const store = createLocalFileStore(files.dir);
    const kept = await store.put(Buffer.from('whole file'));
    const half = Buffer.from('half a fi');
    const key = fileKeyOf(Buffer.from('half a file'));
    const tmp = path.join(files.dir, '.tmp');
    // What a crash between write and rename leaves: the bytes under a temporary name only.
    writeFileSync(path.join(tmp, `${key}.stale`), half);
    const old = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(path.join(tmp, `${key}.stale`), old, old);
    writeFileSync(path.join(tmp, `${key}.fresh`), half);
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    expect(await store.sweep?.(new Date(Date.now() - 86_400_000))).toBe(1);
    expect(readdirSync(tmp)).toEqual([`${key}.fresh`]);
    expect(await store.exists(kept)).toBe(true);
    rmSync(files.dir, { recursive: true, force: true });
  });
});

describe('personal data', () => {
  it('the uploader’s copy lists their uploads, without the files’ addresses', async () => {
    const res = await upload(PDF, { filename: '会议纪要.pdf' });
    expect(res.status).toBe(201);
    const copy = await t.app.call('GET', '/api/me/data', { token: w.moderatorA.token });
    expect(copy.status).toBe(200);
    expect(copy.body.uploads).toContainEqual({
      communityName: w.a.name,
      kind: 'pdf',
      name: '会议纪要.pdf',
      byteSize: PDF.length,
      createdAt: expect.any(String),
      attached: false,
    });
    const other = await t.app.call('GET', '/api/me/data', { token: w.residentA.token });
    expect(other.body.uploads).toEqual([]);
  });
});
