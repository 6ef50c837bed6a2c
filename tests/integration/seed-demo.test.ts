/** The seeded demo leaves room to try it: the demo resident can post several wishes on a fresh demo. */
import { startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

test('on a fresh demo the resident posts up to the daily limit, not one wish', async () => {
  const resident = await server.login('resident');
  const titles = ['楼道灯不亮了', '门口下水道堵了', '想找人陪老人散步', '阳台晾衣架坏了', '需要帮忙取快递'];
  for (const title of titles) {
    const r = await resident.call('wishes', 'create', wishInput({ title }));
    expect([title, r.status, r.body.ok ? 'ok' : r.body.error.message]).toEqual([title, 200, 'ok']);
  }
  const sixth = await resident.call('wishes', 'create', wishInput({ title: '再发一个' }));
  expect(sixth.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
});
