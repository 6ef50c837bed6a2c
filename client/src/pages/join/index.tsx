import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { AppError } from '@shared/errors';
import { AcceptInviteInput, RequestJoinInput } from '@shared/actions/org';
import { RoleLabels } from '@shared/vocab/roles';
import { inviteCodeOf } from '@shared/routes';
import { JoinRequestStatusLabels, type JoinRole } from '@shared/schemas/membership';
import { Limits } from '@shared/vocab/limits';
import { fieldErrorsOf as zodFieldErrors } from '@shared/validation/parseInput';
import { Field, PageState, Screen, formatTime } from '../../components';
import { useRemote } from '../../hooks/useRemote';
import { call } from '../../services/api';
import { fieldErrorsOf, isOffline, messageOf } from '../../services/errors';
import { back, goHome, Routes } from '../../services/nav';
import { SubmitKey } from '../../services/requestId';
import { loginThenReturn } from '../../services/returnTo';
import { getSession, logout, refreshMe, rolesOf, switchRole } from '../../services/session';
import './index.scss';

const JoinRoles: JoinRole[] = ['resident', 'volunteer', 'party_member'];

type Busy = 'join' | 'request' | 'refresh' | undefined;

/** Zod issues → one message per form field; the request's `inviteCode` (and the "one of two" rule) belong to the code box. */
function errorsOf(issues: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of issues) {
    const top = f.path.split('.')[0] || 'form';
    const key = top === 'inviteCode' || top === 'communityId' ? 'code' : top;
    if (!(key in out)) out[key] = f.message;
  }
  return out;
}

/**
 * An unknown, revoked or used-up code comes back as NOT_FOUND/CONFLICT with the server's own
 * Chinese reason ("邀请码已被撤销"); that says more than the generic "内容不存在或已被删除".
 */
function failureText(err: unknown): string {
  if (err instanceof AppError && err.code === 'NOT_FOUND' && /[\u4e00-\u9fff]/.test(err.message)) return err.message;
  return messageOf(err);
}

