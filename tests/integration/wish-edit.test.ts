/** A resident edits a wish while it waits for review, and only then (issue 16 #17). */
import { startRoomyTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startRoomyTestServer();
});
afterAll(() => server?.stop());

test('the owner edits a pending wish: the change is kept, an emptied field is cleared, and the timeline says so', async () => {
  const resident = await server.login('resident');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '阳台晾衣架坏了' }));
  expect((await resident.ok('wishes', 'detail', { wishId: wish.id })).actions).toContain('update');

  const { wish: edited } = await resident.ok('wishes', 'update', { wishId: wish.id, title: '阳台晾衣架卡住了', address: null });
  expect(edited).toMatchObject({ status: 'pending_review', title: '阳台晾衣架卡住了' });
  expect(edited.address).toBeUndefined();
  const detail = await resident.ok('wishes', 'detail', { wishId: wish.id });
  expect(detail.events.at(-1)).toMatchObject({ action: 'update', from: 'pending_review', to: 'pending_review' });
});

test('once approved the wish is no longer edited, and the refusal changes nothing', async () => {
  const resident = await server.login('resident');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '楼道灯不亮' }));
  await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
  expect((await resident.ok('wishes', 'detail', { wishId: wish.id })).actions).not.toContain('update');
  const refused = await resident.call('wishes', 'update', { wishId: wish.id, title: '改个标题' });
  expect([refused.status, refused.body]).toEqual([409, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'INVALID_TRANSITION' }) })]);
  expect((await resident.ok('wishes', 'detail', { wishId: wish.id })).wish.title).toBe('楼道灯不亮');
});

test("another resident cannot edit someone's pending wish", async () => {
  const { wish } = await (await server.login('resident')).ok('wishes', 'create', wishInput({ title: '门锁坏了' }));
  const other = await server.login('resident2');
  const refused = await other.call('wishes', 'update', { wishId: wish.id, title: '不是我的' });
  expect(refused.body.ok).toBe(false);
  expect([403, 404]).toContain(refused.status);
});
