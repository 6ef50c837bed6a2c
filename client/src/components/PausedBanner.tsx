import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { goHome } from '../services/nav';
import { pausedOf, peekSession, refreshMe, subscribeSession, switchCommunity } from '../services/session';
import { toastError } from '../services/toast';

/**
 * 暂停服务: the person's community deactivated their membership (停用). Every page says so at its top, once, in place
 * of a refusal per call: why (the secretary's reason), what it means, whom to ask, and their other communities where
 * they may go on. Each page that opens while they are paused reads who they are again, so a restoration shows at once.
 */
export function PausedBanner() {
  const [session, setSession] = useState(() => peekSession());
  useEffect(() => subscribeSession(setSession), []);
  const paused = session ? pausedOf(session.user) : null;
  const [checking, setChecking] = useState(false);
  const check = () => {
    setChecking(true);
    void refreshMe()
      .catch(toastError)
      .finally(() => setChecking(false));
  };
  // Paused as the session was stored: perhaps restored since, so asked again as the page opens. (Paused by a refusal
  // just now, the session was read for it already: token.ts `setDeactivatedHandler`.)
  const [pausedAtOpen] = useState(() => {
    const stored = peekSession();
    return stored !== null && pausedOf(stored.user) !== null;
  });
  useEffect(() => {
    if (pausedAtOpen) void refreshMe().catch(() => undefined);
  }, [pausedAtOpen]);
  if (!paused) return null;
  const where = paused.communityName;
  return (
    <View className="paused" role="alert" aria-label="暂停服务">
      <Text className="paused__title">您在{where}的服务已暂停</Text>
      {paused.reason && <Text className="paused__line">暂停原因：{paused.reason}</Text>}
      <Text className="paused__line">暂停期间，您在{where}不能认领或发布心愿、查看消息；您手上未完成的心愿已交回社区另行安排。</Text>
      <Text className="paused__line paused__contact">如有疑问或希望恢复，请联系{where}书记（社区党群服务中心）。</Text>
      <View className="btn-row">
        {paused.elsewhere.map((c) => (
          <Button key={c.id} className="btn btn--primary btn--small" onClick={() => void switchCommunity(c.id).then((s) => goHome(s.activeRole), toastError)}>
            切换到{c.name}
          </Button>
        ))}
        <Button className="btn btn--small" aria-busy={checking} disabled={checking} onClick={check}>
          已恢复？刷新状态
        </Button>
      </View>
    </View>
  );
}

const Shown = createContext(false);

/**
 * The banner, then the page under it. Once per page: a staff screen's Screen inside its StaffGate, both wrapping
 * their content in this, shows it once.
 */
export function WithPausedBanner({ children }: { children: ReactNode }) {
  if (useContext(Shown)) return <>{children}</>;
  return (
    <Shown.Provider value>
      <PausedBanner />
      {children}
    </Shown.Provider>
  );
}
