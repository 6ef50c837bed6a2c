import { AppError, httpStatusOf } from '@shared/errors';
import { taroMock } from '../__mocks__/taro';

export type Route = (data: Record<string, unknown>, req: { requestId?: string; headers: Record<string, string> }) => unknown;

export interface FakeServer {
  /** Every function call the client made, in order: `wishes.create`, … */
  calls: { route: string; data: Record<string, unknown>; requestId?: string; authorization?: string }[];
  /** While true, the network is down: Taro.request rejects like `request:fail`. */
  offline: boolean;
}

/**
 * Points the Taro double's `request` at route handlers keyed `fn.action`, answering with
 * the envelope `{ ok: true, data }` / `{ ok: false, error: { code, message } }`. A handler throws AppError to refuse.
 */
export function fakeServer(routes: Record<string, Route>, auth: Record<string, Route> = {}): FakeServer {
  const server: FakeServer = { calls: [], offline: false };
  taroMock.handler = async (req) => {
    if (server.offline) throw new Error('request:fail');
    const headers = req.header ?? {};
    const fn = /\/api\/fn\/(\w+)$/.exec(req.url);
    const body = (req.data ?? {}) as { action?: string; data?: Record<string, unknown>; requestId?: string };
    const route = fn ? `${fn[1]}.${body.action}` : req.url.replace(/^.*\/api\//, '');
    const handler = fn ? routes[route] : auth[route];
    server.calls.push({ route, data: fn ? (body.data ?? {}) : (body as Record<string, unknown>), requestId: body.requestId, authorization: headers.Authorization });
    if (!handler) return { statusCode: 404, data: { ok: false, error: { code: 'NOT_FOUND', message: `no route ${route}` } } };
    try {
      const data = await handler(fn ? (body.data ?? {}) : (body as Record<string, unknown>), { requestId: body.requestId, headers });
      return { statusCode: 200, data: { ok: true, data } };
    } catch (err) {
      if (err instanceof AppError) return { statusCode: httpStatusOf(err.code), data: { ok: false, error: err.toBody() } };
      throw err;
    }
  };
  return server;
}

/** A wish as the server would send it, with sensible defaults. */
export function wishFixture(over: Record<string, unknown> = {}) {
  return {
    id: 'w1',
    category: 'medical_trip',
    title: '陪同去卫生院打疫苗',
    description: '腿脚不便，需要有人陪同',
    status: 'open',
    location: { type: 'Point', coordinates: [110.1146, 32.8094] },
    helpersNeeded: 1,
    contactPhone: '138****5678',
    claims: [],
    createdAt: '2026-11-20T08:00:00+08:00',
    ...over,
  };
}
