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
  const [listFailed, setListFailed] = useState<string>();
  const demo = loginKind() !== 'wechat';

  // Who the demo people are and what each does come from the seed, through the server: one description everywhere.
  const loadPeople = () => {
    setListFailed(undefined);
    demoPeople().then(setPeople, (err: unknown) => setListFailed(messageOf(err)));
  };
  useEffect(() => {
    if (demo) loadPeople();
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
          <Text className="muted">本地演示模式：选一位演示人员，看看他们每天用心愿做什么</Text>
          <View className="gap" />
          {!people && !listFailed && <Text className="muted">正在读取演示人员…</Text>}
          {listFailed && (
            <View>
              <Text className="muted">演示人员没有读到：{listFailed}</Text>
              <Button className="btn btn--small" onClick={loadPeople}>
                重试
              </Button>
            </View>
          )}
          {demoLoginChoices(people ?? []).map((a) => (
            <View key={a.key} className="demo-person">
              <Button
                className="btn"
                data-testid={`login-${a.key}`}
                disabled={!!busy}
                aria-busy={busy === a.key}
                onClick={() => run(a.key, () => devLogin(a.key))}
              >
                {a.label}
              </Button>
              {a.does && <Text className="demo-person__does">{a.does}</Text>}
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
