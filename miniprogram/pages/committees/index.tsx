import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { CommitteeSummary } from '../../../shared/contracts/committees';
import { ListState } from '../../components/ListState';
import { OfficeStatusBadge } from '../../components/OfficeHours';
import { PageShell } from '../../components/PageShell';
import { useCommittees, useDistricts } from '../../hooks/committees';
import { useLocation } from '../../hooks/useLocation';
import { cx, formatDistance } from '../../lib/format';
import { go, routes } from '../../lib/routes';
import './index.css';

export default function Committees() {
  const location = useLocation();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [streetId, setStreetId] = useState<number | null>(null);
  const [districtId, setDistrictId] = useState<number | null>(null);
  const [showStreets, setShowStreets] = useState(false);
  // Districts and streets are fetched the first time the picker opens.
  const [wantStreets, setWantStreets] = useState(false);
  const districts = useDistricts(wantStreets);

  // Wait for the location answer so that the first list is already in the right order.
  const list = useCommittees({ q, streetId, position: location.position }, location.status !== 'locating');

  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const district = districts.data?.find((d) => d.id === districtId) ?? null;
  const street = districts.data?.flatMap((d) => d.streets).find((s) => s.id === streetId) ?? null;

  return (
    <PageShell id="committees" title="找居委" root>
      <View className="search-bar row">
        <Input
          id="committee-search"
          className="input grow"
          value={draft}
          placeholder="输入居委名称或街道"
          confirmType="search"
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setQ(draft)}
        />
        <Button id="committee-search-submit" className="btn btn--primary search-btn" onClick={() => setQ(draft)}>
          搜索
        </Button>
      </View>

      <View className="row row--between filter-row">
        <Text className="t-body" id="location-tip">
          {location.status === 'locating'
            ? '正在获取您的位置…'
            : location.status === 'ok'
              ? '按离您的距离排列'
              : '没有获取到位置，按区排列'}
        </Text>
        {location.status === 'denied' ? (
          <Button id="locate" className="btn btn--plain btn--small" onClick={location.retry}>
            重新定位
          </Button>
        ) : null}
      </View>

      <View className="row row--between filter-row">
        <Text className="t-body" id="street-current">
          {street ? `只看：${street.name}` : q ? `搜索：${q}` : '全部街镇'}
        </Text>
        <View className="row">
          {street || q ? (
            <Button
              id="filter-clear"
              className="btn btn--plain btn--small"
              onClick={() => {
                setStreetId(null);
                setQ('');
                setDraft('');
              }}
            >
              看全部
            </Button>
          ) : null}
          <Button
            id="street-toggle"
            className="btn btn--plain btn--small filter-toggle"
            onClick={() => {
              setWantStreets(true);
              setShowStreets(!showStreets);
            }}
          >
            {showStreets ? '收起' : '按街镇找'}
          </Button>
        </View>
      </View>

      {showStreets ? (
        <View className="card" id="street-picker">
          {districts.loading ? (
            <Text className="t-body">正在加载…</Text>
          ) : districts.error ? (
            <Button id="districts-retry" className="btn btn--plain" onClick={districts.reload}>
              区和街镇没有加载出来，点这里重试
            </Button>
          ) : (
            <View>
              <View className="chips">
                {(districts.data ?? []).map((d) => (
                  <View
                    key={d.id}
                    id={`district-${d.id}`}
                    className={cx('chip', d.id === districtId && 'chip--on')}
                    onClick={() => setDistrictId(d.id)}
                  >
                    {d.name}
                  </View>
                ))}
              </View>
              {district ? (
                <View className="chips gap-top">
                  {district.streets.map((s) => (
                    <View
                      key={s.id}
                      id={`street-${s.id}`}
                      className={cx('chip', s.id === streetId && 'chip--on')}
                      onClick={() => {
                        setStreetId(s.id);
                        setShowStreets(false);
                      }}
                    >
                      {s.name}
                    </View>
                  ))}
                </View>
              ) : null}
            </View>
          )}
        </View>
      ) : null}

      <View id="committee-list">
        <ListState list={list} emptyText={q ? `没有找到「${q}」，换个字试试` : '这里还没有居委'}>
          {(items) => items.map((c) => <CommitteeItem key={c.id} committee={c} />)}
        </ListState>
      </View>
    </PageShell>
  );
}

function CommitteeItem({ committee: c }: { committee: CommitteeSummary }) {
  return (
    <View id={`committee-item-${c.id}`} className="item committee-item" onClick={() => go(routes.committeeCard(c.id))}>
      <View className="row row--between">
        <Text className="item-title grow committee-name">{c.name}</Text>
        <OfficeStatusBadge status={c.officeStatus} />
      </View>
      <View className="row gap-top">
        <Text className="t-small grow">
          {c.districtName} · {c.streetName}
        </Text>
        {c.distanceM !== null ? <Text className="t-body committee-distance">{formatDistance(c.distanceM)}</Text> : null}
      </View>
      <Text className="item-line t-small">{c.address}</Text>
      {c.isMine ? <Text className="tag tag--info mine-tag">我的社区</Text> : null}
    </View>
  );
}
