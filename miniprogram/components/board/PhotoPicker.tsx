import { Button, Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { POST_MAX_IMAGES, uploadPhoto } from '../../../shared/contracts/board';
import type { UploadReply } from '../../../shared/contracts/uploads';
import { chooseNoticeFiles, fileUrl, sendFile } from '../../lib/notice-files';
import './board.css';

/**
 * Up to six photos for a post: each chosen photo goes up at once (the members-only photo route),
 * with 第几张 of how many while sending, and a 删除 on each.
 */
export function PhotoPicker(props: {
  communityId: number;
  value: UploadReply[];
  onChange: (next: UploadReply[]) => void;
  error?: string | null;
}) {
  const [progress, setProgress] = useState<{ at: number; of: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const room = POST_MAX_IMAGES - props.value.length;

  const add = async () => {
    const chosen = await chooseNoticeFiles('image', room);
    if (chosen.length === 0) return;
    setNote(null);
    let list = props.value;
    let sent = 0;
    for (const [i, file] of chosen.entries()) {
      setProgress({ at: i + 1, of: chosen.length });
      try {
        list = [...list, await sendFile(uploadPhoto, { communityId: props.communityId }, {}, file)];
        sent++;
        props.onChange(list);
      } catch {
        // the toast said why; the others still go
      }
    }
    setProgress(null);
    if (sent < chosen.length) setNote(`有${chosen.length - sent}张没有传上去，可以再试一次`);
  };

  return (
    <View className="field" id="compose-photos">
      <Text className="field-label">照片（可不加，最多{POST_MAX_IMAGES}张）</Text>
      <View className="board-photos">
        {props.value.map((u, i) => (
          <View key={u.id} className="board-photo-cell" id={`compose-photo-${u.id}`}>
            <Image className="board-photo" src={fileUrl(u.urls.thumbnail ?? u.urls.display)} mode="aspectFill" />
            <View
              id={`compose-photo-remove-${u.id}`}
              className="board-photo-remove"
              onClick={() => props.onChange(props.value.filter((x) => x.id !== u.id))}
            >
              删除
            </View>
            <Text className="t-small t-block t-center">第{i + 1}张</Text>
          </View>
        ))}
      </View>
      <Button
        id="compose-photo-add"
        className="btn btn--plain btn--block gap-top"
        disabled={progress !== null || room <= 0 || undefined}
        onClick={() => void add()}
      >
        {progress
          ? `正在上传第${progress.at}张，共${progress.of}张…`
          : room <= 0
            ? `已有${POST_MAX_IMAGES}张，不能再加了`
            : '添加照片'}
      </Button>
      {note ? (
        <Text className="field-hint" id="compose-photo-note">
          {note}
        </Text>
      ) : null}
      {props.error ? (
        <Text className="field-error" id="compose-uploadIds-error">
          {props.error}
        </Text>
      ) : null}
    </View>
  );
}
