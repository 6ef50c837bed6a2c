import { shot, signIn, useApp } from './harness';

/**
 * 语音心愿 (issue 16) in Chromium with a fake microphone, against the real server and h5 build: a resident who would
 * rather not type picks 维修, holds 按住 说话, lets go, finds it still there after a reload, listens, and posts with
 * nothing else; the secretary plays it on the review queue, types out what was said, and approves it.
 */
const app = useApp(undefined, { microphone: true });

test('a resident says a wish, the secretary listens, types it out and approves it', async () => {
  const resident = await signIn(app.browser, app.server.url, '居民 · 胡秀兰');
  await resident.getByText('＋ 发布心愿').click();
  await resident.getByText('需要什么帮助').waitFor();
  await resident.getByText('维修', { exact: true }).click();

  // Press and hold, speak for a few seconds, let go.
  const hold = resident.getByRole('button', { name: '按住 说话' });
  await hold.scrollIntoViewIfNeeded();
  await hold.hover();
  await resident.mouse.down();
  await resident.getByText(/正在录音 \d+″ \/ 60″，上滑取消/).waitFor();
  await shot(resident, 'voice-recording');
  await resident.getByText('正在录音 3″ / 60″，上滑取消').waitFor();
  await resident.mouse.up();
  const mine = resident.getByRole('button', { name: /^播放您录的语音，\d 秒$/ });
  await mine.waitFor();
  await shot(resident, 'voice-recorded');

  // The page reloaded before sending (a tap on refresh, the browser dropping the tab): the recording is still there.
  await resident.reload();
  await mine.waitFor();

  // Listen to it once: it plays to its end.
  await mine.click();
  await resident.getByRole('button', { name: /^停止播放您录的语音/ }).waitFor();
  await mine.waitFor();
  expect(await resident.getByText('语音无法播放').count()).toBe(0);

  await resident.getByText('提交心愿', { exact: true }).click();
  await resident.getByText('已提交，社区工作人员审核后会发布给志愿者。').waitFor();
  await resident.getByText('维修（语音）').first().waitFor();
  await resident.getByRole('button', { name: /^播放居民的语音/ }).waitFor();
  await shot(resident, 'voice-wish-page');

  // The secretary hears it on the review queue and types it out.
  const secretary = await signIn(app.browser, app.server.url, '社区书记 · 彭书记');
  await secretary.getByText('审核派单').click();
  const card = secretary.getByLabel('心愿：维修（语音）');
  await card.waitFor();
  await card.getByText('居民用语音说明，请听后整理成文字').waitFor();
  await card.scrollIntoViewIfNeeded();
  await shot(secretary, 'voice-review-queue');
  const play = card.getByRole('button', { name: /^播放居民的语音，\d 秒$/ });
  await play.click();
  await card.getByRole('button', { name: /^停止播放居民的语音/ }).waitFor();
  await play.waitFor();
  expect(await card.getByText('语音无法播放').count()).toBe(0);

  await card.getByText('整理语音', { exact: true }).click();
  const panel = secretary.getByLabel('整理语音内容');
  // Taro's h5 fields are named by their placeholders.
  await panel.getByRole('textbox', { name: '边听边记：需要什么帮助、什么时间方便、有什么要注意的' }).fill('厨房水龙头一直滴水，关不紧，想请人来修；下午都在家。');
  await panel.getByRole('textbox', { name: '维修（语音）' }).fill('厨房水龙头滴水');
  await panel.scrollIntoViewIfNeeded();
  await shot(secretary, 'voice-transcribe');
  await panel.getByText('保存文字', { exact: true }).click();
  const typed = secretary.getByLabel('心愿：厨房水龙头滴水');
  await typed.getByText('厨房水龙头一直滴水，关不紧，想请人来修；下午都在家。').waitFor();
  await typed.scrollIntoViewIfNeeded();
  await shot(secretary, 'voice-transcribed');

  await typed.getByText('通过', { exact: true }).click();
  await typed.getByText('通过并发布', { exact: true }).click();
  await typed.getByText('通过并发布', { exact: true }).waitFor({ state: 'detached' });

  // The resident's timeline says staff wrote it out; the words are on the wish, the voice still there.
  await resident.reload();
  await resident.getByText('工作人员整理了语音内容').waitFor();
  await resident.getByText('厨房水龙头一直滴水，关不紧，想请人来修；下午都在家。').waitFor();
  await resident.getByRole('button', { name: /^播放居民的语音/ }).waitFor();
  await shot(resident, 'voice-wish-transcribed');
});
