import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { NOTICE_BODY_MAX, NOTICE_TITLE_MAX, type NoticeAdmin } from '../../../../shared/contracts/notices';
import { naturalCompare } from '../../../../shared/domain/natural-order';
import { noticeCategories, noticeCategoryLabels } from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { Chips, Field, FormError } from '../../../components/Form';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { useAdminBuildings } from '../../../hooks/households-admin';
import { publishNoticeAt, saveNotice, useNoticeAdmin } from '../../../hooks/notices-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { formatDateTime } from '../../../lib/format';
import { back, intParam } from '../../../lib/routes';
import { Attachments } from './Attachments';
import { AudienceFields } from './AudienceFields';
import { audienceText, checkNotice, emptyForm, fromNotice, type NoticeField, type NoticeForm } from './form';
import { Preview } from './Preview';
import { Schedule } from './Schedule';
import { SignupFields } from './SignupFields';
import './index.css';

export default function AdminNoticeEdit() {
  return (
    <AdminShell id="admin-notice-edit" section="notices">
      {(communityId) => <Compose communityId={communityId} />}
    </AdminShell>
  );
}

/** A new draft, an edit (?id=), or a copy of another notice as a new draft (?copy=). */
function Compose({ communityId }: { communityId: number }) {
  const router = useRouter();
  const editId = intParam(router.params.id);
  const copyId = editId ? null : intParam(router.params.copy);
  const sourceId = editId ?? copyId;
  const source = useNoticeAdmin(communityId, sourceId);
  if (sourceId === null) return <Editor communityId={communityId} initial={emptyForm} existing={null} />;
  if (source.error) return <ErrorState error={source.error} onRetry={source.reload} admin />;
  if (source.loading) return <Loading />;
  if (!source.data) return <Empty id="notice-missing" text="没有找到这条通知，可能已被删除" />;
  return (
    <Editor
      key={`${sourceId}-${copyId ? 'copy' : 'edit'}`}
      communityId={communityId}
      initial={fromNotice(source.data, copyId !== null)}
      existing={editId ? source.data : null}
      copiedFrom={copyId ? source.data.title : undefined}
    />
  );
}

const categoryOptions = noticeCategories.map((c) => ({
  value: c,
  label: noticeCategoryLabels[c],
  id: `category-${c}`,
}));
const NOT_READY = '还有没填好的地方，请看红字';
const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });

