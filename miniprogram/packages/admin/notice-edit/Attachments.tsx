import { Button, Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { NOTICE_MAX_IMAGES, NOTICE_MAX_PDFS } from '../../../../shared/contracts/notices';
import type { UploadReply } from '../../../../shared/contracts/uploads';
import { chooseNoticeFiles, fileUrl, type NoticeFileKind, uploadNoticeFile } from '../../../lib/notice-files';

/**
 * 图片 (≤ 9) and PDF 文件 (≤ 9): each chosen file is uploaded at once; the list is in the order
 * residents will see, with 上移 and 删除. The ids go to the notice in this order.
 */
export function Attachments(props: {
  communityId: number;
  isPublic: boolean;
  value: UploadReply[];
  onChange: (next: UploadReply[]) => void;
  error?: string | null;
}) {
  const [busy, setBusy] = useState<NoticeFileKind | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const images = props.value.filter((a) => a.kind === 'image').length;
  const pdfs = props.value.filter((a) => a.kind === 'pdf').length;

  const add = async (kind: NoticeFileKind) => {
    const room = kind === 'image' ? NOTICE_MAX_IMAGES - images : NOTICE_MAX_PDFS - pdfs;
    const chosen = await chooseNoticeFiles(kind, room);
    if (chosen.length === 0) return;
    setBusy(kind);
    setDone(null);
    let list = props.value;
    let sent = 0;
    for (const file of chosen) {
      try {
        const uploaded = await uploadNoticeFile(props.communityId, file, props.isPublic);
        list = [...list, uploaded];
        sent++;
        props.onChange(list);
      } catch {
        // toast shown; the others still go
      }
    }
    setBusy(null);
    setDone(sent === chosen.length ? `已添加${sent}个` : `添加了${sent}个，${chosen.length - sent}个没有传上去`);
  };

  const move = (index: number) => {
    if (index === 0) return;
    const next = [...props.value];
    [next[index - 1], next[index]] = [next[index], next[index - 1]];
    props.onChange(next);
  };

  const remove = (id: number) => props.onChange(props.value.filter((a) => a.id !== id));

  return (
    <View className="field" id="notice-attachments">
      <Text className="field-label">图片和PDF文件（可不加）</Text>
      <Text className="field-hint">
        图片最多{NOTICE_MAX_IMAGES}张（已有{images}张），PDF最多{NOTICE_MAX_PDFS}个（已有{pdfs}个）。
      </Text>
      {props.value.map((a, i) => (
        <View key={a.id} className="attachment-row" id={`attachment-${a.id}`}>
          {a.kind === 'image' ? (
            <Image className="attachment-thumb" src={fileUrl(a.urls.thumbnail ?? a.urls.display)} mode="aspectFill" />
          ) : (
            <View className="attachment-thumb attachment-pdf">
              <Text className="t-body">PDF</Text>
            </View>
          )}
          <Text className="t-body grow attachment-name">
            {a.name ?? (a.kind === 'image' ? `图片${i + 1}` : '文件')}
          </Text>
          <View className="attachment-actions">
            {i > 0 ? (
              <Button id={`attachment-up-${a.id}`} className="btn btn--plain btn--small" onClick={() => move(i)}>
                上移
              </Button>
            ) : null}
            <Button
              id={`attachment-remove-${a.id}`}
              className="btn btn--danger btn--small"
              onClick={() => remove(a.id)}
            >
              删除
            </Button>
          </View>
        </View>
      ))}
      <View className="btn-row gap-top">
        <Button
          id="attachment-add-image"
          className="btn btn--plain"
          disabled={busy !== null || images >= NOTICE_MAX_IMAGES || undefined}
          onClick={() => void add('image')}
        >
          {busy === 'image' ? '正在上传…' : '添加图片'}
        </Button>
        <Button
          id="attachment-add-pdf"
          className="btn btn--plain"
          disabled={busy !== null || pdfs >= NOTICE_MAX_PDFS || undefined}
          onClick={() => void add('pdf')}
        >
          {busy === 'pdf' ? '正在上传…' : '添加PDF'}
        </Button>
      </View>
      {done ? (
        <Text className="field-hint" id="attachment-done">
          {done}
        </Text>
      ) : null}
      {props.error ? (
        <Text className="field-error" id="notice-uploadIds-error">
          {props.error}
        </Text>
      ) : null}
    </View>
  );
}
