/** 集体活动's rules as a person running one would state them (shared/activities). */
import { activityState, attendanceRefusal, attendedHours, judgeCode, readCheckIn, stepRefusal, checkInPayload, CHECKIN_CODE_PERIOD_MS } from '@shared';

const at = (hhmm: string) => new Date(`2026-03-07T${hhmm}:00+08:00`);
const activity = { startAt: at('08:30'), endAt: at('11:30') };

describe('state by the clock', () => {
  test('报名中 before the start, 进行中 until the end, then 已结束; 已取消 whatever the time', () => {
    expect(activityState(activity, at('08:00'))).toBe('open');
    expect(activityState(activity, at('08:30'))).toBe('ongoing');
    expect(activityState(activity, at('11:30'))).toBe('ended');
    expect(activityState({ ...activity, cancelledAt: at('07:00') }, at('08:00'))).toBe('cancelled');
  });

  test('check-in opens 30 minutes before the start and closes at the end; check-out stays open two hours more', () => {
    expect(stepRefusal('checkIn', activity, at('07:59'))).toBe('活动开始前 30 分钟起才能签到');
    expect(stepRefusal('checkIn', activity, at('08:00'))).toBeNull();
    expect(stepRefusal('checkIn', activity, at('11:31'))).toBe('活动已结束，不能签到');
    expect(stepRefusal('checkOut', activity, at('13:30'))).toBeNull();
    expect(stepRefusal('checkOut', activity, at('13:31'))).toMatch(/签退已截止/);
    expect(stepRefusal('correct', activity, at('23:00'))).toBeNull();
    expect(stepRefusal('edit', activity, at('09:00'))).toBe('活动已开始，不能再修改');
    expect(stepRefusal('signUp', { ...activity, cancelledAt: at('07:00') }, at('07:30'))).toBe('活动已取消');
  });

  test('who may take which step, by where they stand', () => {
    expect(attendanceRefusal('signUp', 'none')).toBeNull();
    expect(attendanceRefusal('signUp', 'withdrawn')).toBeNull();
    expect(attendanceRefusal('signUp', 'signed_up')).toBe('您已报名');
    expect(attendanceRefusal('checkIn', 'none')).toBe('您还没有报名这个活动');
    expect(attendanceRefusal('checkOut', 'signed_up')).toBe('您已报名，还未签到');
    expect(attendanceRefusal('checkOut', 'checked_out')).toBe('您已签退，本次服务时长已记录');
    expect(attendanceRefusal('correct', 'checked_in')).toBeNull();
  });
});

describe('hours earned', () => {
  test('check-out minus check-in, clipped to the activity, to the nearest half hour', () => {
    expect(attendedHours(at('08:10'), at('11:45'), activity)).toBe(3); // early and late add nothing
    expect(attendedHours(at('09:00'), at('10:20'), activity)).toBe(1.5); // 80 minutes
    expect(attendedHours(at('09:00'), at('10:10'), activity)).toBe(1); // 70 minutes
    expect(attendedHours(at('09:00'), at('09:10'), activity)).toBe(0); // ten minutes earn nothing
    expect(attendedHours(at('07:00'), at('08:00'), activity)).toBe(0); // gone before it began
  });
});

describe('the rotating code', () => {
  const codes = (w: number) => String(w % 1_000_000).padStart(6, '0');
  const now = new Date(1_000_000 * CHECKIN_CODE_PERIOD_MS + 5_000);
  test("this minute's and the last minute's code are good; one of the last hour is expired; any other is wrong", () => {
    expect(judgeCode(codes(1_000_000), now, codes)).toBe('ok');
    expect(judgeCode(codes(999_999), now, codes)).toBe('ok');
    expect(judgeCode(codes(999_998), now, codes)).toBe('expired');
    expect(judgeCode(codes(999_940), now, codes)).toBe('expired');
    expect(judgeCode(codes(999_939), now, codes)).toBe('wrong');
    expect(judgeCode('123456', now, codes)).toBe('wrong');
  });

  test('a scan reads the QR payload; a typed code may carry spaces; anything else is not a code', () => {
    expect(readCheckIn(checkInPayload('act-1', '042917'))).toEqual({ activityId: 'act-1', code: '042917' });
    expect(readCheckIn(' 042 917 ')).toEqual({ code: '042917' });
    expect(readCheckIn('https://example.com')).toBeNull();
    expect(readCheckIn('12345')).toBeNull();
  });
});
