import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { RoleLabels } from '@shared/vocab';
import type { Role } from '@shared/vocab';
import { WithPausedBanner } from '../../../components';
import { useElderMode } from '../../../services/elder';
import { loginThenReturn } from '../../../services/returnTo';
import { rolesOf, switchRole } from '../../../services/session';
import { ScreenRoles } from '../lib/roles';
import type { StaffScreen } from '../lib/roles';
import { useSession } from '../lib/session';
import { Pages, to } from '@shared/routes';

interface Props {
  screen: StaffScreen;
  children: ReactNode;
}

/**
 * Staff screens open only for the roles they serve; anyone else gets a polite refusal,
 * and a one-tap switch if they hold a fitting role. The server enforces the same.
 */
export function StaffGate({ screen, children }: Props) {
  const [elder] = useElderMode();
  // 长辈模式 reaches the staff screens through this one wrapper (staff.scss `.staff-elder`).
  // A paused member (停用) reads why first, on every staff screen as on the others (components/Screen).
  return (
    <View className={elder ? 'staff-elder' : 'staff-root'}>
      <WithPausedBanner>
        <Gate screen={screen}>{children}</Gate>
      </WithPausedBanner>
    </View>
  );
}

function Gate({ screen, children }: Props) {
  const session = useSession();
  const allowed = ScreenRoles[screen] as readonly Role[];

  if (!session) {
    return (
      <View className='staff-gate'>
        <Text className='staff-gate__title'>请先登录</Text>
        <Text className='staff-gate__text'>登录后即可使用社区工作台。</Text>
        <Button className='staff-btn staff-btn--primary' onClick={loginThenReturn}>
          去登录
        </Button>
      </View>
    );
  }
  if (allowed.includes(session.activeRole)) return <>{children}</>;

  const fitting = rolesOf(session.user).filter((r) => allowed.includes(r));
  return (
    <View className='staff-gate' role='alert'>
      <Text className='staff-gate__title'>暂无权限</Text>
      <Text className='staff-gate__text'>
        抱歉，此页面仅供{allowed.map((r) => RoleLabels[r]).join('、')}使用，您当前的身份是「{RoleLabels[session.activeRole]}」。
      </Text>
      {fitting.map((r) => (
        <Button key={r} className='staff-btn staff-btn--primary' onClick={() => switchRole(r)}>
          切换为{RoleLabels[r]}
        </Button>
      ))}
      <Button className='staff-btn staff-btn--ghost' onClick={() => void Taro.navigateBack().catch(() => Taro.reLaunch({ url: to(Pages.entry) }))}>
        返回
      </Button>
    </View>
  );
}
