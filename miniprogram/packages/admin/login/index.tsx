import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { passwordSignIn } from '../../../../shared/contracts/auth';
import { signInWithPassword } from '../../../api/session';
import { Field } from '../../../components/Form';
import { PageShell } from '../../../components/PageShell';
import { chooseAdminCommunity } from '../../../hooks/admin';
import { routes } from '../../../lib/routes';
import { checkWith } from '../../../lib/validation';

export default function AdminLogin() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    // The sign-in contract's own rules (a username of hidden characters only is refused here too).
    const checked = checkWith<{ username: string; password: string }, 'username' | 'password'>(
      passwordSignIn.body,
      { username, password },
      { username: '请填写用户名', password: '请填写密码' },
    );
    setErrors(checked.errors);
    if (!checked.body) return;
    setSubmitting(true);
    try {
      const me = await signInWithPassword(checked.body.username, checked.body.password);
      const first = me.memberships.find((m) => m.role === 'moderator' && m.status === 'approved');
      chooseAdminCommunity(first?.communityId ?? null);
      void Taro.redirectTo({ url: routes.adminDashboard });
    } catch {
      // 用户名或密码不对 / 密码错误次数太多: shown by the api client
      setPassword('');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PageShell id="admin-login" admin>
      <View className="card admin-login-card">
        <Text className="t-hero t-block">居委工作台</Text>
        <Text className="t-body t-block t-muted gap-top">请用居委发给您的账号登录。</Text>
        <View className="gap-top-lg">
          <Field
            id="admin-username"
            label="用户名"
            value={username}
            onChange={setUsername}
            maxlength={64}
            error={errors.username}
          />
          <Field
            id="admin-password"
            label="密码"
            value={password}
            onChange={setPassword}
            password
            maxlength={256}
            error={errors.password}
          />
        </View>
        <Button
          id="admin-login-submit"
          className="btn btn--primary btn--block"
          disabled={submitting || undefined}
          onClick={() => void submit()}
        >
          {submitting ? '正在登录…' : '登录'}
        </Button>
      </View>
    </PageShell>
  );
}
