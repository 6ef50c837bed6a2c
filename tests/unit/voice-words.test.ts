/**
 * 语音心愿 (issue 16): an elder who can't type picks a category and says what they need. What a wish must say in words
 * when a voice note stands beside it, and the 整理语音 step that types it out.
 */
import { AppError, AudioRef, PhotoRef, decide, isAudioRef, type Wish } from '@shared';
import { CreateWishInput, ProxyCreateInput, TranscribeInput, UpdateWishInput } from '@shared/actions';
import { fieldErrorsOf } from '@shared/validation/parseInput';
import { owner, secretary, gridWorker, volunteer } from './support/people';
import { NOW, baseWish, step } from './support/wishes';

const sha = 'ab'.repeat(32);
const VOICE = { url: `/files/${sha}.m4a`, seconds: 14 };
const PLACE = { type: 'Point', coordinates: [113.98, 31.25] } as const;
const voiceOnly = { category: 'repair', location: PLACE, voice: VOICE };

const errorsOf = (r: { success: boolean; error?: unknown }) => (r.success ? [] : fieldErrorsOf(r.error as never));

describe('a wish said by voice', () => {
  test('a category, a place and a voice note are enough: the title is the category with （语音）, the description waits for staff', () => {
    const parsed = CreateWishInput.parse(voiceOnly);
    expect(parsed.title).toBe('维修（语音）');
    expect(parsed.description).toBeUndefined();
    expect(parsed.voice).toEqual(VOICE);
  });

  test('a title the resident typed beside the voice note is kept', () => {
    expect(CreateWishInput.parse({ ...voiceOnly, title: '水龙头坏了' }).title).toBe('水龙头坏了');
  });

  test('without a voice note, both the title and the description are asked for, each where it belongs', () => {
    const { voice: _v, ...noVoice } = voiceOnly;
    expect(errorsOf(CreateWishInput.safeParse(noVoice))).toEqual([
      { path: 'title', message: '请填写标题，或按住说话录一段语音' },
      { path: 'description', message: '请写下需要什么帮助，或按住说话录一段语音' },
    ]);
    expect(errorsOf(CreateWishInput.safeParse({ ...noVoice, title: '水龙头坏了' }))).toEqual([
      { path: 'description', message: '请写下需要什么帮助，或按住说话录一段语音' },
    ]);
  });

  test('a blank description is its own error, said once, voice or not', () => {
    expect(errorsOf(CreateWishInput.safeParse({ ...voiceOnly, description: '   ' }))).toEqual([{ path: 'description', message: '不能为空' }]);
  });

  test('staff entering for an elder follow the same rule', () => {
    const proxy = { ...voiceOnly, channel: 'phone', beneficiary: { name: '王秀英' } };
    expect(ProxyCreateInput.parse(proxy).title).toBe('维修（语音）');
    const { voice: _v, ...noVoice } = proxy;
    expect(errorsOf(ProxyCreateInput.safeParse(noVoice)).map((f) => f.path)).toEqual(['title', 'description']);
  });

  test.each([
    [0, '语音太短，请按住说话'],
    [61, '语音最长 60 秒'],
    [2.5, '语音时长按整秒计'],
  ])('a voice note of %s seconds is refused: %s', (seconds, message) => {
    expect(errorsOf(CreateWishInput.safeParse({ ...voiceOnly, voice: { ...VOICE, seconds } }))).toEqual([{ path: 'voice.seconds', message }]);
  });

  test('a voice note is a recording we stored, and a photo is a photo: neither stands in for the other', () => {
    for (const ext of ['mp3', 'aac', 'm4a', 'webm', 'ogg']) expect(isAudioRef(`/files/${sha}.${ext}`)).toBe(true);
    expect(isAudioRef('cloud://env-1/voice/a.mp3')).toBe(true);
    for (const bad of [`/files/${sha}.jpg`, `/files/${sha}.wav`, 'https://evil.example/a.mp3', 'cloud://env-1/voice/a.jpg', 'cloud://env/../a.mp3']) {
      expect(AudioRef.safeParse(bad).success).toBe(false);
    }
    expect(PhotoRef.safeParse(`/files/${sha}.mp3`).success).toBe(false);
    expect(errorsOf(CreateWishInput.safeParse({ ...voiceOnly, voice: { ...VOICE, url: `/files/${sha}.jpg` } }))[0].path).toBe('voice.url');
  });

  test('up to six photos go with a wish', () => {
    const photos = (n: number) => Array.from({ length: n }, (_, i) => `/files/${String(i).padStart(2, '0').repeat(32)}.jpg`);
    expect(CreateWishInput.safeParse({ ...voiceOnly, photos: photos(6) }).success).toBe(true);
    expect(errorsOf(CreateWishInput.safeParse({ ...voiceOnly, photos: photos(7) }))).toEqual([{ path: 'photos', message: '最多 6 张照片' }]);
  });
});

