/** 心愿编号 (issue 16): TY-2026-0123, declared once in shared/wishNumber and read back however it is typed. */
import fc from 'fast-check';
import {
  Community, NotificationTemplateKeys, NotificationTemplates, WISH_NUMBER_LABEL, WishNumber, communityCodeOf, composeMessage, derivedCommunityCode, fieldTypeOf,
  formatWishNumber, inboxTextOf, normalizeWishNumber, parseWishNumber, wishNumberValues, wishNumberYear,
} from '@shared';
import { COMMUNITIES } from '../../server/seedData';

describe('the number of a wish', () => {
  test('is the community’s code, the year and the sequence padded to four digits', () => {
    expect(formatWishNumber('TY', 2026, 123)).toBe('TY-2026-0123');
    expect(formatWishNumber('HYJ', 2026, 1)).toBe('HYJ-2026-0001');
    // The 10 000th of a year is not cut: a number is never shared.
    expect(formatWishNumber('TY', 2026, 10_000)).toBe('TY-2026-10000');
    expect(WishNumber.safeParse('TY-2026-10000').success).toBe(true);
    expect(WishNumber.safeParse('TY-2026-123').success).toBe(false);
  });

  test('is of the year in China: a wish posted at 00:30 on New Year’s Day in Beijing is the new year’s', () => {
    expect(wishNumberYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
    expect(wishNumberYear(new Date('2026-12-31T15:59:00Z'))).toBe(2026);
  });

  test('reads back however it was typed or heard: case, spaces, full-width dashes, zeros left out', () => {
    for (const typed of ['TY-2026-0123', 'ty-2026-0123', 'TY 2026 123', ' Ty－２０２６－０１２３ ', 'TY_2026_123', 'TY—2026—0123']) {
      expect(normalizeWishNumber(typed)).toBe('TY-2026-0123');
    }
    for (const junk of ['', 'TY', 'TY-26-0123', 'T-2026-0123', 'TYABC-2026-0123', 'TY-2026-0000', '桃源-2026-0123', 'TY-2026-0123-1']) {
      expect(parseWishNumber(junk)).toBeNull();
    }
  });

  test('any number formatted reads back as itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{2,4}$/), fc.integer({ min: 2000, max: 2999 }), fc.integer({ min: 1, max: 999_999 }), (code, year, seq) => {
        const n = formatWishNumber(code, year, seq);
        expect(parseWishNumber(n)).toEqual({ code, year, seq });
        expect(normalizeWishNumber(n.toLowerCase())).toBe(n);
        expect(WishNumber.safeParse(n).success).toBe(true);
      }),
    );
  });
});

describe('a community’s short code', () => {
  test('is declared with the community: two to four capital letters', () => {
    const valid = (code: string) => Community.shape.code.safeParse(code).success;
    expect(['TY', 'HYJ', 'SZSQ'].every(valid)).toBe(true);
    expect(['T', 'ty', 'TYABC', 'T1', '桃源'].some(valid)).toBe(false);
  });

  test('every seeded community declares a valid code of its own', () => {
    for (const c of COMMUNITIES) expect(Community.shape.code.safeParse(c.code).success).toBe(true);
    expect(new Set(COMMUNITIES.map((c) => c.code)).size).toBe(COMMUNITIES.length);
    expect(COMMUNITIES.find((c) => c._id === 'com-taoyuan')?.code).toBe('TY');
  });

  test('when missing (or not valid), is derived from the community’s id', () => {
    expect(derivedCommunityCode('com-taoyuan')).toBe('TAOY');
    expect(derivedCommunityCode('community_hy')).toBe('HY');
    expect(derivedCommunityCode('c1')).toBe('XY');
    expect(communityCodeOf({ _id: 'com-taoyuan', code: 'TY' })).toBe('TY');
    expect(communityCodeOf({ _id: 'com-taoyuan' })).toBe('TAOY');
    expect(communityCodeOf({ _id: 'com-taoyuan', code: 'ty!' })).toBe('TAOY');
    fc.assert(fc.property(fc.string(), (id) => expect(Community.shape.code.safeParse(derivedCommunityCode(id)).success).toBe(true)));
  });
});

describe('messages name the wish by its number', () => {
  test('the inbox says the number after the title in staff’s messages', () => {
    const values = { thing1: '修水管', phrase2: '维修', time3: '2026-03-01T02:05:00Z', wishNo: 'TY-2026-0123' };
    expect(inboxTextOf('new_pending_wish', values).body).toBe('有一个维修类的新心愿「修水管」（TY-2026-0123）等您审核。');
    expect(inboxTextOf('wish_escalated', { ...values, phrase2: '镇街' }).body).toContain('「修水管」（TY-2026-0123）');
    // A message of a wish from before numbers reads as it always did.
    expect(inboxTextOf('new_pending_wish', { ...values, wishNo: undefined }).body).toBe('有一个维修类的新心愿「修水管」等您审核。');
  });

  test('every subscribe message about a wish carries its number whole, in a character_string field', () => {
    const wishTemplates = NotificationTemplateKeys.filter((k) => NotificationTemplates[k].fields.thing1 === '心愿');
    expect(wishTemplates.length).toBeGreaterThan(10);
    for (const key of wishTemplates) {
      const fields = Object.entries(NotificationTemplates[key].fields).filter(([, label]) => label === WISH_NUMBER_LABEL).map(([field]) => field);
      expect({ key, fields: fields.map(fieldTypeOf) }).toEqual({ key, fields: ['character_string'] });
      // WeChat takes at most five fields in a subscribe message.
      expect(Object.keys(NotificationTemplates[key].fields).length).toBeLessThanOrEqual(5);
      const data = composeMessage(key, { thing1: '修水管', ...wishNumberValues({ number: 'TY-2026-0123' }) });
      expect(data[fields[0]].value).toBe('TY-2026-0123');
      // A wish from before numbers: a plain '-', since WeChat refuses anything but ASCII in that field (and the whole send with it).
      expect(composeMessage(key, { thing1: '修水管' })[fields[0]].value).toBe('-');
    }
  });

  test('a number as long as numbers get still fits the field uncut', () => {
    const longest = formatWishNumber('ABCD', 2026, 999_999_999);
    expect(composeMessage('wish_approved', { thing1: '修水管', ...wishNumberValues({ number: longest }) }).character_string4.value).toBe(longest);
  });
});
