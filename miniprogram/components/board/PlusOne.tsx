import { Button } from '@tarojs/components';
import { useState } from 'react';
import { showError } from '../../api/client';
import { board, type PostDetail } from '../../hooks/board';
import { cx } from '../../lib/format';

/** 我也遇到了: one per household, counted; a second tap takes it back. */
export function PlusOne(props: {
  post: Pick<PostDetail, 'id' | 'communityId' | 'plusCount' | 'plusByMyHousehold'>;
  onChange: (reply: { plusCount: number; plusByMyHousehold: boolean }) => void;
}) {
  const p = props.post;
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      props.onChange(await board.plusOne({ communityId: p.communityId, postId: p.id }, !p.plusByMyHousehold));
    } catch (e) {
      showError((e as Error).message || '没有成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      id="post-plus-one"
      className={cx('btn', p.plusByMyHousehold ? 'btn--primary' : 'btn--plain')}
      disabled={busy || undefined}
      onClick={() => void toggle()}
    >
      {p.plusByMyHousehold ? '✓ ' : ''}我也遇到了 {p.plusCount}
    </Button>
  );
}
