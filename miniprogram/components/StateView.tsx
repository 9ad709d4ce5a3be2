import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { signInWithWechat } from '../api/session';
import { go, routes } from '../lib/routes';

export function Loading(props: { text?: string; id?: string }) {
  return (
    <View className="state" id={props.id ?? 'state-loading'}>
      <Text className="state-text t-body">{props.text ?? '正在加载…'}</Text>
    </View>
  );
}

export function Empty(props: { text: string; id?: string; children?: ReactNode }) {
  return (
    <View className="state" id={props.id ?? 'state-empty'}>
      <Text className="state-text t-body">{props.text}</Text>
      {props.children}
    </View>
  );
}

const signInCodes = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

/**
 * The server's message and a way out: 重试, or 登录 when the session is gone (the staff
 * sign-in page for admin pages).
 */
export function ErrorState(props: { error: ApiError; onRetry: () => void; id?: string; admin?: boolean }) {
  const needsSignIn = signInCodes.has(props.error.code);
  return (
    <View className="state" id={props.id ?? 'state-error'}>
      <Text className="state-text t-body t-danger">{props.error.message}</Text>
      {needsSignIn ? (
        <Button
          id="state-sign-in"
          className="btn btn--primary"
          onClick={() => {
            if (props.admin) go(routes.adminLogin);
            else signInWithWechat().then(props.onRetry, () => undefined);
          }}
        >
          {props.admin ? '工作人员登录' : '登录'}
        </Button>
      ) : (
        <Button id="state-retry" className="btn btn--primary" onClick={props.onRetry}>
          重试
        </Button>
      )}
    </View>
  );
}
