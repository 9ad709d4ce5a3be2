import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef } from 'react';
import { ListState } from '../../../components/ListState';
import { PageShell } from '../../../components/PageShell';
import { type MySignupItem, useMySignups } from '../../../hooks/notices';
import { cx, formatDateTime } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';
import '../notices.css';

function statusText(s: MySignupItem): string {
  return s.status === 'waitlisted' ? `排队第 ${s.position ?? ''} 位` : '已报名';
}

/** 我的报名: the household's live sign-ups to 活动, in every community; each opens its notice. */
export default function MySignupsPage() {
  const list = useMySignups(true);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  // Back from a notice where the sign-up was cancelled: read the list again.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });

  return (
    <PageShell id="my-signups" title="我的报名">
      <ListState list={list} emptyText="您还没有报名参加活动">
        {(items) =>
          items.map((s) => (
            <View
              key={s.id}
              id={`signup-${s.id}`}
              className={cx('item', 'signup-item')}
              onClick={() => go(routes.notice(s.communityId, s.noticeId))}
            >
              <View className="row row--between">
                <Text className="item-title grow">{s.title}</Text>
                <Text
                  className={cx('tag', s.status === 'waitlisted' ? 'tag--warn' : 'tag--ok')}
                  id={`signup-status-${s.id}`}
                >
                  {statusText(s)}
                </Text>
              </View>
              {s.withdrawn ? (
                <Text className="tag tag--off signup-withdrawn" id={`signup-withdrawn-${s.id}`}>
                  通知已撤回
                </Text>
              ) : null}
              <Text className="item-line t-body">
                {s.communityName} · {s.people} 人
              </Text>
              <Text className="item-line t-small">报名截止：{formatDateTime(s.deadline)}</Text>
            </View>
          ))
        }
      </ListState>
    </PageShell>
  );
}
