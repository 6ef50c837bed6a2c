import {
  AppError,
  StoryStates,
  chinaMonthRange,
  checkDraft,
  isOnWall,
  recentChinaMonths,
  storyCardOf,
  storyStep,
  type Category,
  type Story,
  type StorySource,
  type StoryState,
} from '@shared';
import { COMMUNITY, owner, person, secretary, volunteer } from './support/people';

/** 微故事 rules (shared/stories): who drafts, who consents, when it may go up, and what the public card shows. */
const wish = (over: Partial<StorySource> = {}): StorySource => ({ communityId: COMMUNITY, ownerId: 'owner', createdBy: 'owner', claims: [], status: 'confirmed', category: 'repair', ...over });
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'OK';
  } catch (err) {
    return (err as AppError).code;
  }
};

describe('drafting', () => {
  test('the secretary of its community drafts a confirmed, non-sensitive wish', () => {
    expect(codeOf(() => checkDraft(wish(), secretary))).toBe('OK');
  });
  test.each(['done', 'in_progress', 'cancelled'] as const)('not while %s', (status) => {
    expect(codeOf(() => checkDraft(wish({ status }), secretary))).toBe('CONFLICT');
  });
  test.each(['legal_aid', 'mediation', 'medical_trip', 'health'] as Category[])('never a %s wish', (category) => {
    expect(codeOf(() => checkDraft(wish({ category }), secretary))).toBe('CONFLICT');
  });
  test('not for someone entered by staff without an account of their own: nobody could consent for them', () => {
    expect(codeOf(() => checkDraft(wish({ createdBy: 'secretary', ownerId: 'secretary', beneficiary: {} }), secretary))).toBe('CONFLICT');
    expect(codeOf(() => checkDraft(wish({ createdBy: 'secretary', ownerId: 'owner', beneficiary: { userId: 'owner' } }), secretary))).toBe('OK');
  });
  test('not over a published story; a story in any other state is redrafted', () => {
    expect(codeOf(() => checkDraft(wish(), secretary, { status: 'published' }))).toBe('CONFLICT');
    for (const status of StoryStates.filter((s) => s !== 'published')) expect(codeOf(() => checkDraft(wish(), secretary, { status }))).toBe('OK');
  });
  test('the owner may read but not draft; another community’s secretary finds nothing', () => {
    expect(codeOf(() => checkDraft(wish(), owner))).toBe('FORBIDDEN');
    expect(codeOf(() => checkDraft(wish(), volunteer))).toBe('NOT_FOUND');
    expect(codeOf(() => checkDraft(wish(), person('s2', ['secretary'], { communityId: 'c2' })))).toBe('NOT_FOUND');
  });
});

describe('consent and publication', () => {
  const resident = { owner: true, staff: false };
  const staff = { owner: false, staff: true };
  const step = (from: StoryState, s: Parameters<typeof storyStep>[1], who = s === 'consent' || s === 'withdraw' ? resident : staff) => {
    try {
      return storyStep({ status: from }, s, who);
    } catch (err) {
      return (err as AppError).code;
    }
  };

  test('nothing is published without consent', () => {
    for (const from of StoryStates.filter((s) => s !== 'consented' && s !== 'published')) expect([from, step(from, 'publish')]).toEqual([from, 'CONFLICT']);
    expect(step('consented', 'publish')).toBe('published');
  });
  test('taking consent back from a published story takes it down; declining a request is remembered as declined', () => {
    expect(step('published', 'withdraw')).toBe('withdrawn');
    expect(step('consented', 'withdraw')).toBe('withdrawn');
    expect(step('awaiting_consent', 'withdraw')).toBe('declined');
    expect(step('withdrawn', 'consent')).toBe('consented');
    expect(step('published', 'consent')).toBe('published');
  });
  test('only the resident answers, only staff publish', () => {
    expect(step('awaiting_consent', 'consent', staff)).toBe('FORBIDDEN');
    expect(step('consented', 'publish', resident)).toBe('FORBIDDEN');
    expect(step('published', 'unpublish')).toBe('consented');
    expect(step('consented', 'unpublish')).toBe('CONFLICT');
  });
});

describe('the public card', () => {
  const story = (over: Partial<Story> = {}): Story => ({
    id: 's1', wishId: 'w1', communityId: COMMUNITY, category: 'repair', title: '修水龙头', note: '修好了', beforePhotos: [], afterPhotos: [],
    ownerId: 'owner', anonymous: false, helperIds: ['h1'], status: 'published', authorId: 'secretary', draftedAt: new Date(), ...over,
  });
  const helper = { userId: 'h1', name: '张晓东', communityId: COMMUNITY };
  const PUBLIC = { kind: 'public' } as const;

  test('masks the resident, or names nobody when anonymous; helpers as the helper-name rule says', () => {
    expect(storyCardOf(story(), '杨建国', [helper], PUBLIC)).toMatchObject({ residentName: '杨**', helpers: ['张**'] });
    expect(storyCardOf(story({ anonymous: true }), '李桂英', [helper], PUBLIC)?.residentName).toBe('匿名居民');
    expect(storyCardOf(story(), '杨建国', [{ ...helper, showFullName: true }], PUBLIC)?.helpers).toEqual(['张晓东']);
    expect(storyCardOf(story(), '杨建国', [helper], secretary)?.helpers).toEqual(['张晓东']);
    expect(JSON.stringify(storyCardOf(story(), '杨建国', [helper], PUBLIC))).not.toContain('w1');
  });
  test('none unless published, and never for a sensitive category', () => {
    for (const status of StoryStates.filter((s) => s !== 'published')) expect(storyCardOf(story({ status }), 'x', [], PUBLIC)).toBeNull();
    expect(storyCardOf(story({ category: 'legal_aid' }), 'x', [], PUBLIC)).toBeNull();
    expect(isOnWall({ status: 'published', category: 'health' })).toBe(false);
  });
});

test('a month in China time: its window, and the months before a date', () => {
  expect(chinaMonthRange('2026-12')).toEqual({ from: '2026-12-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' });
  expect(chinaMonthRange('2026-02')).toEqual({ from: '2026-02-01T00:00:00+08:00', to: '2026-03-01T00:00:00+08:00' });
  // 2026-11-30 20:00 UTC is already December 1st in Beijing.
  expect(recentChinaMonths(new Date('2026-11-30T20:00:00Z'), 3)).toEqual(['2026-12', '2026-11', '2026-10']);
  expect(recentChinaMonths(new Date('2026-01-15T00:00:00Z'), 2)).toEqual(['2026-01', '2025-12']);
});
