// MongoDB wire protocol framing: OP_MSG (2013) for everything modern, OP_QUERY (2004) only for the
// legacy hello a driver may open with, answered by OP_REPLY (1).
import { deserialize, serialize } from 'bson';
import { Doc } from '../index/values';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
const OP_MSG = 2013;

const FLAG_CHECKSUM = 1 << 0;
export const FLAG_MORE_TO_COME = 1 << 1;
export const FLAG_EXHAUST_ALLOWED = 1 << 16;

export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE = 48_000_000;
export const MAX_WRITE_BATCH_SIZE = 100_000;
/** Commands may exceed the document limit by this much for their own fields (as mongod allows). */
const COMMAND_OVERHEAD = 16 * 1024;

export const BSON_OPTIONS = { promoteLongs: true, promoteValues: true, promoteBuffers: false } as const;

export class ProtocolError extends Error {}

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

function readHeader(buf: Buffer): Header {
  return { length: buf.readInt32LE(0), requestId: buf.readInt32LE(4), responseTo: buf.readInt32LE(8), opCode: buf.readInt32LE(12) };
}

export interface Request {
  header: Header;
  kind: 'msg' | 'query';
  flags: number;
  command: Doc;
  /** OP_QUERY's collection name, e.g. "admin.$cmd". */
  fullCollectionName?: string;
  /** Set when the command body itself exceeds the BSON limit: answered with an error, not run. */
  tooLarge?: number;
}

function readDoc(buf: Buffer, offset: number, end: number): { doc: Doc; size: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`invalid document length ${size}`);
  const doc = deserialize(buf.subarray(offset, offset + size), BSON_OPTIONS) as Doc;
  return { doc, size };
}

function readCString(buf: Buffer, offset: number, end: number): { s: string; next: number } {
  const z = buf.indexOf(0, offset);
  if (z < 0 || z >= end) throw new ProtocolError('unterminated cstring');
  return { s: buf.toString('utf8', offset, z), next: z + 1 };
}

/** Parses one complete message (header included). Throws ProtocolError on anything malformed. */
export function parseMessage(buf: Buffer): Request {
  const header = readHeader(buf);
  const end = buf.length;
  if (header.opCode === OP_MSG) {
    const flags = buf.readUInt32LE(16);
    // Unknown required flag bits (0-15) must be rejected per the OP_MSG spec.
    if (flags & 0xfffc) throw new ProtocolError(`unsupported OP_MSG flag bits ${flags}`);
    const bodyEnd = flags & FLAG_CHECKSUM ? end - 4 : end;
    let off = 20;
    let command: Doc | null = null;
    let bodySize = 0;
    const sequences: [string, Doc[]][] = [];
    while (off < bodyEnd) {
      const kind = buf[off++];
      if (kind === 0) {
        if (command) throw new ProtocolError('OP_MSG with more than one body section');
        const { doc, size } = readDoc(buf, off, bodyEnd);
        command = doc;
        bodySize = size;
        off += size;
      } else if (kind === 1) {
        if (off + 4 > bodyEnd) throw new ProtocolError('truncated document sequence');
        const size = buf.readInt32LE(off);
        const secEnd = off + size;
        if (size < 5 || secEnd > bodyEnd) throw new ProtocolError('invalid document sequence length');
        const { s: id, next } = readCString(buf, off + 4, secEnd);
        const docs: Doc[] = [];
        let p = next;
        while (p < secEnd) {
          const { doc, size: ds } = readDoc(buf, p, secEnd);
          docs.push(doc);
          p += ds;
        }
        sequences.push([id, docs]);
        off = secEnd;
      } else {
        throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!command) throw new ProtocolError('OP_MSG without a body section');
    for (const [id, docs] of sequences) {
      if (command[id] !== undefined) throw new ProtocolError(`duplicate field ${id} in OP_MSG`);
      command[id] = docs;
    }
    const tooLarge = bodySize > MAX_BSON_OBJECT_SIZE + COMMAND_OVERHEAD ? bodySize : undefined;
    return { header, kind: 'msg', flags, command, tooLarge };
  }
  if (header.opCode === OP_QUERY) {
    const flags = buf.readInt32LE(16);
    const { s: fullCollectionName, next } = readCString(buf, 20, end);
    const { doc } = readDoc(buf, next + 8, end);
    // Drivers wrap the command as { $query: {...}, $readPreference } when talking to mongos.
    const command = doc.$query && typeof doc.$query === 'object' ? doc.$query : doc;
    return { header, kind: 'query', flags, command, fullCollectionName };
  }
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

let nextRequestId = 1;

/**
 * BSON elements, already encoded, that end a reply's document: the cluster time every reply carries is
 * written from bytes kept per clock tick instead of being serialised afresh for every reply. A symbol
 * key, so `serialize` never sees it; the encoders below append it.
 */
export const REPLY_TAIL = Symbol('replyTail');

/** A reply document, possibly ending with pre-encoded elements. */
export type Reply = Doc & { [REPLY_TAIL]?: Buffer };

/** Above this a reply's body is sent as it is, behind its header, rather than copied into one buffer. */
const COPY_LIMIT = 64 * 1024;

/**
 * One message: `head` (its header, filled in here apart from the document), then the reply document
 * with its tail. Small messages come back as one buffer; a large body is not copied again (the socket
 * writes the pieces together).
 */
function encodeReply(head: Buffer, doc: Reply): Buffer[] {
  const body = asBuffer(serialize(doc, { ignoreUndefined: true }));
  const tail = doc[REPLY_TAIL];
  const docLength = body.length + (tail ? tail.length : 0);
  const length = head.length + docLength;
  head.writeInt32LE(length, 0);
  head.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  if (!tail) {
    if (body.length > COPY_LIMIT) return [head, body];
    const out = Buffer.allocUnsafe(length);
    head.copy(out, 0);
    body.copy(out, head.length);
    return [out];
  }
  // The tail goes where the document's terminating 0 was; the document's length grows by it.
  body.writeInt32LE(docLength, 0);
  if (body.length > COPY_LIMIT) return [head, body.subarray(0, body.length - 1), Buffer.concat([tail, ZERO])];
  const out = Buffer.allocUnsafe(length);
  head.copy(out, 0);
  body.copy(out, head.length, 0, body.length - 1);
  tail.copy(out, head.length + body.length - 1);
  out[length - 1] = 0;
  return [out];
}
const ZERO = Buffer.from([0]);

/** bson types its output as a Uint8Array; a Buffer over the same bytes (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function encodeMsgReply(responseTo: number, doc: Reply, flags = 0): Buffer[] {
  const head = Buffer.allocUnsafe(21);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(OP_MSG, 12);
  head.writeUInt32LE(flags, 16);
  head[20] = 0; // section kind 0: the body
  return encodeReply(head, doc);
}

export function encodeOpReply(responseTo: number, doc: Reply): Buffer[] {
  const head = Buffer.allocUnsafe(36);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(OP_REPLY, 12);
  head.writeInt32LE(8, 16); // AwaitCapable
  head.writeBigInt64LE(0n, 20); // cursorId
  head.writeInt32LE(0, 28); // startingFrom
  head.writeInt32LE(1, 32); // numberReturned
  return encodeReply(head, doc);
}
