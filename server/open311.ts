import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, GEOREPORT_V2, httpStatusOf, type Envelope, type ErrorBody } from '@shared';
import { ActionSchemas } from '@shared/actions';
import type { CloudFunction } from '../cloudfunctions/_core/routing/router';
import type { Runtime } from '../cloudfunctions/_core/runtime/types';

/**
 * Open311 GeoReport v2 over HTTP (docs/open311.md): the spec's URLs, parameters and reply shapes in front of the
 * `open311` cloud function, JSON only. Whatever a request gets wrong comes back as the spec's error list
 * `[{code, description}]` with the HTTP status of our error code: `errorReplyOf` is the one mapping.
 */

export const OPEN311_BASE = '/open311/v2';
/** When the service list last changed (discovery's `changeset`): move it with shared/open311's services. */
const CHANGESET = '2026-12-06T00:00:00Z';

export interface Open311Error {
  code: number;
  description: string;
}

/** Our error (one type, shared/errors.ts) as GeoReport's: the HTTP status is both the reply's status and `code`. */
export function errorReplyOf(error: ErrorBody): { status: number; body: Open311Error[] } {
  const status = httpStatusOf(error.code);
  return { status, body: [{ code: status, description: error.message }] };
}

type Action = keyof typeof ActionSchemas.open311;

/**
 * The spec's parameters an action takes, as the action's schema names them: anything else a client sends
 * (`attribute[...]`, `extensions`, a key on a read) is left out; an empty value is no value (GeoReport's
 * "Optional Arguments"); a parameter given twice is a comma list.
 */
function paramsOf(action: Action, given: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof given !== 'object' || given === null) return out;
  for (const key of Object.keys(ActionSchemas.open311[action].shape)) {
    if (!Object.prototype.hasOwnProperty.call(given, key)) continue;
    const raw = (given as Record<string, unknown>)[key];
    const value = Array.isArray(raw) ? raw.map(String).join(',') : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
    if (typeof value === 'string' && value.trim() !== '') out[key] = value;
  }
  return out;
}

export interface Open311Deps {
  functions: Record<string, CloudFunction>;
  runtime: Runtime;
  /** The gateway's own reading of framework errors (bad body, too large, rate limited) as our error. */
  envelopeOf(err: FastifyError): Envelope<never>;
}

/** Registered by the gateway in a context of its own: its error handler and form parser reach no other route. */
export async function open311Routes(app: FastifyInstance, d: Open311Deps): Promise<void> {
  const fail = (reply: FastifyReply, error: ErrorBody) => {
    const { status, body } = errorReplyOf(error);
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  };
  // Anyone may call a read; a post carries its api_key in the form, never a sign-in.
  const run = async (action: Action, data: Record<string, string>, requestId?: string) =>
    d.functions.open311({ action, data, ...(requestId ? { requestId } : {}) }, { identity: { kind: 'anonymous' }, runtime: d.runtime });
  const answer = async <T>(reply: FastifyReply, envelope: Envelope<unknown>, body: (data: T) => unknown, status = 200) =>
    envelope.ok ? reply.status(status).type('application/json; charset=utf-8').send(body(envelope.data as T)) : fail(reply, envelope.error);

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const envelope = d.envelopeOf(err);
    return fail(reply, envelope.ok ? new AppError('INTERNAL', '服务器开小差了').toBody() : envelope.error);
  });
  // GeoReport posts are forms (application/x-www-form-urlencoded); JSON is taken too.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get(`${OPEN311_BASE}/discovery.json`, async (req, reply) =>
    reply.type('application/json; charset=utf-8').send({
      changeset: CHANGESET,
      contact: '各社区的 jurisdiction_id 即社区编号；提交请求的 api_key 由社区书记签发',
      key_service: '社区书记在小程序“组织管理 → 社区设置 → 开放接口密钥”中签发和停用 api_key',
      endpoints: [{ specification: GEOREPORT_V2, url: `${req.protocol}://${req.host}${OPEN311_BASE}`, changeset: CHANGESET, type: 'production', formats: ['application/json'] }],
    }),
  );

  app.get(`${OPEN311_BASE}/services.json`, async (req, reply) =>
    answer<{ services: unknown[] }>(reply, await run('services', paramsOf('services', req.query)), (d) => d.services),
  );

  app.get(`${OPEN311_BASE}/requests.json`, async (req, reply) =>
    answer<{ requests: unknown[] }>(reply, await run('requests', paramsOf('requests', req.query)), (d) => d.requests),
  );

  app.get<{ Params: { id: string } }>(`${OPEN311_BASE}/requests/:id.json`, async (req, reply) => {
    const data = { ...paramsOf('request', req.query), service_request_id: req.params.id };
    return answer<{ request: unknown }>(reply, await run('request', data), (d) => [d.request]);
  });

  app.post(`${OPEN311_BASE}/requests.json`, async (req: FastifyRequest, reply) => {
    // Its own requestId: the wish, its first step and the key's use are written in one transaction.
    const envelope = await run('create', paramsOf('create', req.body), randomUUID());
    return answer<{ service_request_id: string; service_notice: string }>(reply, envelope, (d) => [d], 201);
  });

  // Anything else under the prefix (an .xml resource, a service definition: we serve none) is the spec's 404.
  app.route({ method: ['GET', 'POST'], url: `${OPEN311_BASE}/*`, handler: async (req, reply) =>
    fail(reply, new AppError('NOT_FOUND', req.url.split('?')[0].endsWith('.xml') ? '仅提供 JSON 格式（.json）' : '没有这个 Open311 接口').toBody()),
  });
}
