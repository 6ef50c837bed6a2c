/**
 * 整理语音 on the review queue (issue 16): a wish an elder said by voice shows a player; the secretary listens, types
 * out what was said (dispatch.transcribe) and the card then reads it; then approves as usual.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { call } from '../../client/src/services/api';
import ReviewPage from '../../client/src/packages/staff/pages/review/index';
import { Timeline } from '../../client/src/components/Timeline';
import { actAs, callsTo, fakePlayers, routeCalls, type FakePlayer } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => `http://127.0.0.1:46010${p}` }));
const callMock = call as jest.Mock;

const VOICE = `/files/${'b'.repeat(64)}.webm`;
const PHOTO = `/files/${'c'.repeat(64)}.jpg`;
const spoken = {
  id: 'w7',
  category: 'repair',
  title: '维修（语音）',
  status: 'pending_review',
  channel: 'miniprogram',
  priority: 'normal',
  ownerName: '李桂英',
  voice: { url: VOICE, seconds: 14 },
  photos: [PHOTO],
  createdAt: new Date(Date.now() - 3600_000).toISOString(),
};
const players: FakePlayer[] = [];

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
  fakePlayers(players);
});

const card = () => screen.getByLabelText('心愿：维修（语音）');

test('a wish said by voice plays on the card, with its photo, and says it waits to be typed out', async () => {
  routeCalls(callMock, { 'dispatch.queue': { items: [spoken] } });
  render(<ReviewPage />);
  await screen.findByText('维修（语音）');
  expect(within(card()).getByText('居民用语音说明，请听后整理成文字')).toBeInTheDocument();
  expect([...card().querySelectorAll('img.photo')].map((i) => i.getAttribute('src'))).toEqual([`http://127.0.0.1:46010${PHOTO}`]);
  fireEvent.click(within(card()).getByRole('button', { name: '播放居民的语音，14 秒' }));
  expect(players).toEqual([expect.objectContaining({ src: `http://127.0.0.1:46010${VOICE}`, played: 1 })]);
});

test('the secretary types out what was said: sent as the description with a better title, and the card reads it', async () => {
  routeCalls(callMock, {
    'dispatch.queue': { items: [spoken] },
    'dispatch.transcribe': (d: Record<string, unknown>) => ({ wish: { ...spoken, description: d.description, title: d.title } }),
  });
  render(<ReviewPage />);
  await screen.findByText('维修（语音）');
  fireEvent.click(within(card()).getByRole('button', { name: '整理语音' }));
  const panel = await screen.findByLabelText('整理语音内容');
  // The card's player stays above the panel, to listen while typing.
  expect(within(card()).getByRole('button', { name: /播放居民的语音/ })).toBeInTheDocument();

  fireEvent.click(within(panel).getByRole('button', { name: '保存文字' }));
  expect(await within(panel).findByText('请填写语音里说的内容')).toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'transcribe')).toHaveLength(0);

  fireEvent.change(within(panel).getByLabelText('语音里说的内容'), { target: { value: '厨房水龙头一直滴水，想请人来修，下午在家' } });
  fireEvent.change(within(panel).getByLabelText('整理后的标题'), { target: { value: '厨房水龙头滴水' } });
  fireEvent.click(within(panel).getByRole('button', { name: '保存文字' }));

  await waitFor(() => expect(screen.getByText('厨房水龙头一直滴水，想请人来修，下午在家')).toBeInTheDocument());
  const [sent] = callsTo(callMock, 'dispatch', 'transcribe');
  expect(sent[2]).toEqual({ wishId: 'w7', description: '厨房水龙头一直滴水，想请人来修，下午在家', title: '厨房水龙头滴水' });
  expect(sent[3]).toEqual({ requestId: expect.any(String) });
  expect(screen.getByRole('status')).toHaveTextContent('已整理「厨房水龙头滴水」的语音内容');
  expect(screen.queryByLabelText('整理语音内容')).not.toBeInTheDocument();
  // Still waiting for review, now with words: 修改整理 and 通过 are there.
  const updated = screen.getByLabelText('心愿：厨房水龙头滴水');
  expect(within(updated).getByRole('button', { name: '修改整理' })).toBeInTheDocument();
  expect(within(updated).getByRole('button', { name: '通过' })).toBeInTheDocument();
});

test('a wish with no voice note offers nothing to type out', async () => {
  routeCalls(callMock, { 'dispatch.queue': { items: [{ ...spoken, id: 'w8', title: '换灯泡', description: '楼道灯坏了', voice: undefined, photos: undefined }] } });
  render(<ReviewPage />);
  await screen.findByText('换灯泡');
  expect(screen.queryByRole('button', { name: '整理语音' })).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: /播放/ })).not.toBeInTheDocument();
});

test('the timeline says staff wrote the voice note out', () => {
  render(<Timeline events={[{ action: 'transcribe', at: '2026-12-07T09:00:00+08:00', actor: { kind: 'user', role: 'secretary', name: '彭书记' } }]} />);
  expect(screen.getByText('工作人员整理了语音内容')).toBeInTheDocument();
});
