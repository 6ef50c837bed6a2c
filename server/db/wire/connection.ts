// One client socket: frames messages, runs them one at a time, and closes itself (only itself) on
// anything malformed.
import { Socket } from 'net';
import type { FailAction } from '../commands/failPoints';
import { Doc } from '../index/values';
import {
  commandName,
  encodeMsgReply,
  encodeOpReply,
  FLAG_EXHAUST_ALLOWED,
  FLAG_MORE_TO_COME,
  MAX_MESSAGE_SIZE,
  OP_COMPRESSED,
  parseMessage,
  ProtocolError,
  Reply,
  Request,
} from './messages';

export interface CommandRunner {
  /** The reply, or a promise of it when the command must wait (a journal flush). */
  run(cmd: Doc, db: string, connectionId: number, fail?: FailAction | null): Reply | Promise<Reply>;
  /** A configured fail point's verdict on this command (delay, disconnect, error), if it trips. */
  failAction?(cmd: Doc, connectionId: number): FailAction | null;
  /** Whether a client's topologyVersion is still ours (if not, an awaitable hello answers at once). */
  isCurrentTopology(topologyVersion: Doc): boolean;
}

const HEADER = 16;

export class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private queue: Buffer[] = [];
  private busy = false;
  private closed = false;
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly socket: Socket,
    readonly id: number,
    private readonly runner: CommandRunner,
    private readonly onClose: (c: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (d) => this.onData(d));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.socket.destroy();
    this.onClose(this);
  }

  private onData(data: Buffer): void {
    if (this.closed) return;
    this.chunks.push(data);
    this.buffered += data.length;
    while (this.buffered >= 4) {
      if (this.chunks[0].length < 4) this.chunks = [Buffer.concat(this.chunks)];
      const length = this.chunks[0].readInt32LE(0);
      // A hostile length must not make us buffer gigabytes or wait forever.
      if (length < HEADER + 5 || length > MAX_MESSAGE_SIZE) return this.close();
      // Concatenate only once the whole message is here: large messages arrive in many chunks.
      if (this.buffered < length) break;
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      if (all.length === length) {
        // The usual case (one request, one read): the chunk is the message, nothing is left over.
        this.queue.push(all);
        this.chunks = [];
        this.buffered = 0;
        break;
      }
      this.queue.push(all.subarray(0, length));
      const rest = all.subarray(length);
      this.chunks = [rest];
      this.buffered = rest.length;
    }
    this.pump();
  }

  /**
   * Runs queued messages in order. A command that needs no wait (no journal flush, sleep or fail-point
   * delay) is answered synchronously, without a promise: most are, and a promise chain per command was a
   * measurable part of each insert's cost. One that waits holds the queue until it is answered.
   */
  private pump(): void {
    if (this.busy) return;
    this.busy = true;
    while (this.queue.length && !this.closed) {
      const raw = this.queue.shift()!;
      let waiting: Promise<void> | void;
      try {
        if (raw.readInt32LE(12) === OP_COMPRESSED) throw new ProtocolError('compression was not negotiated');
        waiting = this.handle(parseMessage(raw));
      } catch {
        // Malformed, or a bug in one command: it costs this connection, never the server.
        this.busy = false;
        return this.close();
      }
      if (waiting) {
        waiting.then(
          () => {
            this.busy = false;
            this.pump();
          },
          () => {
            this.busy = false;
            this.close();
          },
        );
        return;
      }
    }
    this.busy = false;
  }

  /** Answers one request: synchronously, or (when it waits for something) with a promise of the answer sent. */
  private handle(req: Request): Promise<void> | void {
    const cmd = req.command;
    const name = commandName(cmd);
    const awaitable = (name === 'hello' || name === 'isMaster' || name === 'ismaster') && !!cmd.topologyVersion && cmd.maxAwaitTimeMS !== undefined;
    if (awaitable && this.runner.isCurrentTopology(cmd.topologyVersion)) {
      // Streaming monitoring: nothing ever changes in a one-node set, so answer after maxAwaitTimeMS.
      return this.after(Number(cmd.maxAwaitTimeMS), () => this.checkFailPoint(req, awaitable));
    }
    return this.checkFailPoint(req, awaitable);
  }

  private checkFailPoint(req: Request, awaitable: boolean): Promise<void> | void {
    const fail = req.tooLarge ? null : (this.runner.failAction?.(req.command, this.id) ?? null);
    if (fail?.blockMs) return this.after(fail.blockMs, () => this.runAndAnswer(req, awaitable, fail));
    return this.runAndAnswer(req, awaitable, fail);
  }

  /** Waits, then goes on unless the connection closed meanwhile. */
  private async after(ms: number, then: () => Promise<void> | void): Promise<void> {
    await this.sleep(ms);
    if (this.closed) return;
    return then();
  }

  private runAndAnswer(req: Request, awaitable: boolean, fail: FailAction | null): Promise<void> | void {
    if (fail?.closeConnection) return this.close();
    const cmd = req.command;
    if (req.tooLarge) {
      const size = req.tooLarge;
      return this.answer(req, { ok: 0, errmsg: `BSONObj size: ${size} (0x${size.toString(16)}) is invalid. Size must be between 0 and 16793600(16MB)`, code: 10334, codeName: 'BSONObjectTooLarge' }, awaitable, fail);
    }
    const db = req.kind === 'msg' ? String(cmd.$db ?? 'admin') : (req.fullCollectionName ?? 'admin.$cmd').split('.')[0];
    const reply = this.runner.run(cmd, db, this.id, fail);
    if (reply instanceof Promise) return reply.then((r) => this.answer(req, r, awaitable, fail));
    this.answer(req, reply, awaitable, fail);
  }

  private answer(req: Request, reply: Reply, awaitable: boolean, fail: FailAction | null): void {
    if (this.closed) return;
    if (fail?.closeAfter) return this.close();
    if (req.kind === 'query') {
      this.write(encodeOpReply(req.header.requestId, reply));
      return;
    }
    if (req.flags & FLAG_MORE_TO_COME) return; // unacknowledged write: the client wants no reply
    if (awaitable && req.flags & FLAG_EXHAUST_ALLOWED) {
      this.write(encodeMsgReply(req.header.requestId, reply, FLAG_MORE_TO_COME));
      this.streamHello(req, Number(req.command.maxAwaitTimeMS));
      return;
    }
    this.write(encodeMsgReply(req.header.requestId, reply));
  }

  /** Exhaust mode: keep sending hello replies, each to the previous one, until the socket closes. */
  private streamHello(req: Request, every: number): void {
    let responseTo = req.header.requestId;
    const tick = async () => {
      await this.sleep(every);
      if (this.closed) return;
      const reply = await this.runner.run(req.command, 'admin', this.id);
      if (this.closed) return;
      const msg = encodeMsgReply(responseTo, reply, FLAG_MORE_TO_COME);
      responseTo = msg[0].readInt32LE(4);
      this.write(msg);
      void tick();
    };
    void tick();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, Math.max(0, Math.min(ms, 60_000)));
      t.unref();
      this.timers.add(t);
      if (this.closed) {
        clearTimeout(t);
        resolve();
      }
    });
  }

  /** One message, in one buffer or (a large one, not copied into one) several written together. */
  private write(msg: Buffer[]): void {
    if (this.closed) return;
    if (msg.length === 1) {
      this.socket.write(msg[0]);
      return;
    }
    this.socket.cork();
    for (const b of msg) this.socket.write(b);
    this.socket.uncork();
  }
}
