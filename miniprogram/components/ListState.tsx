import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { PagedList } from '../hooks/usePagedList';
import { Empty, ErrorState, Loading } from './StateView';

/**
 * Loading / error / empty for a paged list, then the items and a footer: 加载更多, 正在加载,
 * 加载失败 重试, 没有更多了.
 */
export function ListState<T>(props: {
  list: PagedList<T>;
  emptyText: string;
  emptyAction?: ReactNode;
  admin?: boolean;
  /** Class of the element holding the items (e.g. the two-column admin list). */
  itemsClassName?: string;
  children: (items: T[]) => ReactNode;
}) {
  const { list } = props;
  if (list.status === 'loading') return <Loading id="list-loading" />;
  if (list.status === 'error' && list.error)
    return <ErrorState id="list-error" error={list.error} onRetry={list.reload} admin={props.admin} />;
  if (list.items.length === 0)
    return (
      <Empty id="list-empty" text={props.emptyText}>
        {props.emptyAction}
      </Empty>
    );
  return (
    <View>
      <View className={props.itemsClassName}>{props.children(list.items)}</View>
      <ListFooter list={list} />
    </View>
  );
}

export function ListFooter<T>({ list }: { list: PagedList<T> }) {
  if (list.loadingMore)
    return (
      <View className="list-footer" id="list-loading-more">
        <Text className="t-body">正在加载…</Text>
      </View>
    );
  if (list.moreError)
    return (
      <View className="list-footer" id="list-more-error">
        <Text className="t-body t-danger t-block">{list.moreError.message}</Text>
        <Button id="list-more-retry" className="btn btn--plain gap-top" onClick={list.loadMore}>
          重试
        </Button>
      </View>
    );
  if (list.hasMore)
    return (
      <View className="list-footer">
        <Button id="list-more" className="btn btn--plain btn--block" onClick={list.loadMore}>
          加载更多
        </Button>
      </View>
    );
  return (
    <View className="list-footer" id="list-end">
      <Text className="t-small">没有更多了</Text>
    </View>
  );
}