describe('editing a wish said by voice', () => {
  const spoken: Wish = baseWish({ status: 'pending_review', title: '维修（语音）', description: undefined, voice: VOICE });

  test('a new recording replaces the old one', () => {
    const other = { url: `/files/${'cd'.repeat(32)}.mp3`, seconds: 30 };
    const { wish } = step(spoken, 'update', owner, NOW, { input: { edits: { voice: other } } });
    expect(wish.voice).toEqual(other);
  });

  test('deleting the only voice note of a wish with no description is refused, and says what is missing', () => {
    expect(UpdateWishInput.safeParse({ wishId: 'w1', voice: null }).success).toBe(true);
    let thrown: unknown;
    try {
      decide(spoken, 'update', owner, NOW, { input: { edits: { voice: null } } });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('VALIDATION_FAILED');
    expect((thrown as AppError).details).toEqual({ fields: [{ path: 'description', message: '请写下需要什么帮助，或按住说话录一段语音' }] });
  });

  test('written out at the same time, the voice note may go', () => {
    const { wish } = step(spoken, 'update', owner, NOW, { input: { edits: { voice: null, description: '厨房水龙头坏了' } } });
    expect(wish.voice).toBeUndefined();
    expect(wish.description).toBe('厨房水龙头坏了');
  });
});

describe('整理语音: staff type out what was said', () => {
  const spoken: Wish = baseWish({ status: 'pending_review', title: '维修（语音）', description: undefined, voice: VOICE });
  const said = '家里厨房水龙头一直滴水，想请人来修，下午都在家';

  test('the secretary types it out: the description is what was said, the voice note stays, the timeline says so', () => {
    const { wish, event } = step(spoken, 'transcribe', secretary, NOW, { input: { description: said, title: '厨房水龙头滴水' } });
    expect(wish).toMatchObject({ description: said, title: '厨房水龙头滴水', voice: VOICE, status: 'pending_review' });
    expect(event).toMatchObject({ action: 'transcribe', from: 'pending_review', to: 'pending_review', actor: { kind: 'user', userId: secretary.userId, role: 'secretary' } });
    expect(event.note).toBeUndefined();
  });

  test('the grid worker of its grid may too, once it is in the pool', () => {
    const { wish } = step({ ...spoken, status: 'open' }, 'transcribe', gridWorker, NOW, { input: { description: said } });
    expect(wish.title).toBe('维修（语音）');
    expect(wish.description).toBe(said);
  });

  test('a wish without a voice note has nothing to type out', () => {
    expect(() => decide(baseWish({ status: 'pending_review' }), 'transcribe', secretary, NOW, { input: { description: said } })).toThrow('这个心愿没有语音，无需整理');
  });

  test('the resident and helpers do not: it is staff who listen', () => {
    for (const actor of [owner, volunteer]) {
      expect(() => decide({ ...spoken, status: 'open' }, 'transcribe', actor, NOW, { input: { description: said } })).toThrow(/无权整理语音内容/);
    }
  });

  test('what staff type is a description: not empty, not past 500 characters', () => {
    expect(TranscribeInput.safeParse({ wishId: 'w1', description: ' ' }).success).toBe(false);
    expect(TranscribeInput.safeParse({ wishId: 'w1', description: '字'.repeat(501) }).success).toBe(false);
  });
});
