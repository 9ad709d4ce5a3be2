import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '../lib/format';
import { routes } from '../lib/routes';
import { useLargeText } from '../lib/settings';
import { ConsentDialog } from './ConsentDialog';
import { OfflineBanner } from './OfflineBanner';
import { PrivacyDialog } from './PrivacyDialog';
import { TitleBar } from './TitleBar';

/**
 * Root of every page: the H5 title bar, applies 大字模式 (one class), the desktop layout of the admin view, and
 * hosts the privacy dialog so that it can appear over whichever page asked for location, and the
 * no-network banner.
 */
export function PageShell(props: {
  id?: string;
  admin?: boolean;
  /** The agreement and privacy pages: readable while the consent dialog (H5 first open) waits. */
  legal?: boolean;
  className?: string;
  /** The H5 title bar's text (WeChat shows the page config's own); none: the page draws its own. */
  title?: string;
  /** A root page (a tab page): its title bar has no back and no home. */
  root?: boolean;
  children?: ReactNode;
}) {
  const large = useLargeText();
  return (
    <View
      id={props.id}
      className={cx('page', large && 'page--large', props.admin ? 'page--admin' : 'page--resident', props.className)}
    >
      {props.title ? <TitleBar title={props.title} home={routes.home} root={props.root} /> : null}
      <OfflineBanner />
      {props.children}
      <PrivacyDialog />
      {/* Staff sign in with a password: the residents' first-open question is not theirs. */}
      {props.legal || props.admin ? null : <ConsentDialog />}
    </View>
  );
}
