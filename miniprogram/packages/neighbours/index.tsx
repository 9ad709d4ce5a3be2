import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { ListFooter } from '../../components/ListState';
import { useNeighbourGate } from '../../components/neighbours/gate';
import { NeighbourCard } from '../../components/neighbours/NeighbourCard';
import { PageShell } from '../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { type DirectoryFilter, useDirectory, useNeighbourFacets } from '../../hooks/neighbours';
import { cx } from '../../lib/format';
import { go, intParam, routes } from '../../lib/routes';
import '../../components/neighbours/neighbours.css';
import { NeighboursOutside } from '../../components/neighbours/Outside';

/**
 * 找邻居: the directory of the community's listed neighbours, by tag, building and name; 同楼
 * first (the server's order). No share to group chats: the directory is for members only.
 */
export default function NeighboursIndex() {
  const gate = useNeighbourGate();
  const { communityId, params } = gate;
  const [filter, setFilter] = useState<DirectoryFilter>({
    tag: params.tag ? decodeURIComponent(params.tag) : null,
    buildingId: intParam(params.buildingId) ?? null,
    q: '',
  });
  const [words, setWords] = useState('');
  const [remaining, setRemaining] = useState<number | null>(null);
  const facets = useNeighbourFacets(communityId, gate.ready);
  const list = useDirectory(communityId, filter, gate.ready, setRemaining);

  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && gate.ready) {
      void facets.reload();
      void list.reload();
    }
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void Promise.all([facets.reload(), list.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (list.hasMore && remaining !== 0) void list.loadMore();
  });

  if (gate.outside)
    return <NeighboursOutside pageId="neighbours" title="找邻居" communityId={communityId} signedIn={gate.signedIn} />;
  const cid = communityId as number;
  const f = facets.data;
  const limited = list.error?.code === 'DIRECTORY_LIMIT' ? list.error : null;
  const moreLimited = list.moreError?.code === 'DIRECTORY_LIMIT' ? list.moreError : null;

  return (
    <PageShell id="neighbours" title="找邻居">
      <View id="neighbour-directory">
        <View className="card">
          <Text className="t-body t-block">
            这里能找到本社区愿意认识邻居的居民。想请人帮忙，先发一个请求，对方同意后才能聊天。
          </Text>
          <View className="btn-row gap-top">
            <Button
              id="neighbours-my-card"
              className="btn btn--primary"
              onClick={() => go(routes.myNeighbourCard(cid))}
            >
              我的名片
            </Button>
            <Button
              id="neighbours-contacts"
              className="btn btn--plain"
              onClick={() => go(routes.neighbourContacts(cid))}
            >
              邻居来往
            </Button>
          </View>
        </View>
        {f && !f.listed ? (
          <View className="card neighbour-banner" id="neighbours-not-listed">
            <Text className="t-body t-block">您还没有打开名片，邻居找不到您。</Text>
            <Text
              id="neighbours-not-listed-open"
              className="link t-body t-block gap-top"
              onClick={() => go(routes.myNeighbourCard(cid))}
            >
              去打开我的名片
            </Text>
          </View>
        ) : null}

        <View className="card">
          <Text className="field-label">按称呼找</Text>
          <View className="row">
            <Input
              id="neighbours-search"
              className="input grow"
              value={words}
              placeholder="例如：王阿姨"
              maxlength={12}
              onInput={(e) => setWords(e.detail.value)}
              onConfirm={() => setFilter((x) => ({ ...x, q: words }))}
            />
            <Button
              id="neighbours-search-go"
              className="btn btn--primary btn--small"
              onClick={() => setFilter((x) => ({ ...x, q: words }))}
            >
              搜索
            </Button>
          </View>
        </View>

        {f?.tags.length ? (
          <View>
            <Text className="section-title">按本领找</Text>
            <View className="chips" id="neighbours-tags">
              <View
                id="neighbours-tag-all"
                className={cx('chip', filter.tag === null && 'chip--on')}
                onClick={() => setFilter((x) => ({ ...x, tag: null }))}
              >
                全部
              </View>
              {f.tags.map((t, i) => (
                <View
                  key={t.tag}
                  id={`neighbours-tag-${i}`}
                  data-tag={t.tag}
                  className={cx('chip', 'neighbour-tag-chip', filter.tag === t.tag && 'chip--on')}
                  onClick={() => setFilter((x) => ({ ...x, tag: x.tag === t.tag ? null : t.tag }))}
                >
                  {t.tag}（{t.count}）
                </View>
              ))}
            </View>
          </View>
        ) : null}
        {f?.buildings.length ? (
          <View>
            <Text className="section-title">按楼栋找</Text>
            <View className="chips" id="neighbours-buildings">
              <View
                id="neighbours-building-all"
                className={cx('chip', filter.buildingId === null && 'chip--on')}
                onClick={() => setFilter((x) => ({ ...x, buildingId: null }))}
              >
                全部楼栋
              </View>
              {f.buildings.map((b) => (
                <View
                  key={b.id}
                  id={`neighbours-building-${b.id}`}
                  className={cx('chip', filter.buildingId === b.id && 'chip--on')}
                  onClick={() => setFilter((x) => ({ ...x, buildingId: x.buildingId === b.id ? null : b.id }))}
                >
                  {b.name}
                  {b.id === f.myBuildingId ? '（本楼）' : ''}（{b.count}）
                </View>
              ))}
            </View>
          </View>
        ) : null}

        {limited ? (
          <View className="card neighbour-banner" id="neighbours-limit">
            <Text className="t-body t-block">{limited.message}</Text>
          </View>
        ) : list.status === 'error' && list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.status === 'loading' ? (
          <Loading />
        ) : list.items.length === 0 ? (
          <Empty
            id="neighbours-empty"
            text={
              filter.tag || filter.buildingId || filter.q
                ? '没有找到这样的邻居，换个条件试试'
                : '还没有邻居打开名片。您可以先做一张自己的名片，让邻居认识您。'
            }
          >
            <Button
              id="neighbours-empty-make"
              className="btn btn--primary"
              onClick={() => go(routes.myNeighbourCard(cid))}
            >
              做我的名片
            </Button>
          </Empty>
        ) : (
          <View id="neighbours-list">
            {list.items.map((c) => (
              <NeighbourCard
                key={c.id}
                id={`neighbour-${c.id}`}
                card={c}
                short
                onOpen={() => go(routes.neighbourCard(cid, c.id))}
              />
            ))}
            {moreLimited ? (
              <View className="card neighbour-banner" id="neighbours-limit">
                <Text className="t-body t-block">{moreLimited.message}</Text>
              </View>
            ) : list.hasMore && remaining !== 0 && !list.moreError ? (
              <Button
                id="neighbours-more"
                className="btn btn--plain btn--block"
                disabled={list.loadingMore || undefined}
                onClick={() => void list.loadMore()}
              >
                {list.loadingMore ? '正在加载…' : '加载更多'}
              </Button>
            ) : (
              <ListFooter list={list} />
            )}
            {remaining === 0 && list.hasMore ? (
              <Text className="t-small t-block t-center" id="neighbours-today-done">
                今天看的名片已经很多了，明天再来看吧。
              </Text>
            ) : null}
          </View>
        )}
      </View>
    </PageShell>
  );
}
