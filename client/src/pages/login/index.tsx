import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { Screen } from '../../components';
import { messageOf } from '../../services/errors';
import { landAfterLogin } from '../../services/nav';
import { demoLoginChoices, demoPeople, devLogin, loginKind, wechatLogin, type DemoPerson } from '../../services/session';

/** WeChat login in the mini-program; in the browser (local/demo) a picker of seeded people. */
export default function Login() {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [people, setPeople] = useState<DemoPerson[]>();
  const demo = loginKind() !== 'wechat';

  useEffect(() => {
    if (!demo) return;
    // The names on the buttons are the seeded people's own; without them the buttons say what each does.
    demoPeople().then(setPeople, () => undefined);
  }, [demo]);

  const run = async (key: string, login: () => Promise<{ activeRole: Parameters<typeof landAfterLogin>[0] }>) => {
    setBusy(key);
    setError(undefined);
    try {
      const session = await login();
      landAfterLogin(session.activeRole);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Screen className="login">
      <View className="hero">
        <Text className="hero__title">心愿 · 三单服务</Text>
        <Text className="hero__sub">群众点单 · 社区派单 · 党员接单</Text>
      </View>
      {error && (
        <View className="banner banner--error" role="alert">
          <Text>{error}</Text>
        </View>
      )}
      {!demo ? (
        <Button className="btn btn--primary btn--big" aria-busy={busy === 'wechat'} onClick={() => run('wechat', wechatLogin)}>
          微信一键登录
        </Button>
      ) : (
        <View className="card">
          <Text className="card__title">选择演示身份登录</Text>
          <Text className="muted">本地演示模式：以种子数据中的人员身份登录</Text>
          <View className="gap" />
          {demoLoginChoices(people).map((a) => (
            <Button
              key={a.key}
              className="btn"
              data-testid={`login-${a.key}`}
              disabled={!!busy}
              aria-busy={busy === a.key}
              onClick={() => run(a.key, () => devLogin(a.key))}
            >
              {a.label}
            </Button>
          ))}
        </View>
      )}
    </Screen>
  );
}
