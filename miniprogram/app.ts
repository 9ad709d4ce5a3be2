import './lib/zod-setup';
import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { ensureSession } from './api/session';
import { watchNetwork } from './lib/network';
import { listenForPrivacyPrompts } from './lib/privacy';
import './app.css';
import './desktop.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    listenForPrivacyPrompts();
    watchNetwork();
    // Sign in quietly at launch (wx.login, or the H5 device code); pages that need the user
    // wait for the same promise. Errors show on the page that needs the session.
    ensureSession().catch(() => undefined);
  });
  return children;
}

export default App;
