import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import { type PostCategory, postCategories, postCategoryLabels, postKindLabels } from '../../../shared/enums';
import type { BoardFilter } from '../../hooks/board';
import { cx } from '../../lib/format';
import { Check } from '../Form';
import './board.css';

/** The chip a filter shows: 全部, one category of board posts, or 小事快办. */
type Chip = 'all' | PostCategory | 'matter';

function chipOf(filter: BoardFilter): Chip {
  if (filter.kind === 'matter') return 'matter';
  return filter.category ?? 'all';
}

const chips: { value: Chip; label: string }[] = [
  { value: 'all', label: '全部' },
  ...postCategories.map((c) => ({ value: c as Chip, label: postCategoryLabels[c] })),
  { value: 'matter', label: postKindLabels.matter },
];

/** Search, category chips, 只看居委回复 and the order of the board. */
export function BoardFilters(props: { filter: BoardFilter; onChange: (next: BoardFilter) => void }) {
  const { filter, onChange } = props;
  const [draft, setDraft] = useState(filter.q);
  const chip = chipOf(filter);
  const pick = (c: Chip) =>
    onChange({
      ...filter,
      kind: c === 'all' ? null : c === 'matter' ? 'matter' : 'post',
      category: c === 'all' || c === 'matter' ? null : c,
    });
  return (
    <View id="board-filters">
      <View className="search-bar row">
        <Input
          id="board-search"
          className="input grow"
          value={draft}
          placeholder="搜索留言"
          confirmType="search"
          maxlength={30}
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => onChange({ ...filter, q: draft.trim() })}
        />
        <Button
          id="board-search-submit"
          className="btn btn--primary search-btn"
          onClick={() => onChange({ ...filter, q: draft.trim() })}
        >
          搜索
        </Button>
      </View>
      <View className="chips board-chips" id="board-chips">
        {chips.map((c) => (
          <View
            key={c.value}
            id={`board-chip-${c.value}`}
            className={cx('chip', chip === c.value && 'chip--on')}
            onClick={() => pick(c.value)}
          >
            {c.label}
          </View>
        ))}
      </View>
      <View className="row row--between row--wrap board-toolbar">
        <Check id="board-official" checked={filter.official} onChange={(official) => onChange({ ...filter, official })}>
          只看居委回复
        </Check>
        <View className="chips" id="board-sort">
          <View
            id="board-sort-newest"
            className={cx('chip', filter.sort === 'newest' && 'chip--on')}
            onClick={() => onChange({ ...filter, sort: 'newest' })}
          >
            最新
          </View>
          <View
            id="board-sort-activity"
            className={cx('chip', filter.sort === 'activity' && 'chip--on')}
            onClick={() => onChange({ ...filter, sort: 'activity' })}
          >
            有新回复
          </View>
        </View>
      </View>
    </View>
  );
}
