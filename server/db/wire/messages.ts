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

/**
 * On a parsed command: the size in bytes of the largest document it arrived in (its body, or a document of
 * a sequence). Every document inside is at most that large, so a write need not measure one again when
 * this is well under the limit. A symbol: never serialised, never seen by key iteration.
 */
export const LARGEST_DOCUMENT = Symbol('largestDocument');

/** A command as parsed from a message. */
export type Command = Doc & { [LARGEST_DOCUMENT]?: number };

/** The first key of a command (its name), without building the list of all its keys. */
export function commandName(cmd: Doc): string {
  for (const k in cmd) return k;
  return '';
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

/** One document and its size in bytes; a command's body is decoded without its `$clusterTime` (see below). */
function readDoc(buf: Buffer, offset: number, end: number, isBody = false): { doc: Doc; size: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`invalid document length ${size}`);
  const bytes = buf.subarray(offset, offset + size);
  const doc = deserialize((isBody && withoutClusterTime(bytes)) || bytes, BSON_OPTIONS) as Doc;
  return { doc, size };
}

/** `$clusterTime` as the bytes of a BSON element name (with its terminating 0). */
const CLUSTER_TIME_NAME = Buffer.from('$clusterTime\0', 'latin1');

/** Bytes an element's value takes after its name, for the BSON types of fixed size (the rest say their own). */
const FIXED_VALUE_SIZE: Record<number, number> = { 0x01: 8, 0x06: 0, 0x07: 12, 0x08: 1, 0x09: 8, 0x0a: 0, 0x10: 4, 0x11: 8, 0x12: 8, 0x13: 16, 0x7f: 0, 0xff: 0 };

/**
 * The command body without its `$clusterTime` element, or null when it has none (or the bytes before it
 * do not add up: the body is then decoded whole, and the decoder says what is wrong). Every driver gossips
 * `$clusterTime` into every command; one node has no other member's time to learn from it, so nothing
 * reads it, and decoding it (a Timestamp, a nested signature with a Binary hash) was a measurable part
 * of each command's cost. Skipping it changes no answer.
 */
export function withoutClusterTime(body: Buffer): Buffer | null {
  const end = body.length - 1; // the document's terminating 0
  let p = 4;
  while (p < end) {
    const start = p;
    const type = body[p++];
    const nameEnd = body.indexOf(0, p);
    if (nameEnd < 0 || nameEnd >= end) return null;
    const isClusterTime = nameEnd - p === CLUSTER_TIME_NAME.length - 1 && body.compare(CLUSTER_TIME_NAME, 0, CLUSTER_TIME_NAME.length, p, nameEnd + 1) === 0;
    p = nameEnd + 1;
    let size = FIXED_VALUE_SIZE[type];
    if (size === undefined && type === 0x0b) {
      // regex: pattern and options, two cstrings
      const patternEnd = body.indexOf(0, p);
      const optionsEnd = patternEnd < 0 ? -1 : body.indexOf(0, patternEnd + 1);
      if (optionsEnd < 0) return null;
      size = optionsEnd + 1 - p;
    } else if (size === undefined) {
      if (p + 4 > end) return null;
      const n = body.readInt32LE(p);
      if (n < 0) return null;
      if (type === 0x02 || type === 0x0d || type === 0x0e) size = 4 + n; // string, code, symbol
      else if (type === 0x03 || type === 0x04 || type === 0x0f) size = n; // document, array, code with scope
      else if (type === 0x05) size = 5 + n; // binary: length, subtype, bytes
      else if (type === 0x0c) size = 4 + n + 12; // DBPointer: string, ObjectId
      else return null;
    }
    const next = p + size;
    if (next > end) return null;
    if (isClusterTime) {
      if (type !== 0x03) return null; // not a document: let the decoder see it as it is
      const out = Buffer.allocUnsafe(body.length - (next - start));
      body.copy(out, 0, 0, start);
      body.copy(out, start, next);
      out.writeInt32LE(out.length, 0);
      return out;
    }
    p = next;
  }
  return null;
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
    let largestSequenced = 0;
    const sequences: [string, Doc[]][] = [];
    while (off < bodyEnd) {
      const kind = buf[off++];
      if (kind === 0) {
        if (command) throw new ProtocolError('OP_MSG with more than one body section');
        const { doc, size } = readDoc(buf, off, bodyEnd, true);
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
          if (ds > largestSequenced) largestSequenced = ds;
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
    (command as Command)[LARGEST_DOCUMENT] = Math.max(bodySize, largestSequenced);
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
