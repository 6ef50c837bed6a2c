// On-disk framing shared by the journal and snapshots: [u32 length][u32 crc32(payload)][BSON payload].
// A frame whose length or checksum does not add up marks the end of valid data (a torn write).
import { deserialize, serialize } from 'bson';
import { crc32 } from 'zlib';
import { Doc } from '../index/values';
import { BSON_OPTIONS } from './messages';

const FRAME_HEADER = 8;

export function encodeFrame(payload: Doc): Buffer {
  const body = serialize(payload);
  const head = Buffer.alloc(FRAME_HEADER);
  head.writeUInt32LE(body.length, 0);
  head.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([head, body]);
}

export interface ReadResult {
  frames: Doc[];
  /** Bytes of valid frames; anything after this is a torn or corrupt tail. */
  validBytes: number;
}

export function decodeFrames(buf: Buffer): ReadResult {
  const frames: Doc[] = [];
  let off = 0;
  while (off + FRAME_HEADER <= buf.length) {
    const len = buf.readUInt32LE(off);
    const sum = buf.readUInt32LE(off + 4);
    const end = off + FRAME_HEADER + len;
    if (len < 5 || end > buf.length) break;
    const body = buf.subarray(off + FRAME_HEADER, end);
    if (crc32(body) !== sum || body.readInt32LE(0) !== len) break;
    try {
      frames.push(deserialize(body, BSON_OPTIONS));
    } catch {
      break;
    }
    off = end;
  }
  return { frames, validBytes: off };
}
