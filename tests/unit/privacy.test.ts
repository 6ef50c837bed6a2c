/**
 * DESIGN.md §7: phone numbers and exact addresses only for the resident, the
 * helper currently holding the work, and staff of that community; sensitive
 * categories never on the wall; anonymous residents stay anonymous.
 */
import fc from 'fast-check';
import {
  ANONYMOUS_NAME,
  Categories,
  canRead,
  isPublicOnWall,
  maskAddress,
  maskName,
  maskPhone,
  NEARBY_SOURCE_FIELDS,
  nearbyItemOf,
  viewOf,
  wallItemOf,
  type Viewer,
} from '@shared';
import { claimer, family, gridWorker, otherHelper, owner, secretary, townAdmin, unitAdmin, unitMember, volunteer } from './support/people';
import { baseWish, unitClaim, volunteerClaim } from './support/wishes';

describe('masking a phone number', () => {
  test('a mobile keeps its first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  test('a landline keeps its area code and last four digits, at least four stars between', () => {
    expect(maskPhone('0719-1234567')).toBe('0719-****4567');
    expect(maskPhone('0719-12345678')).toBe('0719-****5678');
  });

  test('never reveals the middle four digits of any mobile number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        const masked = maskPhone(phone);
        expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
        expect(masked).not.toContain(phone.slice(3, 7));
      }),
    );
  });

  test('never shows more than the last four digits after a landline area code', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^0\d{2,3}-\d{7,8}$/), (phone) => {
        const [area, number] = phone.split('-');
        const masked = maskPhone(phone);
        expect(masked.startsWith(`${area}-`)).toBe(true);
        const shown = masked.slice(area.length + 1).replace(/\*/g, '');
        expect(shown).toBe(number.slice(-4));
      }),
    );
  });
});

describe('masking an address', () => {
  test('keeps the compound, hides building, unit and room', () => {
    expect(maskAddress('桃源社区幸福小区3栋2单元501室')).toBe('桃源社区幸福小区****');
    expect(maskAddress('幸福小区三栋二单元')).toBe('幸福小区****');
    expect(maskAddress('城关镇解放路')).toBe('城关镇解放路');
  });

  test('a block letter goes with the building number it names (G5栋 is one of the G buildings)', () => {
    expect(maskAddress('桃源小区G5栋2单元301室')).toBe('桃源小区****');
    expect(maskAddress('花园新村AB12幢')).toBe('花园新村****');
    expect(maskAddress('CBD花园3栋')).toBe('CBD花园****');
  });

  test('never leaves a digit in what it shows', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (address) => {
        expect(maskAddress(address)).not.toMatch(/[0-9０-９]/);
      }),
    );
  });
});

describe('names', () => {
  test('a name shows its first character; an anonymous resident is 匿名居民', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张三', true)).toBe(ANONYMOUS_NAME);
  });
});

