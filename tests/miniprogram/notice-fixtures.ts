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
