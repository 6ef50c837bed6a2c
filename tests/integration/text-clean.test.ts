// Issue 11, L7, for what was stored before the rule: the first start on an old database cleans it, once.
import { cleanStoredTexts, TEXT_CLEAN_MARK } from '../../cloudfunctions/_core/store/migrateText';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** A realised wish on the wall, its words as an old server let them in. */
async function oldWish(title: string, description: string, note: string) {
  const wishes = server.db.collection('wishes');
  const wish = await wishes.findOne({ status: 'confirmed', category: { $nin: ['legal_aid', 'mediation'] } });
  await wishes.updateOne({ _id: wish!._id }, { $set: { title, description, 'completion.note': note } });
  return wish!._id as unknown as string;
}

test('an override, a NUL and a lone surrogate stored before L7 are gone from the wall after a start, and nothing else changes', async () => {
  const wishId = await oldWish('付款\u202e001 元', '水管\u0000漏水\r\n第二行', '修好了\ud83d');
  const user = await server.db.collection('users').findOne({ _id: 'u-volunteer' as never });
  await server.db.collection('users').updateOne({ _id: 'u-volunteer' as never }, { $set: { name: '张\u2067晓东' } });
  await server.db.collection('meta').deleteOne({ _id: TEXT_CLEAN_MARK as never });
  const untouched = await server.db.collection('wishes').findOne({ _id: { $ne: wishId } as never });

  // Two documents change, the wish and the volunteer; everything already clean is left as it was.
  expect(await cleanStoredTexts(server.db)).toBe(2);

  const wish = await server.db.collection('wishes').findOne({ _id: wishId as never });
  expect(wish).toMatchObject({ title: '付款001 元', description: '水管漏水\n第二行', completion: { note: '修好了\ufffd' } });
  expect(await server.db.collection('users').findOne({ _id: 'u-volunteer' as never })).toEqual({ ...user, name: '张晓东' });
  expect(await server.db.collection('wishes').findOne({ _id: untouched!._id })).toEqual(untouched);
  const wall = await server.anonymous().ok('stats', 'wall', { communityId: 'com-taoyuan', limit: 50 });
  expect(JSON.stringify(wall)).not.toMatch(/[\u202e\u2067]|\\u0000/);

  // Marked done: the next start reads one document and changes nothing, even text written around the rules since.
  await server.db.collection('wishes').updateOne({ _id: wishId as never }, { $set: { title: '付款\u202e002 元' } });
  expect(await cleanStoredTexts(server.db)).toBe(0);
  expect((await server.db.collection('wishes').findOne({ _id: wishId as never }))!.title).toBe('付款\u202e002 元');
});
