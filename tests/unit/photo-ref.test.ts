// Issue 11, L3: a photo reference is one of ours or nothing.
import { ActionSchemas } from '@shared';
import { PhotoRef } from '@shared/schemas/primitives';
import { User } from '@shared/schemas/user';
import { storedRef } from '@shared/vocab/photoRefs';
import { filesSecretOf } from '../../server/config';
import { fileUrlSigner } from '../../server/fileUrls';

const sha = 'ab'.repeat(32);
const OURS = [`/files/${sha}.jpg`, `/files/${sha}.png`, `/files/${sha}.webp`, 'cloud://env/photos/a.jpg', 'cloud://prod-4g1x.7072-prod-4g1x-1319000000/wishes/65f1c2a9b3e4d5f6a7b8c9d0/1764979200000-0.jpg'];
const FOREIGN = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)//.jpg',
  'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
  'https://track.example.com/pixel.gif?u=13812345678',
  'http://192.168.1.1/a.jpg',
  '//evil.example/a.jpg',
  `/files/${sha}.svg`,
  `/files/${sha}.jpg?x=1`,
  '/files/../server/config.ts',
  `/files/${sha.slice(2)}.jpg`,
  'cloud://env/../../etc/passwd',
  'cloud://env/a/./b.jpg',
  'cloud://env//a.jpg',
  'cloud://env/a b.jpg',
  `cloud://env/${'a'.repeat(300)}.jpg`,
  ` /files/${sha}.jpg`,
  '$where',
  '',
];

describe('PhotoRef', () => {
  test.each(OURS)('accepts our own %s', (ref) => expect(PhotoRef.safeParse(ref).success).toBe(true));
  test.each(FOREIGN)('refuses %j', (ref) => expect(PhotoRef.safeParse(ref).success).toBe(false));

  test('every place a photo travels uses it: progress, complete and a user\'s avatar', () => {
    const wishId = '65f1c2a9b3e4d5f6a7b8c9d0';
    for (const ref of FOREIGN.slice(0, 6)) {
      expect(ActionSchemas.tasks.progress.safeParse({ wishId, note: '已上门', photos: [ref] }).success).toBe(false);
      expect(ActionSchemas.tasks.complete.safeParse({ wishId, note: '已修好', photos: [OURS[0], ref] }).success).toBe(false);
      expect(User.shape.avatarUrl.safeParse(ref).success).toBe(false);
    }
    expect(ActionSchemas.tasks.complete.safeParse({ wishId, note: '已修好', photos: OURS }).success).toBe(true);
  });
});

describe('a signed URL (server/fileUrls.ts) is for showing, not for storing', () => {
  const signer = fileUrlSigner(filesSecretOf({ tokenSecret: 't'.repeat(40) }));
  const now = new Date('2026-12-07T06:00:30Z');
  const signed = signer.sign(`/files/${sha}.jpg`, 'u-resident', now);

  test('a form sends back the stored reference: the signed URL is not taken as a photo, storedRef gives the reference', () => {
    expect(signed).toMatch(new RegExp(`^/files/${sha}\\.jpg\\?u=u-resident&exp=\\d+&sig=[0-9a-f]{64}$`));
    expect(PhotoRef.safeParse(signed).success).toBe(false);
    expect(storedRef(signed)).toBe(`/files/${sha}.jpg`);
    // Anything else is left as it is: a cloud fileID, or a query that is not our signature.
    expect(storedRef('cloud://env/photos/a.jpg')).toBe('cloud://env/photos/a.jpg');
    expect(storedRef(`/files/${sha}.jpg?x=1`)).toBe(`/files/${sha}.jpg?x=1`);
  });

  test('it lives an hour to an hour and a quarter, and is the same URL for a quarter hour (the browser keeps what it showed)', () => {
    const exp = Number(/exp=(\d+)/.exec(signed)![1]);
    const left = exp - now.getTime() / 1000;
    expect(left).toBeGreaterThanOrEqual(3600);
    expect(left).toBeLessThanOrEqual(4500);
    expect(signer.sign(`/files/${sha}.jpg`, 'u-resident', new Date(now.getTime() + 14 * 60_000))).toBe(signed);
    const q = (url: string) => Object.fromEntries(new URLSearchParams(url.split('?')[1]));
    expect(signer.check(`${sha}.jpg`, q(signed), new Date(exp * 1000 - 1000))).toBeNull();
    expect(signer.check(`${sha}.jpg`, q(signed), new Date(exp * 1000))).toBe('expired');
    expect(signer.check(`${sha}.png`, q(signed), now)).toBe('invalid');
    expect(signer.check(`${sha}.jpg`, {}, now)).toBe('missing');
    // Another key (FILES_SECRET set, or another deployment) does not honour it.
    expect(fileUrlSigner('k'.repeat(40)).check(`${sha}.jpg`, q(signed), now)).toBe('invalid');
  });
});
