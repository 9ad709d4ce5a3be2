import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { uploadPhoto } from '../../../../shared/contracts/board';
import {
  type CardInput,
  type MyCard,
  NEIGHBOUR_FREE_TAGS_MAX,
  NEIGHBOUR_HELP_ITEM_MAX,
  NEIGHBOUR_HELP_MAX,
  NEIGHBOUR_INTRO_MAX,
  NEIGHBOUR_NAME_MAX,
  NEIGHBOUR_TAG_MAX,
  NEIGHBOUR_TAGS_MAX,
} from '../../../../shared/contracts/neighbours';
import { isListedTag, NEIGHBOUR_CONSENT_VERSION, shownCard } from '../../../../shared/domain/neighbour-card';
import { neighbourTags } from '../../../../shared/enums';
import type { ApiError } from '../../../api/client';
import { Field, FormError } from '../../../components/Form';
import { useNeighbourGate } from '../../../components/neighbours/gate';
import { NeighbourCard } from '../../../components/neighbours/NeighbourCard';
import { SwitchRow } from '../../../components/neighbours/SwitchRow';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { neighbours, useMyNeighbourCard } from '../../../hooks/neighbours';
import { useSubmit } from '../../../hooks/useSubmit';
import { rejectedWords, stateNote } from '../../../lib/board-text';
import { cx } from '../../../lib/format';
import { chooseNoticeFiles, fileUrl, sendFile } from '../../../lib/notice-files';
import { go, routes } from '../../../lib/routes';
import { colors } from '../../../lib/tokens';
import '../../../components/neighbours/neighbours.css';
import { NeighboursOutside } from '../../../components/neighbours/Outside';

type Form = Omit<CardInput, 'consentVersion'> & { avatarUrl: string | null };
type Key = keyof CardInput;

function formOf(card: MyCard): Form {
  return {
    listed: card.listed,
    displayName: card.displayName,
    showName: card.showName,
    avatarUploadId: card.avatarUploadId,
    avatarUrl: card.avatarUrl,
    showAvatar: card.showAvatar,
    showBuilding: card.showBuilding,
    showRoom: card.showRoom,
    intro: card.intro ?? '',
    showIntro: card.showIntro,
    tags: card.tags,
    showTags: card.showTags,
    canHelp: card.canHelp,
    needHelp: card.needHelp,
    showHelp: card.showHelp,
    serve: card.serve,
  };
}

/** The form as sent: the whole card, empty list items dropped, and the consent texts' version. */
function cardBody(form: Form): CardInput {
  const { avatarUrl: _url, ...rest } = form;
  return {
    ...rest,
    displayName: rest.displayName.trim(),
    intro: rest.intro?.trim() ? rest.intro : null,
    canHelp: rest.canHelp.map((s) => s.trim()).filter(Boolean),
    needHelp: rest.needHelp.map((s) => s.trim()).filter(Boolean),
    consentVersion: NEIGHBOUR_CONSENT_VERSION,
  };
}

/** Which field a CONTENT_REJECTED refusal is about: the one holding a named word, else the intro. */
function rejectedField(form: Form, error: ApiError): Key {
  const words = rejectedWords(error.details);
  const has = (s: string | null | undefined) => Boolean(s) && words.some((w) => (s as string).includes(w));
  if (has(form.displayName)) return 'displayName';
  if (form.tags.some(has)) return 'tags';
  if (form.canHelp.some(has)) return 'canHelp';
  if (form.needHelp.some(has)) return 'needHelp';
  return 'intro';
}

/**
 * 我的邻居名片: every field with its own switch and the words that switch consents to, a live
 * preview of what a neighbour sees (shownCard, the server's own rule), the card's state, and
 * 删除名片. Never shared to group chats.
 */
