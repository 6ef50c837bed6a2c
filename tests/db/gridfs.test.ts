import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket } from 'mongodb';
import { useMongo } from './harness';

/** What the server's photos need of GridFS (issue 15), as the driver's GridFSBucket does it. */
const h = useMongo('gridfs');

const bytes = Buffer.from(Array.from({ length: 10_500 }, (_, i) => (i * 7) % 256));
const read = async (stream: AsyncIterable<Buffer>) => {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p);
  return Buffer.concat(parts);
};

describe('GridFS through GridFSBucket', () => {
  const bucket = () => new GridFSBucket(h.db, { bucketName: 'pics', chunkSizeBytes: 1024 });

  it('stores a file as chunks with the driver\'s indexes, and reads it back whole', async () => {
    await pipeline(Readable.from([bytes]), bucket().openUploadStreamWithId('a.png' as never, 'a.png', { metadata: { contentType: 'image/png' } }));
    const files = await h.db.collection('pics.files').find().toArray();
    expect(files).toEqual([expect.objectContaining({ _id: 'a.png', length: bytes.length, chunkSize: 1024, filename: 'a.png', metadata: { contentType: 'image/png' } })]);
    expect(await h.db.collection('pics.chunks').countDocuments({ files_id: 'a.png' })).toBe(11);
    const chunkIndexes = await h.db.collection('pics.chunks').indexes();
    expect(chunkIndexes).toEqual(expect.arrayContaining([expect.objectContaining({ key: { files_id: 1, n: 1 }, unique: true })]));
    expect((await h.db.collection('pics.files').indexes()).map((i) => i.key)).toEqual(expect.arrayContaining([{ filename: 1, uploadDate: 1 }]));
    expect((await read(bucket().openDownloadStream('a.png' as never))).equals(bytes)).toBe(true);
  });

  it('reads byte ranges within a chunk, across chunks, and to the end', async () => {
    for (const [start, end] of [[10, 20], [1000, 3100], [0, 1024], [10_000, 10_500], [5000, 5001]]) {
      const got = await read(bucket().openDownloadStream('a.png' as never, { start, end }));
      expect({ start, end, equal: got.equals(bytes.subarray(start, end)) }).toEqual({ start, end, equal: true });
    }
  });

  it('refuses a second file with the same id at its first chunk (a twin upload)', async () => {
    const twin = pipeline(Readable.from([bytes]), bucket().openUploadStreamWithId('a.png' as never, 'a.png'));
    await expect(twin).rejects.toMatchObject({ code: 11000 });
    expect(await h.db.collection('pics.files').countDocuments({ _id: 'a.png' as never })).toBe(1);
  });

  it('deletes a file with its chunks; a missing file is an error', async () => {
    await bucket().delete('a.png' as never);
    expect(await h.db.collection('pics.files').countDocuments()).toBe(0);
    expect(await h.db.collection('pics.chunks').countDocuments()).toBe(0);
    await expect(bucket().delete('a.png' as never)).rejects.toThrow(/File not found/i);
    await expect(read(bucket().openDownloadStream('a.png' as never))).rejects.toThrow(/FileNotFound|file not found/i);
  });
});
