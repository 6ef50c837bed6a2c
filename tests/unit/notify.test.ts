/** Subscribe messages are cut to WeChat's field limits when composed, or WeChat refuses the whole send. */
import fc from 'fast-check';
import { NotificationTemplates, composeMessage, fieldTypeOf, formatTime, inboxTextOf, truncate } from '@shared';

describe('composing a subscribe message', () => {
  test('a long wish title is cut to 20 characters, ending in …', () => {
    const title = '帮独居的王奶奶把家里坏了很久的厨房水龙头和卫生间下水道一起修好';
    const data = composeMessage('wish_approved', { thing1: title, phrase2: '已通过', time3: new Date('2026-03-01T02:05:00Z') });
    expect(data.thing1.value).toHaveLength(20);
    expect(data.thing1.value.endsWith('…')).toBe(true);
    expect(title.startsWith(data.thing1.value.slice(0, 19))).toBe(true);
  });

  test('a phrase is at most 5 characters and a name at most 10', () => {
    const data = composeMessage('wish_claimed', { thing1: '修水管', name2: '县供电公司第一共产党员服务队', time3: '2026-03-01T02:05:00Z' });
    expect(Array.from(data.name2.value)).toHaveLength(10);
    expect(composeMessage('wish_escalated', { thing1: 'x', phrase2: '上报至镇街道办', time3: 0 }).phrase2.value).toBe('上报至镇…');
  });

  test('times are written the WeChat way, in China time', () => {
    expect(formatTime(new Date('2026-03-01T16:05:00Z'))).toBe('2026年3月2日 00:05');
    expect(composeMessage('wish_approved', { thing1: 'x', phrase2: '通过', time3: '2026-03-01T02:05:00Z' }).time3.value).toBe('2026年3月1日 10:05');
  });

  test('a character_string is cut to 32 without an ellipsis WeChat would refuse', () => {
    const data = composeMessage('nearby_wish', { thing1: 'x', thing2: 'y', character_string3: 'A'.repeat(40) });
    expect(data.character_string3.value).toBe('A'.repeat(32));
  });

  test('every field of the template is present, a missing one as —, and nothing else', () => {
    const data = composeMessage('wish_completed', { thing1: '修水管', extra: 'ignored' });
    expect(Object.keys(data)).toEqual(Object.keys(NotificationTemplates.wish_completed.fields));
    expect(data.name2.value).toBe('—');
  });

  test('no template field ever exceeds its limit, whatever the text', () => {
    const limits: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32 };
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(NotificationTemplates) as (keyof typeof NotificationTemplates)[])), fc.string({ maxLength: 80 }), (key, text) => {
        const fields = Object.keys(NotificationTemplates[key].fields);
        const data = composeMessage(key, Object.fromEntries(fields.map((f) => [f, fieldTypeOf(f) === 'time' ? new Date(0) : text])));
        for (const f of fields) {
          const max = limits[fieldTypeOf(f)];
          if (max !== undefined) expect(Array.from(data[f].value).length).toBeLessThanOrEqual(max);
        }
      }),
    );
  });

  test('the inbox says each message as a sentence, with the whole title (not cut to WeChat\'s 20 characters)', () => {
    const title = '厨房水管漏水已经三天了想请师傅上门看看';
    expect(inboxTextOf('wish_rejected', { thing1: title, thing2: '请补充具体楼层', time3: new Date('2026-03-01T02:05:00Z') })).toEqual({
      title: '心愿未通过审核',
      body: `您的心愿「${title}」没有通过审核，原因是：请补充具体楼层。您可以修改后重新提交。`,
    });
    expect(inboxTextOf('wish_claimed', { thing1: '修水管', name2: '张**', time3: '2026-03-01T02:05:00Z' }).body).toBe('张**认领了您的心愿「修水管」，会尽快联系您。');
    expect(inboxTextOf('nearby_wish', { thing1: '【紧急】老人摔倒', thing2: '幸福小区', character_string3: '紧急' }).body).toBe('附近有紧急心愿「老人摔倒」，在幸福小区，需要人帮忙。');
  });

  test('every template has a sentence, and a value left out leaves no dangling words or dashes', () => {
    for (const key of Object.keys(NotificationTemplates) as (keyof typeof NotificationTemplates)[]) {
      const first = Object.keys(NotificationTemplates[key].fields)[0];
      const { body } = inboxTextOf(key, { [first]: '修水管' });
      expect(body).toContain('修水管');
      expect(body).not.toMatch(/—|undefined|：。|「」/);
      expect(body.endsWith('。')).toBe(true);
    }
  });

  test('truncate leaves short text alone', () => {
    expect(truncate('修水管', 20)).toBe('修水管');
  });
});
