/**
 * 开放接口密钥 (issue 12 item 9): in 组织管理 → 社区设置 the secretary issues a key to an Open311 client, sees it once
 * with a copy button, finds it later in the list by its name and first characters (never the key), and stops it after
 * confirming.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import OrgPage from '../../client/src/packages/staff/pages/org/index';
import { taroMock } from './__mocks__/taro';
import { actAs, callsTo, routeCalls } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const SECRET = 'xy311_Q2hpbmEtT3BlbjMxMS1rZXktZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg';
const older = { id: 'k-old', label: '街道网格平台', prefix: 'xy311_AbCd', createdAt: '2026-11-20T02:00:00Z', createdByName: '李书记', lastUsedAt: '2026-12-01T03:00:00Z' };
const settings = { leaseHours: 24, maxExtensions: 2, escalateToSecretaryHours: 24, escalateToTownHours: 72, autoConfirmDays: 3, postsPerDay: 5 };

function serve(routes: Record<string, unknown> = {}) {
  routeCalls(callMock, {
    'org.compounds': { items: [] },
    'org.buildings': { items: [] },
    'org.grids': { items: [] },
    'org.partyBranches': { items: [] },
    'org.community': { community: { id: 'c1', name: '狮子山社区', settings } },
    'open311.keys': { keys: [older] },
    ...routes,
  });
}

async function openKeys() {
  render(<OrgPage />);
  fireEvent.click(await screen.findByText('社区设置'));
  return screen.findByLabelText('开放接口密钥');
}

beforeEach(() => {
  callMock.mockReset();
  taroMock.reset();
  actAs('secretary');
});

test('issues a key, shows it once with a copy button, and lists it by its first characters only', async () => {
  serve({
    'open311.issueKey': (d: Record<string, unknown>) => ({
      key: { id: 'k-new', label: d.label, prefix: SECRET.slice(0, 10), createdAt: '2026-12-06T08:00:00Z', createdByName: '李书记' },
      secret: SECRET,
    }),
  });
  const panel = await openKeys();
  expect(await within(panel).findByText('街道网格平台')).toBeInTheDocument();
  expect(within(panel).getByText(/xy311_AbCd… · 李书记于 .* 签发 · 最近使用/)).toBeInTheDocument();

  fireEvent.change(within(panel).getByLabelText('密钥用途'), { target: { value: '  县政务数据平台 ' } });
  fireEvent.click(within(panel).getByText('签发密钥'));

  expect(await within(panel).findByLabelText('新密钥')).toHaveTextContent(SECRET);
  expect(within(panel).getByText(/只显示这一次/)).toBeInTheDocument();
  expect(callsTo(callMock, 'open311', 'issueKey')[0][2]).toEqual({ label: '县政务数据平台' });
  fireEvent.click(within(panel).getByText('复制密钥'));
  expect(taroMock.clipboard).toEqual([SECRET]);

  // In the list it is its name and first characters, newest first; once saved, the key is gone from the screen.
  const rows = within(panel).getAllByLabelText(/^密钥 /);
  expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['密钥 县政务数据平台', '密钥 街道网格平台']);
  expect(within(rows[0]).getByText('使用中')).toBeInTheDocument();
  expect(rows[0].textContent).not.toContain(SECRET);
  fireEvent.click(within(panel).getByText('我已保存'));
  expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
});

test('a key without a name is pointed out before anything is sent', async () => {
  serve();
  const panel = await openKeys();
  fireEvent.change(within(panel).getByLabelText('密钥用途'), { target: { value: '   ' } });
  fireEvent.click(within(panel).getByText('签发密钥'));
  expect(await within(panel).findByRole('alert')).toHaveTextContent(/不能为空|请填写/);
  expect(callsTo(callMock, 'open311', 'issueKey')).toHaveLength(0);
});

test('a retried issue that comes back without the key says so rather than showing nothing', async () => {
  serve({ 'open311.issueKey': () => ({ key: { id: 'k-new', label: '热线', prefix: 'xy311_Zz9y', createdAt: '2026-12-06T08:00:00Z', createdByName: '李书记' } }) });
  const panel = await openKeys();
  fireEvent.change(within(panel).getByLabelText('密钥用途'), { target: { value: '热线' } });
  fireEvent.click(within(panel).getByText('签发密钥'));
  expect(await within(panel).findByText(/未能显示.*请停用它，再签发一个/)).toBeInTheDocument();
  expect(within(panel).queryByLabelText('新密钥')).not.toBeInTheDocument();
});

test('stopping a key asks first, then shows it stopped; a refusal is shown', async () => {
  let refuse = true;
  serve({
    'open311.revokeKey': (d: Record<string, unknown>) => {
      if (refuse) throw new AppError('UNAVAILABLE', '服务暂时繁忙，请稍后重试');
      return { key: { ...older, id: d.keyId, revokedAt: '2026-12-06T09:00:00Z' } };
    },
  });
  const panel = await openKeys();
  const row = await within(panel).findByLabelText('密钥 街道网格平台');
  fireEvent.click(within(row).getByText('停用'));
  expect(within(row).getByText(/对方再用此密钥提交会被拒绝/)).toBeInTheDocument();
  fireEvent.click(within(row).getByText('确认停用'));
  expect(await within(panel).findByRole('alert')).toHaveTextContent('服务暂时繁忙');

  refuse = false;
  fireEvent.click(within(row).getByText('确认停用'));
  expect(await within(row).findByText('已停用')).toBeInTheDocument();
  expect(within(row).queryByText('停用')).not.toBeInTheDocument();
  expect(callsTo(callMock, 'open311', 'revokeKey').at(-1)![2]).toEqual({ keyId: 'k-old' });
});