export default function MyNeighbourCard() {
  const gate = useNeighbourGate();
  const mine = useMyNeighbourCard(gate.communityId, gate.ready);
  const [form, setForm] = useState<Form | null>(null);
  const [freeTag, setFreeTag] = useState('');
  const [uploading, setUploading] = useState(false);
  const [removing, setRemoving] = useState(false);
  const saving = useSubmit<Key>({
    place: (e) => (e.code === 'CONTENT_REJECTED' && form ? { field: rejectedField(form, e) } : null),
  });

  useEffect(() => {
    if (mine.data) setForm(formOf(mine.data));
  }, [mine.data]);

  const card = mine.data;
  // The preview: the very rule the server applies, on the form as it is now; once saved and
  // untouched, the server's own `preview`. The room comes as one label from the household
  // (unitRoom), so it is put in after the rule.
  const preview = useMemo(() => {
    if (!form || !card) return null;
    const saved = card.id !== null && JSON.stringify(form) === JSON.stringify(formOf(card));
    if (saved) return card.preview;
    const shown = shownCard(
      {
        id: card.id ?? 0,
        ...form,
        intro: form.intro?.trim() ? form.intro : null,
        displayName: form.displayName.trim(),
        buildingId: null,
        buildingName: card.buildingName,
        unit: null,
        room: null,
        hiddenTags: card.hiddenTags,
        canHelp: form.canHelp.map((s) => s.trim()).filter(Boolean),
        needHelp: form.needHelp.map((s) => s.trim()).filter(Boolean),
      },
      null,
    );
    return { ...shown, room: form.showRoom ? card.unitRoom : null };
  }, [form, card]);

  if (gate.outside)
    return (
      <NeighboursOutside
        pageId="my-neighbour-card"
        title="我的邻居名片"
        communityId={gate.communityId}
        signedIn={gate.signedIn}
      />
    );
  const cid = gate.communityId as number;
  if (mine.error)
    return (
      <PageShell id="my-neighbour-card" title="我的邻居名片">
        <ErrorState error={mine.error} onRetry={mine.reload} />
      </PageShell>
    );
  if (!card || !form || !preview)
    return (
      <PageShell id="my-neighbour-card" title="我的邻居名片">
        <Loading />
      </PageShell>
    );

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));
  const err = saving.fieldErrors;
  const listedChosen = form.tags.filter(isListedTag);
  const ownTags = form.tags.filter((t) => !isListedTag(t));

  const toggleTag = (t: string) => {
    if (form.tags.includes(t))
      set(
        'tags',
        form.tags.filter((x) => x !== t),
      );
    else if (form.tags.length >= NEIGHBOUR_TAGS_MAX)
      saving.setFieldErrors({ tags: `标签最多选${NEIGHBOUR_TAGS_MAX}个` });
    else set('tags', [...form.tags, t]);
  };
  const addOwnTag = () => {
    const t = freeTag.trim();
    if (!t) return;
    if (ownTags.length >= NEIGHBOUR_FREE_TAGS_MAX)
      return saving.setFieldErrors({ tags: `自己写的标签最多${NEIGHBOUR_FREE_TAGS_MAX}个` });
    if (form.tags.length >= NEIGHBOUR_TAGS_MAX)
      return saving.setFieldErrors({ tags: `标签最多选${NEIGHBOUR_TAGS_MAX}个` });
    if (!form.tags.includes(t)) set('tags', [...form.tags, t]);
    setFreeTag('');
  };

  const pickAvatar = async () => {
    const chosen = await chooseNoticeFiles('image', 1);
    if (!chosen[0]) return;
    setUploading(true);
    try {
      const up = await sendFile(uploadPhoto, { communityId: cid }, {}, chosen[0]);
      setForm((f) =>
        f ? { ...f, avatarUploadId: up.id, avatarUrl: up.urls.thumbnail ?? up.urls.display, showAvatar: true } : f,
      );
    } catch {
      // the toast said why
    } finally {
      setUploading(false);
    }
  };

  const save = async () => {
    const saved = await saving.submit(() => neighbours.save(cid, cardBody(form)));
    if (!saved) return;
    mine.setData(saved);
    void Taro.showToast({ title: saved.listed ? '已保存，邻居能找到您了' : '已保存', icon: 'none' });
  };

  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: '删除名片',
      content: '删除后邻居就找不到您了，名片上写的内容也会清除。已经在聊的邻居还能继续聊。确定删除吗？',
      confirmText: '删除',
      cancelText: '再想想',
      confirmColor: colors.danger,
    });
    if (!confirm) return;
    setRemoving(true);
    try {
      await neighbours.remove(cid);
      void Taro.showToast({ title: '名片已删除', icon: 'none' });
      await mine.reload();
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setRemoving(false);
    }
  };

  const note = card.id !== null ? stateNote(card) : null;
  const helpList = (key: 'canHelp' | 'needHelp', label: string, example: string) => (
    <View className="field" id={`card-${key}`}>
      <Text className="field-label">
        {label}（最多{NEIGHBOUR_HELP_MAX}项）
      </Text>
      {form[key].map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
        <View key={i} className="row gap-top">
          <Input
            id={`card-${key}-${i}`}
            className="input grow"
            value={item}
            maxlength={NEIGHBOUR_HELP_ITEM_MAX}
            placeholder={example}
            onInput={(e) =>
              set(
                key,
                form[key].map((x, j) => (j === i ? e.detail.value : x)),
              )
            }
          />
          <Button
            id={`card-${key}-${i}-remove`}
            className="btn btn--plain btn--small"
            onClick={() =>
              set(
                key,
                form[key].filter((_, j) => j !== i),
              )
            }
          >
            删除
          </Button>
        </View>
      ))}
      {form[key].length < NEIGHBOUR_HELP_MAX ? (
        <Button
          id={`card-${key}-add`}
          className="btn btn--plain btn--block gap-top"
          onClick={() => set(key, [...form[key], ''])}
        >
          加一项
        </Button>
      ) : null}
      {err[key] ? (
        <Text className="field-error" id={`card-${key}-error`}>
          {err[key]}
        </Text>
      ) : null}
    </View>
  );

  return (
    <PageShell id="my-neighbour-card" title="我的邻居名片">
      {note ? (
        <View className="card neighbour-banner" id="card-state">
          <Text className="t-title t-block">{note.label}</Text>
          <Text className="t-body t-block gap-top" id="card-state-text">
            {note.text}
          </Text>
        </View>
      ) : null}
      <View className="card">
        <SwitchRow id="card-listed" field="listed" checked={form.listed} onChange={(v) => set('listed', v)} />
        <Text className="t-body t-block gap-top">
          每一项都可以单独决定给不给邻居看。关着的内容，邻居看不到，也不能用它找到您。
        </Text>
      </View>

      <Text className="section-title">名片内容</Text>
      <View className="card">
        <SwitchRow id="card-show-name" field="name" checked={form.showName} onChange={(v) => set('showName', v)}>
          <Field
            id="card-displayName"
            label="邻居怎么称呼您"
            value={form.displayName}
            maxlength={NEIGHBOUR_NAME_MAX}
            placeholder="例如：王阿姨"
            error={err.displayName}
            onChange={(v) => set('displayName', v)}
          />
        </SwitchRow>
        <SwitchRow
          id="card-show-avatar"
          field="avatar"
          checked={form.showAvatar}
          onChange={(v) => set('showAvatar', v)}
        >
          <View className="row gap-top">
            {form.avatarUrl ? (
              <Image className="neighbour-avatar" id="card-avatar" src={fileUrl(form.avatarUrl)} mode="aspectFill" />
            ) : null}
            <Button
              id="card-avatar-pick"
              className="btn btn--plain btn--small"
              disabled={uploading || undefined}
              onClick={() => void pickAvatar()}
            >
              {uploading ? '正在上传…' : form.avatarUrl ? '换一张' : '上传头像'}
            </Button>
            {form.avatarUrl ? (
              <Button
                id="card-avatar-remove"
                className="btn btn--plain btn--small"
                onClick={() => setForm((f) => (f ? { ...f, avatarUploadId: null, avatarUrl: null } : f))}
              >
                不用头像
              </Button>
            ) : null}
          </View>
          {err.avatarUploadId ? <Text className="field-error">{err.avatarUploadId}</Text> : null}
        </SwitchRow>
        <SwitchRow
          id="card-show-building"
          field="building"
          checked={form.showBuilding}
          onChange={(v) => set('showBuilding', v)}
        >
          <Text className="t-body t-block gap-top" id="card-building">
            您的楼栋：{card.buildingName ?? '还没有登记'}
          </Text>
        </SwitchRow>
        <SwitchRow id="card-show-room" field="room" checked={form.showRoom} onChange={(v) => set('showRoom', v)}>
          <Text className="t-body t-block gap-top" id="card-room">
            您的单元和房号：{card.unitRoom ?? '还没有登记'}
          </Text>
        </SwitchRow>
        <SwitchRow id="card-show-intro" field="intro" checked={form.showIntro} onChange={(v) => set('showIntro', v)}>
          <Field
            id="card-intro"
            label="自我介绍"
            multiline
            value={form.intro ?? ''}
            maxlength={NEIGHBOUR_INTRO_MAX}
            placeholder="例如：退休电工，住了二十年，乐意帮邻居看看电器"
            error={err.intro}
            onChange={(v) => set('intro', v)}
          />
        </SwitchRow>
        <SwitchRow id="card-show-tags" field="tags" checked={form.showTags} onChange={(v) => set('showTags', v)}>
          <Text className="field-label gap-top">我会的、我是（最多{NEIGHBOUR_TAGS_MAX}个）</Text>
          <View className="chips" id="card-tags">
            {neighbourTags.map((t, i) => (
              <View
                key={t}
                id={`card-tag-${i}`}
                className={cx('chip', listedChosen.includes(t) && 'chip--on')}
                onClick={() => toggleTag(t)}
              >
                {t}
                {card.hiddenTags.includes(t) ? '（已被隐藏）' : ''}
              </View>
            ))}
            {ownTags.map((t) => (
              <View
                key={t}
                id={`card-own-tag-${t}`}
                className="chip chip--on"
                onClick={() =>
                  set(
                    'tags',
                    form.tags.filter((x) => x !== t),
                  )
                }
              >
                {t}
                {card.hiddenTags.includes(t) ? '（已被隐藏）' : ''} ✕
              </View>
            ))}
          </View>
          <Text className="field-label gap-top">自己写一个（最多{NEIGHBOUR_FREE_TAGS_MAX}个）</Text>
          <View className="row">
            <Input
              id="card-own-tag"
              className="input grow"
              value={freeTag}
              maxlength={NEIGHBOUR_TAG_MAX}
              placeholder="例如：会做糕点"
              onInput={(e) => setFreeTag(e.detail.value)}
              onConfirm={addOwnTag}
            />
            <Button id="card-own-tag-add" className="btn btn--plain btn--small" onClick={addOwnTag}>
              加上
            </Button>
          </View>
          {err.tags ? (
            <Text className="field-error" id="card-tags-error">
              {err.tags}
            </Text>
          ) : null}
        </SwitchRow>
        <SwitchRow id="card-show-help" field="help" checked={form.showHelp} onChange={(v) => set('showHelp', v)}>
          {helpList('canHelp', '可以帮忙', '例如：修水龙头')}
          {helpList('needHelp', '需要帮忙', '例如：教我用手机挂号')}
        </SwitchRow>
      </View>

      <Text className="section-title">为社区出力</Text>
      <View className="card">
        <SwitchRow
          id="card-serve"
          field="serve"
          label="愿意为社区服务"
          checked={form.serve}
          onChange={(v) => set('serve', v)}
        />
      </View>

      <Text className="section-title">邻居看到的样子</Text>
      <View id="card-preview" className="neighbour-preview">
        {form.listed ? null : (
          <Text className="t-body t-block t-danger" id="card-preview-off">
            名片还没有打开，现在邻居看不到您。打开后是这样：
          </Text>
        )}
        <NeighbourCard id="card-preview-card" card={preview} />
      </View>

      <FormError id="card-form-error" message={saving.formError} retry={saving.retry} />
      <Button
        id="card-save"
        className="btn btn--primary btn--block gap-top"
        disabled={saving.busy || undefined}
        onClick={() => void save()}
      >
        {saving.busy ? '正在保存…' : '保存名片'}
      </Button>

      <View className="card gap-top-lg">
        <View
          id="card-blocks"
          className="row row--between neighbour-link"
          onClick={() => go(routes.neighbourBlocks(cid))}
        >
          <Text className="t-body">已屏蔽的邻居</Text>
          <Text className="t-muted">〉</Text>
        </View>
        <View
          id="card-consents"
          className="row row--between neighbour-link"
          onClick={() => go(routes.neighbourConsents)}
        >
          <Text className="t-body">我的授权记录</Text>
          <Text className="t-muted">〉</Text>
        </View>
      </View>
      {card.id !== null ? (
        <Button
          id="card-remove"
          className="btn btn--danger btn--block gap-top"
          disabled={removing || undefined}
          onClick={() => void remove()}
        >
          删除名片
        </Button>
      ) : null}
    </PageShell>
  );
}
