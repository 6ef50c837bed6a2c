import { effectiveTitle, emptyDraft, titleFromDescription } from '../../client/src/features/post/model';
import { Limits } from '@shared/schemas/primitives';

const elderDraft = (description: string) => ({ ...emptyDraft(), description });

describe('the title elder mode makes from what was said', () => {
  test('a first sentence that fits is the title, whole, without its full stop', () => {
    expect(effectiveTitle(elderDraft('本人72岁，行动不便，希望社区安排车辆接送去孝昌县妇幼保健院接种疫苗。家里没人。'), true)).toBe(
      '本人72岁，行动不便，希望社区安排车辆接送去孝昌县妇幼保健院接种疫苗',
    );
    expect(effectiveTitle(elderDraft('一个人在家，想有人陪我聊聊天'), true)).toBe('一个人在家，想有人陪我聊聊天');
  });

  test('a long sentence ends at its last pause that fits, never in the middle of a phrase', () => {
    const said = '家里卫生间的水龙头一直在滴水，晚上滴答滴答响得睡不着觉，老伴腿脚不好也没法自己去五金店买新的来换上';
    const title = titleFromDescription(said);
    expect(title).toBe('家里卫生间的水龙头一直在滴水，晚上滴答滴答响得睡不着觉');
    expect(title.length).toBeLessThanOrEqual(Limits.title);
  });

  test('only a sentence with no pause at all is shortened, and then says so', () => {
    const said = '希望社区能够安排一位懂电脑的志愿者每周六上午来家里教我用智能手机视频通话和网上缴纳水电燃气费用';
    const title = titleFromDescription(said);
    expect(title.endsWith('…')).toBe(true);
    expect(title.length).toBe(Limits.title);
  });

  test('a title the person typed is kept, and outside elder mode nothing is made up', () => {
    expect(effectiveTitle({ ...elderDraft('随便说说'), title: '修水管' }, true)).toBe('修水管');
    expect(effectiveTitle(elderDraft('随便说说'), false)).toBe('');
  });
});
