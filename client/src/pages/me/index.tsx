import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Switch, Text, View } from '@tarojs/components';
import { RoleLabels, type Role } from '@shared/vocab/roles';
import { RoleNav, Screen, switchLabel } from '../../components';
import { DutyCard } from '../../features/duty/DutyCard';
import { ReportCard } from '../../features/org/ReportCard';
import { useElderMode } from '../../services/elder';
import { go, goHome, Routes } from '../../services/nav';
import { loginThenReturn } from '../../services/returnTo';
import { toastError } from '../../services/toast';
import { chooseFullName, getSession, logout, rolesOf, switchCommunity, switchRole } from '../../services/session';

/** Me: role switch for people with several roles, elder mode, service hours, points, 时间银行, logout. */
export default function MePage() {
  const session = getSession();
  const [elder, setElder] = useElderMode();
  const [fullName, setFullName] = useState(getSession()?.user.showFullName === true);
  if (!session) {
    loginThenReturn();
    return null;
  }
  const roles = rolesOf(session.user);
  const helper = ['volunteer', 'party_member', 'unit_admin'].includes(session.activeRole);

  const onFullName = async (value: boolean) => {
    setFullName(value);
    try {
      await chooseFullName(value);
    } catch (err) {
      setFullName(!value);
      toastError(err);
    }
  };

  const communities = session.user.communities ?? [];
  const onCommunity = async (communityId: string) => {
    if (communityId === session.user.communityId) return;
    try {
      const next = await switchCommunity(communityId);
      goHome(next.activeRole);
    } catch (err) {
      toastError(err);
    }
  };

  const onSwitch = (role: Role) => {
    if (role === session.activeRole) return;
    switchRole(role);
    goHome(role);
  };

  return (
    <Screen>
      <View className="card">
        <Text className="title-l">{session.user.name}</Text>
        <Text className="muted">当前身份：{RoleLabels[session.activeRole]}</Text>
      </View>

      {communities.length > 1 && (
        <View className="card">
          <Text className="card__title">所在社区</Text>
          <Text className="muted">您在多个社区有身份，请选择现在办事的社区</Text>
          <View className="chips" role="radiogroup" aria-label="所在社区">
            {communities.map((c) => (
              <View
                key={c.id}
                role="radio"
                aria-checked={c.id === session.user.communityId}
                className={`chip${c.id === session.user.communityId ? ' chip--active' : ''}`}
                onClick={() => void onCommunity(c.id)}
              >
                {c.name}
              </View>
            ))}
          </View>
        </View>
      )}

      {roles.length > 1 && (
        <View className="card">
          <Text className="card__title">切换身份</Text>
          <View className="chips">
            {roles.map((r) => (
              <Text key={r} className={`chip${r === session.activeRole ? ' chip--active' : ''}`} onClick={() => onSwitch(r)}>
                {RoleLabels[r]}
              </Text>
            ))}
          </View>
        </View>
      )}

      <View className="card">
        <View className="row row--between">
          <View>
            <Text className="card__title">长辈模式</Text>
            <Text className="muted">大字体、高对比、步骤更少</Text>
          </View>
          <Switch {...switchLabel('长辈模式')} checked={elder} color="#c8161d" onChange={(e) => setElder(e.detail.value)} />
        </View>
      </View>

      {helper && <DutyCard />}
      {session.activeRole === 'party_member' && <ReportCard />}
      {helper && (
        <View className="card">
          <View className="row row--between">
            <View>
              <Text className="card__title">心愿墙显示我的全名</Text>
              <Text className="muted">{fullName ? `心愿墙和排行榜上显示“${session.user.name}”` : '关闭时只显示姓氏，如“张*”'}</Text>
            </View>
            <Switch {...switchLabel('心愿墙显示我的全名')} checked={fullName} color="#c8161d" onChange={(e) => void onFullName(e.detail.value)} />
          </View>
        </View>
      )}
      {helper && (
        <Button className="btn" onClick={() => go(Routes.hours)}>
          我的服务时长
        </Button>
      )}
      {helper && (
        <Button className="btn" onClick={() => go(Routes.points)}>
          我的积分 · 爱心超市
        </Button>
      )}
      <Button className="btn" onClick={() => go(Routes.timebank)}>
        时间银行 · 家人
      </Button>
      <Button className="btn" onClick={() => go(Routes.wall)}>
        心愿墙
      </Button>
      <Button className="btn" onClick={() => go(Routes.join)}>
        输入邀请码 · 申请新角色
      </Button>
      <Button
        className="btn btn--danger"
        onClick={() => {
          logout();
          void Taro.reLaunch({ url: Routes.login });
        }}
      >
        退出登录
      </Button>
      <RoleNav current={Routes.me} />
    </Screen>
  );
}