/** Join a community: an invite code joins at once; without the right code's role, ask the secretary to approve. */
export default function JoinPage() {
  const router = useRouter();
  const session = getSession();
  const member = !!session && rolesOf(session.user).length > 0;
  // An invite's QR code (or link, or a 小程序码) opens this page with its code: filled in, one tap to join.
  const [code, setCode] = useState(() => inviteCodeOf(router.params));
  const [name, setName] = useState(session?.user.name ?? '');
  const [phone, setPhone] = useState(session?.user.phone ?? '');
  const [note, setNote] = useState('');
  const [roles, setRoles] = useState<JoinRole[]>(['resident']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<Busy>();
  const [failure, setFailure] = useState<unknown>();
  const [joined, setJoined] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  // One key per action: a retry of the same code or request is the same write on the server.
  const joinKey = useRef(new SubmitKey());
  const requestKey = useRef(new SubmitKey());
  const autoRefreshed = useRef(false);

  const requests = useRemote(() => call('org', 'joinRequests', { limit: 20 }));
  const items = requests.data?.items ?? [];

  useEffect(() => {
    if (!session) loginThenReturn();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Reload who I am, then land on the home of the role just gained (a volunteer code → the task hall). */
  const enter = async () => {
    const before = session ? rolesOf(session.user) : [];
    setBusy('refresh');
    setFailure(undefined);
    try {
      const next = await refreshMe();
      const now = next ? rolesOf(next.user) : [];
      if (!next || now.length === 0) {
        setFailure(new AppError('NOT_FOUND', '还未加入社区，请等待社区审核'));
        return;
      }
      const role = now.find((r) => !before.includes(r)) ?? next.activeRole;
      switchRole(role);
      goHome(role);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(undefined);
    }
  };

  // Approved while away: the cached session still has no community, so fetch it once and go in.
  useEffect(() => {
    if (member || autoRefreshed.current || !items.some((r) => r.status === 'approved')) return;
    autoRefreshed.current = true;
    void enter();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items]);

  const onJoin = async () => {
    // Joined but the refresh failed: only the refresh is retried, the code is not spent twice.
    if (joined) return enter();
    const payload = { code: code.trim() };
    const checked = AcceptInviteInput.safeParse(payload);
    if (!checked.success) {
      setErrors(errorsOf(zodFieldErrors(checked.error)));
      return;
    }
    setErrors({});
    setBusy('join');
    setFailure(undefined);
    try {
      await call('org', 'acceptInvite', payload, { requestId: joinKey.current.for(payload) });
      joinKey.current.done();
      setJoined(true);
    } catch (err) {
      // A bad code is said under the code box (which keeps what was typed); anything else, like the network, above.
      const aboutCode = err instanceof AppError && ['NOT_FOUND', 'CONFLICT', 'VALIDATION_FAILED'].includes(err.code);
      if (aboutCode) setErrors({ code: fieldErrorsOf(err).code ?? failureText(err) });
      else setFailure(err);
      setBusy(undefined);
      return;
    }
    await enter();
  };

  const onRequest = async () => {
    const payload = {
      inviteCode: code.trim(),
      name: name.trim(),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      roles,
    };
    const checked = RequestJoinInput.safeParse(payload);
    if (!checked.success) {
      setErrors(errorsOf(zodFieldErrors(checked.error)));
      return;
    }
    setErrors({});
    setBusy('request');
    setFailure(undefined);
    try {
      await call('org', 'requestJoin', payload, { requestId: requestKey.current.for(payload) });
      requestKey.current.done();
      setSubmitted(true);
      void requests.reload();
    } catch (err) {
      setFailure(err);
      setErrors(errorsOf(Object.entries(fieldErrorsOf(err)).map(([path, message]) => ({ path, message }))));
    } finally {
      setBusy(undefined);
    }
  };

  const toggleRole = (r: JoinRole) => setRoles((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));

  if (!session) return null;
  const pending = items.some((r) => r.status === 'pending');

  return (
    <Screen className="join">
      <View className="hero">
        <Text className="hero__title">{member ? '邀请码 · 申请新角色' : '加入社区'}</Text>
        <Text className="hero__sub">填写社区工作人员给您的邀请码即可加入；也可以提交申请，由社区审核</Text>
      </View>

      {submitted && (
        <View className="banner banner--ok" role="status">
          <Text>已提交，等待社区审核</Text>
        </View>
      )}
      {failure !== undefined && (
        <View className="banner banner--error" role="alert">
          <Text>{isOffline(failure) ? '网络不给力，还没有提交成功。填写的内容已保留，请稍后重试。' : failureText(failure)}</Text>
        </View>
      )}

      <View className="form-group">
        <Field label="邀请码" required error={errors.code} hint="6–16 位字母或数字，不区分大小写">
          <Input className="input join__code" placeholder="请输入邀请码" value={code} maxlength={16} onInput={(e) => setCode(e.detail.value)} />
        </Field>
        <Button className="btn btn--primary btn--big" aria-busy={busy === 'join' || busy === 'refresh'} disabled={!!busy} onClick={onJoin}>
          {joined ? '进入首页' : '加入社区'}
        </Button>
      </View>

      <Text className="section-title">申请加入（需社区审核）</Text>
      <View className="form-group">
        <Field label="姓名" required error={errors.name}>
          <Input className="input" placeholder="您的真实姓名" value={name} maxlength={Limits.name + 5} onInput={(e) => setName(e.detail.value)} />
        </Field>
        <Field label="联系电话" error={errors.phone} hint="选填，仅社区工作人员可见">
          <Input className="input" type="number" placeholder="手机号或座机" value={phone} onInput={(e) => setPhone(e.detail.value)} />
        </Field>
        <Field label="想申请的身份" required error={errors.roles}>
          <View className="chips">
            {JoinRoles.map((r) => (
              <Text key={r} className={`chip${roles.includes(r) ? ' chip--active' : ''}`} aria-pressed={roles.includes(r)} onClick={() => toggleRole(r)}>
                {RoleLabels[r]}
              </Text>
            ))}
          </View>
        </Field>
        <Field label="备注" error={errors.note} hint="选填，例如住在哪栋楼、想参加哪类服务">
          <Textarea className="textarea join__note" placeholder="想对社区说的话" value={note} maxlength={Limits.note + 20} onInput={(e) => setNote(e.detail.value)} />
        </Field>
        <Button className="btn" aria-busy={busy === 'request'} disabled={!!busy} onClick={onRequest}>
          申请加入
        </Button>
      </View>

      <Text className="section-title">我的申请</Text>
      <PageState loading={requests.loading} error={requests.error} empty={!requests.loading && items.length === 0} emptyText="还没有提交过申请" onRetry={requests.reload}>
        {items.map((r) => (
          <View key={r.id} className="card join__request">
            <View className="row row--between">
              <Text className="card__title">{r.communityName ?? '社区'}</Text>
              <Text className={`tag join__status join__status--${r.status}`}>{JoinRequestStatusLabels[r.status]}</Text>
            </View>
            <Text className="card__meta">申请身份：{r.roles.map((x) => RoleLabels[x]).join('、')}</Text>
            <Text className="card__meta">提交时间：{formatTime(r.createdAt)}</Text>
            {r.status === 'rejected' && r.reason && <Text className="card__meta">未通过原因：{r.reason}</Text>}
          </View>
        ))}
        {pending && (
          <Button className="btn btn--small btn--ghost" disabled={!!busy} onClick={() => void requests.reload()}>
            刷新审核状态
          </Button>
        )}
      </PageState>

      {member ? (
        <Button className="btn btn--ghost" onClick={() => back(Routes.me)}>
          返回
        </Button>
      ) : (
        <Button
          className="btn btn--ghost"
          onClick={() => {
            logout();
            void Taro.reLaunch({ url: Routes.login });
          }}
        >
          退出登录
        </Button>
      )}
    </Screen>
  );
}
