import { dutySlotText, onDutyAt } from '@shared';

describe('duty hours read as a person would say them', () => {
  test.each([
    [[1, 2, 3, 4, 5, 6, 7], '每天 07:00–22:00'],
    [[5, 1, 3, 2, 4], '周一至周五 07:00–22:00'],
    [[6, 7], '周六、周日 07:00–22:00'],
    [[1, 3], '周一、周三 07:00–22:00'],
    [[1, 2, 3, 5, 6, 7], '周一至周三、周五至周日 07:00–22:00'],
    [[1, 2, 4], '周一、周二、周四 07:00–22:00'],
  ])('days %j → %s', (days, text) => {
    expect(dutySlotText({ days, from: '07:00', to: '22:00' })).toBe(text);
  });
});

describe('who is on duty is decided on China’s wall clock', () => {
  const weekdayEvenings = { slots: [{ days: [1, 2, 3, 4, 5], from: '18:00', to: '21:30' }] };
  test('a Monday 19:00 in China is 11:00 UTC: on duty', () => {
    expect(onDutyAt(weekdayEvenings, new Date('2026-12-07T11:00:00Z'))).toBe(true);
  });
  test('the end of a slot is not inside it', () => {
    expect(onDutyAt(weekdayEvenings, new Date('2026-12-07T13:30:00Z'))).toBe(false);
  });
  test('Saturday evening is outside weekday hours', () => {
    expect(onDutyAt(weekdayEvenings, new Date('2026-12-05T11:00:00Z'))).toBe(false);
  });
  test('someone who set no hours can be reached any time', () => {
    expect(onDutyAt({ slots: [] }, new Date('2026-12-05T20:00:00Z'))).toBe(true);
  });
});
