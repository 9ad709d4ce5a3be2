import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { neighbourTags } from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { ListState } from '../../../components/ListState';
import { AdminCardRow } from '../../../components/neighbours-admin/AdminCardRow';
import { CardDialog } from '../../../components/neighbours-admin/CardDialog';
import { NeighbourFiguresView } from '../../../components/neighbours-admin/Figures';
import { TagDialog } from '../../../components/neighbours-admin/TagDialog';
import { ErrorState, Loading } from '../../../components/StateView';
import { type AdminCard, useAdminCards, useNeighbourFigures } from '../../../hooks/neighbours-admin';
import { cx } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';

/**
 * 找邻居管理: the figures (counts only, never a private thread), the listed cards as neighbours see
 * them with their state, reports and hidden tags, per tag 隐藏 / 恢复 with a reason, and the way
 * to the review queue for reported cards and messages.
 */
export default function AdminNeighbours() {
  return (
    <AdminShell id="admin-neighbours" section="neighbours">
      {(communityId) => <Neighbours communityId={communityId} />}
    </AdminShell>
  );
}

function Neighbours({ communityId }: { communityId: number }) {
  const figures = useNeighbourFigures(communityId);
  return (
    <View id="neighbour-admin">
      <View className="row row--between">
        <Text className="t-body grow">被举报的名片和私信在「审核队列」里处理。</Text>
        <Button
          id="neighbour-admin-review"
          className="btn btn--primary btn--small"
          onClick={() => go(routes.adminReview)}
        >
          去审核队列
        </Button>
      </View>
      <View className="gap-top">
        {figures.loading && !figures.data ? <Loading /> : null}
        {figures.error ? (
          <ErrorState id="neighbour-figures-error" error={figures.error} onRetry={figures.reload} admin />
        ) : null}
        {figures.data ? <NeighbourFiguresView figures={figures.data} /> : null}
      </View>
      <Cards
        communityId={communityId}
        topTags={figures.data?.topTags.map((t) => t.tag) ?? []}
        onChanged={() => void figures.reload()}
      />
    </View>
  );
}

function Cards(props: { communityId: number; topTags: string[]; onChanged: () => void }) {
  const [tag, setTag] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [dialog, setDialog] = useState<{ card: AdminCard; tag: string; action: 'hide' | 'restore' } | null>(null);
  const [cardDialog, setCardDialog] = useState<{ card: AdminCard; action: 'hide' | 'restore' } | null>(null);
  const list = useAdminCards(props.communityId, { tag, q });
  // The list's tags, then residents' own tags that are among the most used (they may need a look).
  const filterTags = [
    ...neighbourTags,
    ...props.topTags.filter((t) => !(neighbourTags as readonly string[]).includes(t)),
  ];
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View id="neighbour-cards">
      <Text className="section-title">邻居名片</Text>
      <Text className="t-small t-block">这里显示的就是邻居能看到的内容；居民没打开的项目不会显示。</Text>
      <View className="row gap-top">
        <Input
          id="neighbour-search"
          className="input grow"
          value={draft}
          placeholder="按称呼查找"
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setQ(draft)}
        />
        <Button id="neighbour-search-go" className="btn btn--primary btn--small search-btn" onClick={() => setQ(draft)}>
          搜索
        </Button>
      </View>
      <View className="chips gap-top" id="neighbour-tag-filter">
        <View id="neighbour-tag-all" className={cx('chip', tag === null && 'chip--on')} onClick={() => setTag(null)}>
          全部标签
        </View>
        {filterTags.map((t, i) => (
          <View
            key={t}
            id={`neighbour-tag-${i}`}
            className={cx('chip', tag === t && 'chip--on')}
            onClick={() => setTag(t)}
          >
            {t}
          </View>
        ))}
      </View>
      <View className="gap-top">
        <ListState list={list} admin itemsClassName="admin-list" emptyText="没有这样的名片">
          {(items) =>
            items.map((card) => (
              <AdminCardRow
                key={card.id}
                card={card}
                onTag={(t, action) => setDialog({ card, tag: t, action })}
                onCard={(action) => setCardDialog({ card, action })}
              />
            ))
          }
        </ListState>
      </View>
      {dialog ? (
        <TagDialog
          communityId={props.communityId}
          card={dialog.card}
          tag={dialog.tag}
          action={dialog.action}
          onClose={() => setDialog(null)}
          onDone={(card) => {
            setDialog(null);
            list.update((items) => items.map((c) => (c.id === card.id ? card : c)));
            void Taro.showToast({ title: dialog.action === 'hide' ? '标签已隐藏' : '标签已恢复', icon: 'none' });
            props.onChanged();
          }}
        />
      ) : null}
      {cardDialog ? (
        <CardDialog
          communityId={props.communityId}
          card={cardDialog.card}
          action={cardDialog.action}
          onClose={() => setCardDialog(null)}
          onDone={() => {
            const hid = cardDialog.action === 'hide';
            setCardDialog(null);
            void list.reload();
            void Taro.showToast({ title: hid ? '名片已隐藏' : '名片已恢复显示', icon: 'none' });
            props.onChanged();
          }}
        />
      ) : null}
    </View>
  );
}
