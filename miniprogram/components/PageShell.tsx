import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '../lib/format';
import { useLargeText } from '../lib/settings';
import { ConsentDialog } from './ConsentDialog';
import { OfflineBanner } from './OfflineBanner';
import { PrivacyDialog } from './PrivacyDialog';

/**
 * Root of every page: applies 大字模式 (one class), the desktop layout of the admin view, and
 * hosts the privacy dialog so that it can appear over whichever page asked for location, and the
 * no-network banner.
 */
export function PageShell(props: {
  id?: string;
  admin?: boolean;
  /** The agreement and privacy pages: readable while the consent dialog (H5 first open) waits. */
  legal?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  const large = useLargeText();
  return (
    <View
      id={props.id}
      className={cx('page', large && 'page--large', props.admin ? 'page--admin' : 'page--resident', props.className)}
    >
      <OfflineBanner />
      {props.children}
      <PrivacyDialog />
      {/* Staff sign in with a password: the residents' first-open question is not theirs. */}
      {props.legal || props.admin ? null : <ConsentDialog />}
    </View>
  );
}
