// Issue 11, L3 and L7 over HTTP: what a careless or hostile client sends is refused whole, and nothing changes.
import { startRoomyTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startRoomyTestServer();
});
afterAll(() => server?.stop());

async function claimedWish(title: string) {
  const resident = await server.login('resident');
  const volunteer = await server.login('volunteer');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title }));
  await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
  await volunteer.ok('tasks', 'claim', { wishId: wish.id });
  await volunteer.ok('tasks', 'start', { wishId: wish.id });
  return { wishId: wish.id as string, resident, volunteer };
}

describe('L7: hidden characters never reach a wish', () => {
  test.each([
    ['title', 'RLO', { title: '付款\u202e001 元' }],
    ['title', 'NUL', { title: '水管\u0000漏水' }],
    ['description', 'lone surrogate', { description: '需要帮忙\ud83d修理' }],
    ['address', 'isolate', { address: '桃源小区\u2067G5栋' }],
  ])('wishes.create refuses %s with %s, naming the field, and writes nothing', async (field, _what, over) => {
    const resident = await server.login('resident');
    const before = (await resident.ok('wishes', 'mine', {})).items.length;
    const reply = await resident.call('wishes', 'create', wishInput(over));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: field }] } } });
    expect((await resident.ok('wishes', 'mine', {})).items.length).toBe(before);
  });

  test('what is kept is NFC, trimmed, and multi-line only where a person writes paragraphs', async () => {
    const resident = await server.login('resident');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '  Cafe\u0301 门口的灯  ', description: '第一行\r\n第二行' }));
    expect(wish.title).toBe('Café 门口的灯');
    expect(wish.description).toBe('第一行\n第二行');
    expect((await resident.call('wishes', 'create', wishInput({ title: '第一行\n第二行' }))).status).toBe(400);
  });
});

describe('L3: a report\'s photos are ours or refused', () => {
  test.each([['javascript:alert(document.cookie)'], ['https://track.example.com/p.gif?u=1'], ['data:image/svg+xml,<svg onload=alert(1)>']])(
    'tasks.progress and tasks.complete refuse %s and the wish is unchanged',
    async (ref) => {
      const { wishId, volunteer } = await claimedWish('照片地址测试');
      const progress = await volunteer.call('tasks', 'progress', { wishId, note: '已上门', photos: [ref] });
      expect(progress.status).toBe(400);
      expect(progress.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'photos.0' }] } } });
      const complete = await volunteer.call('tasks', 'complete', { wishId, note: '已修好', photos: ['cloud://env/photos/ok.jpg', ref] });
      expect(complete.status).toBe(400);
      const detail = await volunteer.ok('wishes', 'detail', { wishId });
      expect(detail.wish.status).toBe('in_progress');
      expect(detail.events.map((e: { action: string }) => e.action)).not.toContain('progress');
    },
  );
});
