import net from 'node:net';
import { BSON, type Document } from 'mongodb';

/**
 * A socket-level proxy between the gateway and the database that injects faults at a chosen command: the tests'
 * fail points, until the embedded server has its own `configureFailPoint` (and for a real MongoDB, which has one only
 * with test commands enabled). It reads the client's wire messages (OP_MSG: the command is the first key of the body)
 * and passes everything else through untouched.
 */
export interface Command {
  /** `insert`, `findAndModify`, `commitTransaction`… */
  name: string;
  /** The collection, when the command names one. */
  collection?: string;
  body: Document;
}

/**
 * What happens at a matching command:
 * - `cut`: it reaches the database, the reply is lost and the connection closes (a network error after the write);
 * - `hang`: it reaches the database and nothing more comes back on that connection (a process frozen or killed there);
 * - `hold`: it never reaches the database, and nothing more comes back (a network that stops mid-request);
 * - `{ error }`: the database seems to answer with this error document; nothing reaches it.
 */
export type Fault = 'cut' | 'hang' | 'hold' | { error: Document };

interface Rule {
  match(c: Command): boolean;
  fault: Fault;
  left: number;
  fired(): void;
}

const OP_MSG = 2013;

interface Conn {
  client: net.Socket;
  server: net.Socket;
  /** Data from the client not yet a whole message. */
  pending: Buffer;
  /** hang/hold: nothing more passes either way. */
  dead: boolean;
  /** cut: the next reply is dropped and the connection closed. */
  cutOnReply: boolean;
}

export class FaultProxy {
  private readonly rules: Rule[] = [];
  private readonly conns = new Set<Conn>();
  private stalledUntil = 0;
  private stalled: (() => void)[] = [];
  private partitionedUntil = 0;
  /** Every command seen, in order (what a test can wait for). */
  readonly seen: Command[] = [];

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const box: { proxy?: FaultProxy } = {};
    const server = net.createServer((client) => box.proxy!.accept(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    box.proxy = new FaultProxy(server, (server.address() as net.AddressInfo).port);
    return box.proxy;
  }

  /** A URI for the driver: directly to the proxy, never to the member the database's hello names. */
  uri(dbName = ''): string {
    return `mongodb://127.0.0.1:${this.port}/${dbName}?directConnection=true`;
  }

  /** Injects `fault` at the next `times` commands matching; resolves when the first one is hit. */
  on(match: (c: Command) => boolean, fault: Fault, times = 1): Promise<Command> {
    return new Promise((resolve) => {
      let first: Command | undefined;
      this.rules.push({
        match: (c) => {
          const m = match(c);
          if (m && !first) first = c;
          return m;
        },
        fault,
        left: times,
        fired: () => resolve(first!),
      });
    });
  }

  /** Drops every fault not yet used up. */
  clear(): void {
    this.rules.length = 0;
  }

  /** Nothing passes either way for `ms` (a database or network that stalls), then everything does, in order. */
  stall(ms: number): void {
    this.stalledUntil = Date.now() + ms;
    setTimeout(() => this.unstall(), ms).unref();
  }

  /** Every connection drops, and new ones are refused for `ms`. */
  partition(ms: number): void {
    this.partitionedUntil = Date.now() + ms;
    for (const c of this.conns) this.drop(c);
  }

  async close(): Promise<void> {
    for (const c of this.conns) this.drop(c);
    this.unstall();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private unstall(): void {
    this.stalledUntil = 0;
    const waiting = this.stalled;
    this.stalled = [];
    for (const go of waiting) go();
  }

  /** Runs `go` now, or when a stall ends. */
  private pass(go: () => void): void {
    if (Date.now() < this.stalledUntil) this.stalled.push(go);
    else go();
  }

  private accept(client: net.Socket, target: { host: string; port: number }): void {
    if (Date.now() < this.partitionedUntil) {
      client.destroy();
      return;
    }
    const server = net.connect(target.port, target.host);
    const conn: Conn = { client, server, pending: Buffer.alloc(0), dead: false, cutOnReply: false };
    this.conns.add(conn);
    client.on('data', (data) => this.pass(() => this.fromClient(conn, data)));
    server.on('data', (data) => this.pass(() => this.fromServer(conn, data)));
    const end = () => this.drop(conn);
    for (const s of [client, server]) {
      s.on('error', end);
      s.on('close', end);
    }
  }

  private drop(conn: Conn): void {
    this.conns.delete(conn);
    conn.client.destroy();
    conn.server.destroy();
  }

  private fromServer(conn: Conn, data: Buffer): void {
    if (conn.dead) return;
    if (conn.cutOnReply) return this.drop(conn);
    conn.client.write(data);
  }

  private fromClient(conn: Conn, data: Buffer): void {
    if (conn.dead) return;
    conn.pending = Buffer.concat([conn.pending, data]);
    while (conn.pending.length >= 4) {
      const length = conn.pending.readInt32LE(0);
      if (conn.pending.length < length) return;
      const message = conn.pending.subarray(0, length);
      conn.pending = conn.pending.subarray(length);
      this.message(conn, message);
      if (conn.dead) return;
    }
  }

  private message(conn: Conn, message: Buffer): void {
    const command = commandOf(message);
    const rule = command && this.rules.find((r) => r.left > 0 && r.match(command));
    if (command) this.seen.push(command);
    if (!rule) {
      conn.server.write(message);
      return;
    }
    rule.left--;
    const { fault } = rule;
    if (fault === 'cut') {
      conn.server.write(message);
      conn.cutOnReply = true;
    } else if (fault === 'hang') {
      conn.server.write(message);
      conn.dead = true;
    } else if (fault === 'hold') {
      conn.dead = true;
    } else {
      conn.client.write(replyTo(message.readInt32LE(4), fault.error));
    }
    rule.fired();
  }
}

function commandOf(message: Buffer): Command | undefined {
  if (message.readInt32LE(12) !== OP_MSG) return undefined;
  // header (16) + flagBits (4), then sections; the body is the kind-0 section.
  let at = 20;
  while (at < message.length) {
    const kind = message[at];
    if (kind === 0) {
      const size = message.readInt32LE(at + 1);
      const body = BSON.deserialize(message.subarray(at + 1, at + 1 + size));
      const name = Object.keys(body)[0];
      const value = body[name];
      return { name, body, ...(typeof value === 'string' ? { collection: value } : {}) };
    }
    at += 1 + message.readInt32LE(at + 1);
  }
  return undefined;
}

/** An OP_MSG reply to request `responseTo` carrying `doc`. */
function replyTo(responseTo: number, doc: Document): Buffer {
  const body = BSON.serialize(doc);
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + body.length, 0);
  header.writeInt32LE(Math.floor(Math.random() * 2 ** 31), 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16);
  header.writeUInt8(0, 20);
  return Buffer.concat([header, body]);
}

/** The error a busy MongoDB gives a transaction that lost a race: the driver and our code retry it. */
export const WRITE_CONFLICT = {
  ok: 0,
  errmsg: 'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.',
  code: 112,
  codeName: 'WriteConflict',
  errorLabels: ['TransientTransactionError'],
};
