import { startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

const servicesOf = async (wishId: string) => server.db.collection('services').find({ wishId }).toArray();

/** A wish the volunteer has finished (1.5 hours reported), waiting for the resident. */
async function doneWish(title: string) {
  const resident = await server.login('resident');
  const volunteer = await server.login('volunteer');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title }));
  await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
  await volunteer.ok('tasks', 'claim', { wishId: wish.id });
  await volunteer.ok('tasks', 'start', { wishId: wish.id });
  await volunteer.ok('tasks', 'complete', { wishId: wish.id, note: '已修好', hours: 1.5 });
  return { wishId: wish.id as string, resident, volunteer };
}

describe('dispute (有异议): the resident says the work is not done', () => {
  test('back to the helper with the reason; the first completion counts nothing; done again and confirmed counts once', async () => {
    const { wishId, resident, volunteer } = await doneWish('水龙头漏水');
    const secretary = await server.login('secretary');

    const disputed = await resident.ok('wishes', 'dispute', { wishId, reason: '水龙头还在滴水' });
    expect(disputed.wish.status).toBe('in_progress');
    expect(await servicesOf(wishId)).toEqual([]);

    // Told: the helper and the secretary, with the reason.
    for (const who of [volunteer, secretary]) {
      const inbox = await who.ok('notify', 'inbox', {});
      expect(inbox.items.find((m: any) => m.wishId === wishId && m.template === 'wish_disputed')).toBeDefined();
    }

    // Auto-confirm does not take it, however long it waits.
    server.clock.advanceHours(24 * 30);
    await server.anonymous().ok('cron', 'tick', {});
    expect((await resident.ok('wishes', 'detail', { wishId })).wish.status).toBe('in_progress');

    // The same helper finishes again (the claim stayed theirs), and the resident confirms.
    const again = await volunteer.ok('tasks', 'complete', { wishId, note: '已更换阀芯', hours: 2 });
    expect(again.wish.status).toBe('done');
    await resident.ok('wishes', 'confirm', { wishId });
    const services = await servicesOf(wishId);
    expect(services.map((s: any) => [s.userId, s.hours])).toEqual([[volunteer.user.id, 2]]);

    const detail = await resident.ok('wishes', 'detail', { wishId });
    expect(detail.wish.status).toBe('confirmed');
    expect(detail.events.map((e: any) => e.action)).toEqual(['create', 'approve', 'claim', 'start', 'complete', 'dispute', 'complete', 'confirm']);
    expect(detail.events[5]).toMatchObject({ from: 'done', to: 'in_progress', note: '水龙头还在滴水' });
  });

  test('only the resident may dispute; without a reason it is a 400 naming the field; neither changes anything', async () => {
    const { wishId, resident, volunteer } = await doneWish('楼道灯不亮');
    const before = await resident.ok('wishes', 'detail', { wishId });

    const byHelper = await volunteer.call('wishes', 'dispute', { wishId, reason: '没做完' });
    expect(byHelper.status).toBe(403);
    const byStranger = await (await server.login('resident2')).call('wishes', 'dispute', { wishId, reason: '没做完' });
    expect([403, 404]).toContain(byStranger.status);

    const noReason = await resident.call('wishes', 'dispute', { wishId });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify((noReason.body as any).error.details)).toContain('reason');

    const after = await resident.ok('wishes', 'detail', { wishId });
    expect(after.wish.status).toBe('done');
    expect(after.events).toHaveLength(before.events.length);
    expect(await servicesOf(wishId)).toHaveLength(1);
  });
});
