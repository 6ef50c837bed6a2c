/** A resubmitted wish waits from its resubmission, not from when it was first posted (issue 16 #14: it showed "8天前"). */
import { startRoomyTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startRoomyTestServer();
});
afterAll(() => server?.stop());

test('posting sets submittedAt; resubmitting after a rejection days later moves it, and the review queue carries it', async () => {
  const resident = await server.login('resident');
  const secretary = await server.login('secretary');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '想办个生日会' }));
  expect(wish.submittedAt).toBe(wish.createdAt);
  await secretary.ok('dispatch', 'reject', { wishId: wish.id, reason: '请写明需要什么帮助' });

  server.clock.advanceHours(8 * 24);
  const before = server.clock.now().getTime();
  const { wish: again } = await resident.ok('wishes', 'resubmit', { wishId: wish.id, description: '独居老人八十大寿，希望志愿者来陪老人过生日。' });
  expect(again.createdAt).toBe(wish.createdAt);
  expect(new Date(again.submittedAt).getTime()).toBeGreaterThanOrEqual(before);

  const queued = (await secretary.ok('dispatch', 'queue', {})).items.find((w: { id: string }) => w.id === wish.id);
  expect(queued.submittedAt).toBe(again.submittedAt);
});
