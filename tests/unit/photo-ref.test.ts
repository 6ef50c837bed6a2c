// Issue 11, L3: a photo reference is one of ours or nothing.
import { ActionSchemas } from '@shared';
import { PhotoRef } from '@shared/schemas/primitives';
import { User } from '@shared/schemas/user';

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
