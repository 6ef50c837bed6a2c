/**
 * Photos and voice notes come as links that work for about an hour (server/fileUrls.ts). A screen left open past
 * that: the photo that fails to load, or the voice note that fails to play, makes the screen fetch its list again for
 * fresh links; a tap then plays. A file that keeps failing is asked about once per link, never in a loop.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { call } from '../../client/src/services/api';
import ReviewPage from '../../client/src/packages/staff/pages/review/index';
import { actAs, callsTo, fakePlayers, routeCalls, type FakePlayer } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => `http://127.0.0.1:46010${p}` }));
const callMock = call as jest.Mock;

const signed = (name: string, exp: number) => `/files/${name}?u=u-staff&exp=${exp}&sig=${String(exp % 10).repeat(64)}`;
const VOICE = `${'b'.repeat(64)}.webm`;
const PHOTO = `${'c'.repeat(64)}.jpg`;
const wishWith = (exp: number) => ({
  id: 'w7',
  category: 'repair',
  title: '维修（语音）',
  status: 'pending_review',
  channel: 'miniprogram',
  priority: 'normal',
  ownerName: '李桂英',
  voice: { url: signed(VOICE, exp), seconds: 14 },
  photos: [signed(PHOTO, exp)],
  createdAt: new Date(Date.now() - 3600_000).toISOString(),
});
const players: FakePlayer[] = [];

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
  fakePlayers(players);
});

/** The queue answers with links that expire at 1, 2, 3… (each fetch a fresh one). */
function queueWithFreshLinks() {
  let fetched = 0;
  routeCalls(callMock, { 'dispatch.queue': () => ({ items: [wishWith(++fetched)] }) });
}
const card = () => screen.getByLabelText('心愿：维修（语音）');
const photoSrc = () => card().querySelector('img.photo')!.getAttribute('src');

test('the photos are shown from the signed links the reply gave, against the API base', async () => {
  queueWithFreshLinks();
  render(<ReviewPage />);
  await screen.findByText('维修（语音）');
  expect(photoSrc()).toBe(`http://127.0.0.1:46010${signed(PHOTO, 1)}`);
});

test('a photo whose link failed makes the screen fetch again, and shows the fresh link; it asks once per link', async () => {
  queueWithFreshLinks();
  render(<ReviewPage />);
  await screen.findByText('维修（语音）');
  fireEvent.error(card().querySelector('img.photo')!);
  await waitFor(() => expect(photoSrc()).toBe(`http://127.0.0.1:46010${signed(PHOTO, 2)}`));
  expect(callsTo(callMock, 'dispatch', 'queue')).toHaveLength(2);
  // The fresh link fails too (the file is gone, not expired): one more fetch for it, then no more.
  fireEvent.error(card().querySelector('img.photo')!);
  await waitFor(() => expect(photoSrc()).toBe(`http://127.0.0.1:46010${signed(PHOTO, 3)}`));
  const img = card().querySelector('img.photo')!;
  fireEvent.error(img);
  fireEvent.error(img);
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'queue')).toHaveLength(4));
  // The fourth link is a new one: once it is shown, its failure asks again.
  await waitFor(() => expect(photoSrc()).toBe(`http://127.0.0.1:46010${signed(PHOTO, 4)}`));
  fireEvent.error(card().querySelector('img.photo')!);
  await act(async () => undefined);
  expect(callsTo(callMock, 'dispatch', 'queue')).toHaveLength(5);
});

test('a voice note that fails to play gets a fresh link; the next tap plays that one', async () => {
  queueWithFreshLinks();
  render(<ReviewPage />);
  await screen.findByText('维修（语音）');
  fireEvent.click(within(card()).getByRole('button', { name: '播放居民的语音，14 秒' }));
  expect(players[0].src).toBe(`http://127.0.0.1:46010${signed(VOICE, 1)}`);
  act(() => players[0].fail!());
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'queue')).toHaveLength(2));
  await waitFor(() => expect(within(card()).queryByText('语音无法播放')).not.toBeInTheDocument());
  fireEvent.click(within(card()).getByRole('button', { name: '播放居民的语音，14 秒' }));
  expect(players.at(-1)!.src).toBe(`http://127.0.0.1:46010${signed(VOICE, 2)}`);
  expect(players.at(-1)!.played).toBe(1);
});