function Editor(props: {
  communityId: number;
  initial: NoticeForm;
  existing: NoticeAdmin | null;
  copiedFrom?: string;
}) {
  const { communityId } = props;
  const [form, setForm] = useState<NoticeForm>(props.initial);
  const [saved, setSaved] = useState<NoticeAdmin | null>(props.existing);
  const [tried, setTried] = useState(false);
  const [mode, setMode] = useState<'form' | 'preview' | 'schedule'>('form');
  const sending = useSubmit<NoticeField>();
  const buildingList = useAdminBuildings(communityId);
  const buildings = [...(buildingList.data ?? [])].sort((x, y) => naturalCompare(x.name, y.name));
  const errors = { ...sending.fieldErrors, ...(tried ? checkNotice(form).errors : {}) };
  const published = saved?.status === 'published';
  const audience = audienceText(form, buildings);

  const set = <K extends keyof NoticeForm>(key: K, value: NoticeForm[K]) => {
    setForm((prev) => ({ ...prev, [key]: value }));
    if (Object.keys(sending.fieldErrors).length) sending.setFieldErrors({});
  };

  /** Checks, then creates or updates; the saved notice, or undefined (the reason is on the form). */
  const save = async (): Promise<NoticeAdmin | undefined> => {
    setTried(true);
    const { body } = checkNotice(form);
    if (!body) {
      setMode('form');
      toast(NOT_READY);
      return undefined;
    }
    const next = await sending.submit(() => saveNotice(communityId, saved?.id ?? null, body));
    if (next) setSaved(next);
    return next;
  };

  const saveOnly = async () => {
    if (await save()) toast(published ? '已保存，居民会看到“已更新”' : '已保存草稿');
  };

  /** Save, then publish now (`at` null) or at a later moment; back to the list when done. */
  const publish = async (at: string | null) => {
    setTried(true);
    if (!checkNotice(form).body) return toast(NOT_READY);
    const when = at ? `将于 ${formatDateTime(at)} 发布。\n` : '';
    const { confirm } = await Taro.showModal({
      title: at ? '定时发布' : '立即发布',
      content: `${when}将发给：${audience}\n${form.isPublic ? '所有人都能看到' : '只有本社区居民能看到'}`,
      confirmText: at ? '定时发布' : '发布',
      cancelText: '再看看',
    });
    if (!confirm) return;
    const draft = await save();
    if (!draft) return;
    const done = await sending.submit(() => publishNoticeAt(communityId, draft.id, at));
    if (!done) return;
    setSaved(done);
    toast(at ? '已定时，到时自动发布' : '已发布');
    back();
  };

  if (mode === 'preview')
    return (
      <Preview
        communityId={communityId}
        form={form}
        audience={audience}
        existing={saved}
        onBack={() => setMode('form')}
      />
    );

  return (
    <View id="notice-form">
      {props.copiedFrom ? (
        <Text className="card t-body t-block" id="notice-copy-note">
          复制自「{props.copiedFrom}」：这是一条新的草稿，图片和文件一起带过来了。
        </Text>
      ) : null}
      {published ? (
        <Text className="card t-body t-block notice-note" id="notice-published-note">
          这条通知已经发布。保存修改后，居民会看到“已更新”。
        </Text>
      ) : null}
      {saved?.publishAt && saved.status === 'draft' ? (
        <Text className="card t-body t-block notice-note" id="notice-scheduled-note">
          已定时于 {formatDateTime(saved.publishAt)} 发布。
        </Text>
      ) : null}

      <View className="card">
        <Field
          id="notice-title"
          label="标题"
          value={form.title}
          onChange={(v) => set('title', v)}
          placeholder="例如：本周六上午小区停电检修"
          maxlength={NOTICE_TITLE_MAX}
          hint={`${[...form.title].length}/${NOTICE_TITLE_MAX}字`}
          error={errors.title}
        />
        <Field
          id="notice-body"
          label="正文"
          multiline
          value={form.body}
          onChange={(v) => set('body', v)}
          placeholder="写清楚时间、地点、要做什么。电话号码居民可以直接点了拨打。"
          maxlength={NOTICE_BODY_MAX}
          hint={`${[...form.body].length}/${NOTICE_BODY_MAX}字`}
          error={errors.body}
        />
        <View className="field">
          <Text className="field-label">类别</Text>
          <Chips options={categoryOptions} value={form.category} onChange={(v) => set('category', v)} />
          {errors.category ? <Text className="field-error">{errors.category}</Text> : null}
        </View>
      </View>

      {form.category === 'event' ? <SignupFields form={form} set={set} errors={errors} /> : null}

      <AudienceFields
        form={form}
        set={set}
        errors={errors}
        buildings={buildings}
        loadingBuildings={buildingList.loading && !buildingList.data}
      />

      <View className="card">
        <Attachments
          communityId={communityId}
          isPublic={form.isPublic}
          value={form.attachments}
          onChange={(next) => set('attachments', next)}
          error={errors.uploadIds}
        />
      </View>

      {mode === 'schedule' ? (
        <Schedule
          initialAt={saved?.publishAt ?? null}
          busy={sending.busy}
          onCancel={() => setMode('form')}
          onConfirm={(at) => void publish(at)}
        />
      ) : null}

      <FormError id="notice-form-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row notice-actions">
        <Button
          id="notice-save"
          className="btn btn--plain"
          disabled={sending.busy || undefined}
          onClick={() => void saveOnly()}
        >
          {sending.busy ? '正在保存…' : published ? '保存修改' : '保存草稿'}
        </Button>
        <Button id="notice-preview-open" className="btn btn--plain" onClick={() => setMode('preview')}>
          预览
        </Button>
        {published ? null : (
          <Button
            id="notice-schedule-open"
            className="btn btn--plain"
            disabled={sending.busy || undefined}
            onClick={() => setMode('schedule')}
          >
            定时发布
          </Button>
        )}
        {published ? null : (
          <Button
            id="notice-publish"
            className="btn btn--primary"
            disabled={sending.busy || undefined}
            onClick={() => void publish(null)}
          >
            立即发布
          </Button>
        )}
      </View>
    </View>
  );
}