describe('who sees a resident\'s contact', () => {
  const claimedByVolunteer = baseWish({ status: 'claimed', claims: [volunteerClaim(claimer.userId)] });
  const exact = { contactPhone: '13812345678', address: '桃源社区幸福小区3栋2单元501室' };
  const masked = { contactPhone: '138****5678', address: '桃源社区幸福小区****' };

  test.each<[string, Viewer]>([
    ['the resident', owner],
    ['the family member it was posted for (时间银行)', family],
    ['the secretary', secretary],
    ['the grid worker of the grid', gridWorker],
    ['the volunteer holding the claim', claimer],
  ])('%s sees the exact phone and address', (_who, viewer) => {
    expect(viewOf(claimedByVolunteer, viewer)).toMatchObject({ ...exact, contactVisible: true });
  });

  test.each<[string, Viewer]>([
    ['another volunteer', volunteer],
    ['the town', townAdmin],
    ['the secretary of another community', { ...secretary, communityId: 'c2' }],
    ['the public', { kind: 'public' }],
  ])('%s sees them masked, and the location only to about 100 m', (_who, viewer) => {
    const view = viewOf(claimedByVolunteer, viewer);
    expect(view).toMatchObject({ ...masked, contactVisible: false });
    expect(view.location.coordinates).toEqual([113.982, 31.256]);
  });

  test('a helper sees the contact while holding the work, not after it is done', () => {
    const done = { ...claimedByVolunteer, status: 'done' as const };
    expect(viewOf(done, claimer)).toMatchObject({ ...masked, contactVisible: false });
  });

  test('the unit member handed a unit\'s claim, and the unit admin, see it', () => {
    const held = baseWish({ status: 'in_progress', claims: [unitClaim(1)] });
    expect(viewOf(held, unitMember).contactVisible).toBe(true);
    expect(viewOf(held, unitAdmin).contactVisible).toBe(true);
    expect(viewOf(held, otherHelper).contactVisible).toBe(false);
  });

  test('the family member a wish was posted for reads it as its owner does, even anonymous; another resident does not', () => {
    const forFamily = baseWish({ status: 'done', anonymous: true, paidHours: 2, claims: [volunteerClaim(claimer.userId, { startedAt: new Date(), completedAt: new Date() })] });
    expect(canRead(forFamily, family)).toBe(true);
    expect(viewOf(forFamily, family)).toMatchObject({ ...exact, contactVisible: true, ownerId: owner.userId, beneficiary: { userId: family.userId, name: '李桂英' } });
    const stranger = { ...family, userId: 'neighbour' };
    expect(canRead(forFamily, stranger)).toBe(false);
    // Posted for someone else, the same person is a stranger to it.
    expect(canRead(baseWish({ status: 'done', beneficiary: { userId: 'someone-else', name: '王奶奶' } }), family)).toBe(false);
  });

  test('a proxy beneficiary\'s name and phone are masked for others', () => {
    const proxied = baseWish({ status: 'open', channel: 'phone', beneficiary: { name: '李奶奶', phone: '13900001111' } });
    expect(viewOf(proxied, volunteer).beneficiary).toEqual({ name: '李**', phone: '139****1111' });
    expect(viewOf(proxied, secretary).beneficiary).toEqual({ name: '李奶奶', phone: '13900001111' });
  });

  test('volunteers may read a wish while it is open in the pool, not once someone holds it', () => {
    expect(canRead(baseWish({ status: 'open' }), volunteer)).toBe(true);
    expect(canRead(claimedByVolunteer, volunteer)).toBe(false);
    expect(canRead(claimedByVolunteer, claimer)).toBe(true);
    expect(canRead(claimedByVolunteer, townAdmin)).toBe(true);
    expect(canRead(claimedByVolunteer, { kind: 'public' })).toBe(false);
  });

  test('a nearby list item carries only masked contact', () => {
    const wish = baseWish({ status: 'open', helpersNeeded: 3, claims: [volunteerClaim(claimer.userId)] });
    const from = { type: 'Point' as const, coordinates: [wish.location.coordinates[0], wish.location.coordinates[1] + 0.0073] as [number, number] };
    const item = nearbyItemOf(wish, from);
    expect(item).toMatchObject({ distanceM: 800, slotsFree: 2, categoryLabel: '维修', ...masked });
  });

  test('a hall card and a wall card name the wish by its number, as every other screen does', () => {
    const from = { type: 'Point' as const, coordinates: [0, 0] as [number, number] };
    const open = baseWish({ status: 'open', number: 'TY-2026-0123' });
    expect(nearbyItemOf(open, from).number).toBe('TY-2026-0123');
    // What the hall reads from storage includes it (the store is asked for these fields only).
    expect(NEARBY_SOURCE_FIELDS).toContain('number');
    expect(wallItemOf({ ...open, status: 'confirmed' }, '张三')!.number).toBe('TY-2026-0123');
    // A wish from before numbers has none, and no empty one.
    expect('number' in nearbyItemOf(baseWish({ status: 'open' }), from)).toBe(false);
  });
});

describe('the public wall', () => {
  test('legal aid, mediation, medical trips and health never appear', () => {
    const hidden = Categories.filter((c) => !isPublicOnWall(c)).sort();
    expect(hidden).toEqual(['health', 'legal_aid', 'mediation', 'medical_trip']);
    for (const category of hidden) expect(wallItemOf(baseWish({ status: 'confirmed', category }), '张三')).toBeNull();
  });

  test('wishes not yet approved, rejected or cancelled are not on the wall', () => {
    for (const status of ['pending_review', 'rejected', 'cancelled'] as const) {
      expect(wallItemOf(baseWish({ status }), '张三')).toBeNull();
    }
  });

  test('a resident is shown by a masked name, or as 匿名居民, never with contact or place', () => {
    const rated = baseWish({ status: 'confirmed', rating: { stars: 5, comment: '谢谢', by: owner.userId, at: new Date() } });
    const item = wallItemOf(rated, '张三')!;
    expect(item).toMatchObject({ residentName: '张*', stars: 5, comment: '谢谢', categoryLabel: '维修' });
    expect(JSON.stringify(item)).not.toMatch(/1381234|501|3栋|113\.98/);
    expect(wallItemOf({ ...rated, anonymous: true }, '张三')!.residentName).toBe('匿名居民');
  });
});
