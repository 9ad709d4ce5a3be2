import { Button, Text, View } from '@tarojs/components';
import type { NoticeAdmin } from '../../../../shared/contracts/notices';
import { NoticeView } from '../../../components/notice/NoticeView';
import { useAdminCommunityName } from '../../../hooks/admin';
import type { NoticeForm } from './form';

/** 预览: the notice as residents will see it (the residents' own NoticeView), and whom it goes to. */
export function Preview(props: {
  communityId: number;
  form: NoticeForm;
  audience: string;
  existing: NoticeAdmin | null;
  onBack: () => void;
}) {
  const name = useAdminCommunityName(props.communityId);
  const f = props.form;
  return (
    <View id="notice-preview">
      <View className="card">
        <Text className="t-body t-block" id="notice-preview-audience">
          将发给：{props.audience}（{f.isPublic ? '所有人可见' : '仅本社区居民可见'}）
        </Text>
        <Text className="t-small t-block">下面是居民看到的样子。</Text>
      </View>
      <NoticeView
        title={f.title.trim() || '（还没有标题）'}
        category={f.category}
        communityName={name ?? ''}
        publishedAt={props.existing?.publishedAt ?? null}
        editedAt={props.existing?.status === 'published' ? new Date().toISOString() : null}
        expired={false}
        pinned={f.pinDate.trim() !== ''}
        body={f.body.trim() || '（还没有正文）'}
        attachments={f.attachments}
      />
      {f.category === 'event' && f.signupOn ? (
        <View className="card" id="notice-preview-signup">
          <Text className="t-body t-block">
            报名：名额{f.capacity || '？'}人，每户最多{f.maxPeople || '？'}人，{f.deadlineDate} {f.deadlineTime} 截止
          </Text>
        </View>
      ) : null}
      <Button id="notice-preview-back" className="btn btn--primary btn--block" onClick={props.onBack}>
        返回修改
      </Button>
    </View>
  );
}
