import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { passwordSignIn } from '../../../../shared/contracts/auth';
import { signInWithPassword } from '../../../api/session';
import { Field, FormError } from '../../../components/Form';
import { PageShell } from '../../../components/PageShell';
import { chooseAdminCommunity } from '../../../hooks/admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { adminHome } from '../../../lib/admin-menu';
import { routes } from '../../../lib/routes';
import { checkWith } from '../../../lib/validation';
import { refusalMessage } from './refusal';

type LoginField = 'username' | 'password';

export default function AdminLogin() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useSubmit<LoginField>({
    place: (error) =>
      error.code === 'BAD_CREDENTIALS' || error.code === 'ACCOUNT_LOCKED'
        ? { field: 'password', message: refusalMessage(error, username) }
        : null,
  });

  const submit = async () => {
    // The sign-in contract's own rules (a username of hidden characters only is refused here too).
    const checked = checkWith<{ username: string; password: string }, LoginField>(
      passwordSignIn.body,
      { username, password },
      { username: '请填写用户名', password: '请填写密码' },
    );
    form.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    const me = await form.submit(() => signInWithPassword(body.username, body.password));
    if (!me) {
      setPassword('');
      return;
    }
    // A moderator's community first; a property handler lands on their 小事快办 board.
    const staffOf = me.memberships.filter((m) => m.status === 'approved' && m.role !== 'resident');
    const first = staffOf.find((m) => m.role === 'moderator') ?? staffOf[0];
    chooseAdminCommunity(first?.communityId ?? null);
    void Taro.redirectTo({ url: adminHome(!me.user.isAdmin && first?.role === 'handler') });
  };

  return (
    <PageShell id="admin-login" title="工作人员登录" admin>
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
            error={form.fieldErrors.username}
          />
          <Field
            id="admin-password"
            label="密码"
            value={password}
            onChange={setPassword}
            password
            maxlength={256}
            error={form.fieldErrors.password}
          />
        </View>
        <FormError id="admin-login-error" message={form.formError} retry={form.retry} />
        <Button
          id="admin-login-submit"
          className="btn btn--primary btn--block"
          disabled={form.busy || undefined}
          onClick={() => void submit()}
        >
          {form.busy ? '正在登录…' : '登录'}
        </Button>
      </View>
    </PageShell>
  );
}
