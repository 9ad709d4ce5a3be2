import { Button, Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { UploadReply } from '../../../shared/contracts/uploads';
import { chooseNoticeFiles, fileUrl, uploadNoticeFile } from '../../lib/notice-files';

/**
 * Photos for a 议事厅 record (a meeting, a progress update, a paper ballot): each chosen photo is
 * sent at once to the staff upload route (members only), then listed with 删除.
 */
export function Photos(props: {
  id: string;
  communityId: number;
  label: string;
  max: number;
  value: UploadReply[];
  onChange: (next: UploadReply[]) => void;
  error?: string | null;
}) {
  const [busy, setBusy] = useState(false);
  const add = async () => {
    const chosen = await chooseNoticeFiles('image', props.max - props.value.length);
    if (chosen.length === 0) return;
    setBusy(true);
    let list = props.value;
    for (const file of chosen) {
      try {
        list = [...list, await uploadNoticeFile(props.communityId, file, false)];
        props.onChange(list);
      } catch {
        // toast shown; the others still go
      }
    }
    setBusy(false);
  };
  return (
    <View className="field" id={props.id}>
      <Text className="field-label">{props.label}</Text>
      <View className="row row--wrap">
        {props.value.map((p) => (
          <View key={p.id} id={`${props.id}-photo-${p.id}`}>
            <Image className="agora-photo" src={fileUrl(p.urls.thumbnail ?? p.urls.display)} mode="aspectFill" />
            <Button
              id={`${props.id}-remove-${p.id}`}
              className="btn btn--plain btn--small"
              onClick={() => props.onChange(props.value.filter((x) => x.id !== p.id))}
            >
              删除
            </Button>
          </View>
        ))}
      </View>
      <Button
        id={`${props.id}-add`}
        className="btn btn--plain"
        disabled={busy || props.value.length >= props.max || undefined}
        onClick={() => void add()}
      >
        {busy ? '正在上传…' : '添加照片'}
      </Button>
      {props.error ? (
        <Text className="field-error" id={`${props.id}-error`}>
          {props.error}
        </Text>
      ) : null}
    </View>
  );
}
