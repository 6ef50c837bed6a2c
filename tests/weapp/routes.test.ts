/**
 * @jest-environment jsdom
 */
// Every page a notification opens is a page of the compiled mini-program, and renders there.
import fs from 'node:fs';
import path from 'node:path';
import { NotificationTemplateKeys, type NotificationTemplateKey } from '@shared/notify/templates';
import { AllPages, noticeLink, pageOf } from '@shared/routes';
import { bootWeapp, type FunctionCall, type Reply } from './shim';

const dist = path.join(__dirname, '..', '..', 'dist', 'weapp');
if (!fs.existsSync(path.join(dist, 'app.json'))) {
  throw new Error('dist/weapp/app.json is missing: build the mini-program first (npm run build:weapp:local; npm test does it before jest).');
}

const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
const built = [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))];

const title = '陪同去卫生院打疫苗';
const wish = {
  id: 'w-note', communityId: 'c1', category: 'medical_trip', title, description: '腿脚不便，需要有人陪同', status: 'open',
  location: { type: 'Point', coordinates: [110.1146, 32.8094] }, helpersNeeded: 1, channel: 'miniprogram', anonymous: false, priority: 'normal',
  ownerId: 'u-res', createdBy: 'u-res', claims: [], createdAt: '2026-11-20T08:00:00+08:00', updatedAt: '2026-11-20T08:00:00+08:00', contactVisible: false,
};

/** A reply for whatever the opened page asks first: the wish, or empty lists. */
function answer(call: FunctionCall): Reply {
  if (call.fn === 'wishes' && call.action === 'detail') return { ok: true, data: { wish, events: [], actions: [], people: {}, relations: [] } };
  if (call.fn === 'org' && call.action === 'community') return { ok: true, data: { community: { id: 'c1', name: '狮子山社区', settings: {} }, town: null } };
  if (call.fn === 'stats' && call.action === 'overview') return { ok: true, data: { communityIds: ['c1'], collected: 0, byStatus: {}, avgRating: null } };
  return { ok: true, data: { items: [], rows: [] } };
}

/** Who receives each message: the role the page is opened as. */
const readerOf: Record<NotificationTemplateKey, string> = {
  wish_approved: 'resident', wish_rejected: 'resident', wish_claimed: 'resident', wish_completed: 'resident', rate_reminder: 'resident',
  wish_assigned: 'volunteer', nearby_wish: 'volunteer', wish_disputed: 'volunteer', lease_expired: 'volunteer', claim_recalled: 'volunteer',
  new_pending_wish: 'secretary', wish_escalated: 'secretary', wish_supervised: 'secretary', wish_nudged: 'volunteer', wish_waiting: 'secretary', join_requested: 'secretary', join_decided: 'resident',
  story_consent_requested: 'resident', story_consent_answered: 'secretary', helper_withdrawn: 'resident', work_returned: 'secretary',
  activity_changed: 'volunteer', activity_cancelled: 'volunteer',
};

describe('notification links in the compiled mini-program', () => {
  it('builds every page of the route table, and only those', () => {
    expect(new Set(built)).toEqual(new Set(AllPages));
  });

  it('opens the page of every notification, for the person it is sent to', async () => {
    const mp = bootWeapp(dist);
    mp.respondWith(answer);
    for (const template of NotificationTemplateKeys) {
      const link = noticeLink(template, wish.id);
      const [page, query = ''] = link.split('?');
      expect([template, built.includes(pageOf(link))]).toEqual([template, true]);
      const role = readerOf[template];
      mp.storage.clear();
      mp.storage.set('xy.token', 'routes');
      mp.storage.set('xy.session', { user: { id: `u-${role}`, name: '测试', memberships: [{ communityId: 'c1', roles: [role] }] }, activeRole: role });
      const opened = await mp.open(page, Object.fromEntries(new URLSearchParams(query)));
      const expected = query.includes('id=') ? title : '';
      await opened.until(() => opened.text().trim().length > 0 && opened.text().includes(expected), `${template} → ${link} renders`);
      opened.close();
    }
  });
});
