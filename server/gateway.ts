import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import { AppError, failure, httpStatusOf, type Envelope } from '@shared';
import type { CloudFunction } from '../cloudfunctions/_core/routing/router';
import type { Identity, Runtime } from '../cloudfunctions/_core/runtime/types';
import { checkAccess, registerAuth } from './auth';
import type { ServerConfig } from './config';
import { COUNT_WITHIN_MS, mongoRateLimitStore, withinMs } from './rateLimitStore';
import { labelsOf, REQUEST_ID, type Observability } from './observability';
import { overloadGuard } from './overload';
import type { Tokens } from './tokens';
import { uploadRoutes } from './uploads';
import { OPEN311_BASE, open311Routes } from './open311';

export interface GatewayDeps {
  config: ServerConfig;
  runtime: Runtime;
  tokens: Tokens;
  functions: Record<string, CloudFunction>;
  /** Request log lines and the /metrics registry of this process. */
  observability: Observability;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** How long closing waits for work still running past its deadline: a transaction's retries end well within it. */
const STOP_WAIT_MS = 15_000;

export interface GatewayRoute {
  method: string;
  url: string;
}
const routesByApp = new WeakMap<FastifyInstance, GatewayRoute[]>();
/** Every route the gateway serves, as registered (tests probe each one). */
export const routesOf = (app: FastifyInstance): GatewayRoute[] => [...(routesByApp.get(app) ?? [])];

/** The error code a reply carried, for its log line (the body is gone by then). */
const codes = new WeakMap<object, string>();

function send(reply: import('fastify').FastifyReply, envelope: Envelope<unknown>) {
  if (!envelope.ok) codes.set(reply.request, envelope.error.code);
  return reply.status(envelope.ok ? 200 : httpStatusOf(envelope.error.code)).send(envelope);
}

/**
 * Sent with every reply, JSON and h5 alike (issue 11, L6): no page of ours inside another site's frame,
 * no content-type guessing, no wish URL in another site's Referer; HSTS only when TLS is known to be in
 * front (BEHIND_TLS), since a browser keeps it for a year.
 */
export function securityHeaders(config: Pick<ServerConfig, 'behindTls'>): Record<string, string> {
  return {
    'x-frame-options': 'DENY',
    'content-security-policy': "frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(config.behindTls ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** What a request the HTTP parser can't read (a broken request line, oversized headers) gets: the envelope, on a closing socket. */
function clientErrorReply(err: NodeJS.ErrnoException, headers: Record<string, string>): string {
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify(failure(new AppError('VALIDATION_FAILED', tooLarge ? '请求头太大' : '无法解析的请求', { fields: [{ path: '', message: '无法解析的请求' }] })));
  const head = [
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * The client went away while its reply was being written, typically a compressed one streaming out as a screen is
 * closed mid-load: nobody is left to answer and nothing on our side failed, so it is no internal error to report.
 */
export function clientLeft(err: unknown, request: { socket?: { destroyed: boolean } | null }): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ERR_STREAM_PREMATURE_CLOSE' && request.socket?.destroyed === true;
}

/** Framework errors (bad JSON, body too large, rate limit) become the same envelope as ours, never a stack trace. */
function envelopeOf(err: FastifyError | AppError): Envelope<never> {
  if (err instanceof AppError) return failure(err);
  if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return failure(new AppError('PAYLOAD_TOO_LARGE', '请求内容太大'));
  if (err.statusCode === 429) return failure(new AppError('RATE_LIMITED', '请求太频繁，请稍后再试'));
  if (err.statusCode === 415) return failure(new AppError('VALIDATION_FAILED', '请以 JSON 格式提交', { fields: [{ path: '', message: '内容类型应为 application/json' }] }));
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return failure(new AppError('VALIDATION_FAILED', '请求格式不正确', { fields: [{ path: '', message: '无法解析的请求' }] }));
  }
  return failure(err);
}

/** The HTTP face of the cloud functions (every route is listed in server/README.md), the login routes and the h5 app. */
export async function buildGateway(d: GatewayDeps): Promise<FastifyInstance> {
  const headers = securityHeaders(d.config);
  const app = Fastify({
    bodyLimit: d.config.bodyLimitBytes,
    logger: false,
    trustProxy: d.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Refused before routing (a path that isn't valid percent-encoding): the same envelope as any 400.
    // Hooks don't run for it, so the headers are set here.
    frameworkErrors: (err, _req, reply) => send(reply.headers(headers), envelopeOf(err)),
    clientErrorHandler: (err, socket) => {
      if (socket.writable && (err as NodeJS.ErrnoException).code !== 'ECONNRESET') socket.end(clientErrorReply(err, headers));
      else socket.destroy();
    },
  });
  const routes: GatewayRoute[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  routesByApp.set(app, routes);
  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [name, value] of Object.entries(headers)) if (!reply.hasHeader(name)) reply.header(name, value);
    return payload;
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // Every route that waits on the database answers within a deadline, and only so many run at once (server/overload.ts).
  const overload = overloadGuard(d.config);
  // Closing waits for work its deadline answered but that still runs (server/main.ts closes the database after this).
  app.addHook('onClose', async () => overload.idle(STOP_WAIT_MS));
  app.addHook('onRoute', (route) => {
    if (!(route.url.startsWith('/api/') || route.url.startsWith(`${OPEN311_BASE}/`) || route.url === '/healthz')) return;
    // Replies built per request are compressed (below); the h5 files come compressed from the build.
    route.compress ??= {};
    const handler = route.handler;
    route.handler = function guarded(this: FastifyInstance, req, reply) {
      return overload.guard(async () => handler.call(this, req, reply));
    };
  });
  // After the reply is sent, so neither the log nor the metrics add to its latency.
  app.addHook('onResponse', async (req, reply) => {
    const fn = (req.params as { name?: string } | undefined)?.name;
    const body = req.body as { action?: unknown; requestId?: unknown } | undefined;
    const isFn = req.routeOptions.url === '/api/fn/:name';
    const clientRequestId = isFn && typeof body?.requestId === 'string' && REQUEST_ID.test(body.requestId) ? body.requestId : undefined;
    d.observability.record({
      requestId: req.id,
      ...(clientRequestId ? { clientRequestId } : {}),
      method: req.method,
      route: req.routeOptions.url ?? 'unmatched',
      ...labelsOf(isFn ? fn : undefined, body?.action),
      status: reply.statusCode,
      ...(codes.has(req) ? { code: codes.get(req) } : {}),
      ms: reply.elapsedTime,
    });
  });

  const bearer = (header?: string): string | null => {
    if (!header) return null;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError('UNAUTHENTICATED', '登录凭证格式不正确');
    return m[1];
  };
  /** The caller of a route handler: within the request's deadline like the rest of its work, since the sign-in may be read from the database. */
  const authenticate = async (header?: string) => {
    const token = bearer(header);
    return token ? checkAccess(d, token) : null;
  };

  /**
   * The demo's timer (cron.tick, with a chosen clock) is driven over HTTP by the tests and tools of this
   * machine: in local mode a caller of `cron` on the socket's own loopback is the system. The peer address,
   * never X-Forwarded-For; and not behind a proxy, whose forwarded calls would all come from loopback.
   */
  const drivesTimer = (fn: string, peer: string | undefined) =>
    fn === 'cron' && d.config.mode === 'local' && !d.config.trustProxy && LOOPBACK.has(peer ?? '');

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const envelope = envelopeOf(err);
    if (!envelope.ok && envelope.error.code === 'INTERNAL' && !clientLeft(err, req.raw)) console.error(JSON.stringify({ t: new Date().toISOString(), msg: 'internal error', requestId: req.id, error: String(err?.stack ?? err) }));
    return send(reply, envelope);
  });

  // A reply over a kilobyte (a list of wishes, a dashboard) goes compressed to a client that accepts it: on a phone's slow
  // network its bytes are most of the wait. Brotli at its fast setting (quality 4) costs the server a fraction of a
  // millisecond. Only the routes that build replies opt in (the onRoute hook above): the h5 files come precompressed
  // from the build and are sent as they are, never compressed per request. Request bodies are read as sent: nothing
  // is inflated past the body limit.
  await app.register(fastifyCompress, { global: false, encodings: ['br', 'gzip'], threshold: 1024, globalDecompression: false });

  await app.register(rateLimit, {
    max: d.config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Counted in the database: N gateway processes enforce one limit, not N.
    store: mongoRateLimitStore(d.runtime.repos.rateLimits),
    // A database that can't count doesn't refuse the request; the request itself then meets the database.
    skipOnError: true,
    // One budget per signed-in person, else per address. Keyed by the verified user, not the header:
    // a fresh junk or re-issued token per request must not buy a fresh budget. The address is the
    // socket's, or with TRUST_PROXY the one the trusted proxy saw (never a hop the client wrote).
    keyGenerator: async (req) => {
      // The signature alone names the person (no database read here, before the deadline starts): a revoked token still counts against its owner.
      const userId = await withinMs(Promise.resolve().then(async () => {
        const token = bearer(req.headers.authorization);
        return token ? (await d.tokens.verifyAccess(token)).userId : null;
      }), COUNT_WITHIN_MS).catch(() => null);
      return userId ? `user:${userId}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, ...failure(new AppError('RATE_LIMITED', `请求太频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`)) }),
  });

  app.get('/healthz', async () => {
    await d.runtime.repos.ping();
    return { ok: true, data: { status: 'ok', mode: d.config.mode } };
  });

  // Scraped by Prometheus straight from each gateway, not through the public proxy (docs/deploy.md).
  app.get('/metrics', { config: { rateLimit: false } }, async (_req, reply) => {
    return reply.type(d.observability.contentType).send(await d.observability.metrics());
  });

  registerAuth(app, { ...d, authenticate });
  // Checked before the body is read (a route hook, outside the handler's deadline): given a deadline of its own.
  const identify = async (header?: string) => (await overload.guard(() => authenticate(header)))?.userId ?? null;
  await app.register(uploadRoutes, { config: d.config, runtime: d.runtime, identify });

  app.post<{ Params: { name: string } }>('/api/fn/:name', async (req, reply) => {
    const fn = Object.prototype.hasOwnProperty.call(d.functions, req.params.name) ? d.functions[req.params.name] : undefined;
    if (!fn) return send(reply, failure(new AppError('NOT_FOUND', `没有名为 ${req.params.name} 的云函数`)));
    const claims = await authenticate(req.headers.authorization);
    const identity: Identity = drivesTimer(req.params.name, req.socket.remoteAddress)
      ? { kind: 'system' }
      : claims ? { kind: 'user', userId: claims.userId, sessionId: claims.sessionId } : { kind: 'anonymous' };
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return send(reply, failure(new AppError('VALIDATION_FAILED', '请求体应为 JSON 对象', { fields: [{ path: '', message: '应为对象' }] })));
    }
    return send(reply, await fn(body as never, { identity, runtime: d.runtime }));
  });

  // Open311 GeoReport v2 (docs/open311.md): in a context of its own, as its errors take the spec's shape.
  await app.register(open311Routes, { functions: d.functions, runtime: d.runtime, envelopeOf });

  const h5 = path.resolve(d.config.h5Dir);
  const hasH5 = fs.existsSync(path.join(h5, 'index.html'));
  if (hasH5) {
    await app.register(fastifyStatic, {
      root: h5,
      wildcard: false,
      index: ['index.html'],
      // The build writes a .br and a .gz beside each text file (client/config/precompress.ts): sent as the browser accepts, never compressed per request.
      preCompressed: true,
      // js/ and css/ names carry their content hash: a browser keeps them until a build changes the name. index.html is asked for again each time.
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('vary', 'accept-encoding');
        if (/[\\/](js|css)[\\/][^\\/]+\.[0-9a-f]{8}\.(js|css)(\.br|\.gz)?$/.test(file)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        else res.setHeader('cache-control', 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && hasH5 && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    return send(reply, failure(new AppError('NOT_FOUND', '接口不存在')));
  });
  return app;
}
