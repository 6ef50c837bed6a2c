import { useMongo } from './harness';

const h = useMongo('arraypaths');

/**
 * A dotted path through an array of documents reaches every document's value, and a leaf array both
 * whole and element by element. Each operator must see the same values, whether the filter stands
 * alone, sits inside `$or`, runs through an index or in an aggregation's `$match`.
 */
const docs = [
  { _id: 'photos', e: [{ p: [] }, { p: ['a', 'b'] }] },
  { _id: 'numbers', e: [{ p: [1, 5] }, { p: 3 }] },
  { _id: 'nested', e: [{ p: [[1, 2]] }] },
  { _id: 'plain', e: { p: [1, 5] } },
  { _id: 'deep', e: [{ f: [{ p: 2 }, { p: [7] }] }] },
];

const cases: [string, Record<string, unknown>, string[]][] = [
  ['$in through an array of documents', { 'e.p': { $in: ['b'] } }, ['photos']],
  ['$nin is $in negated', { 'e.p': { $nin: ['b'] } }, ['numbers', 'nested', 'plain', 'deep']],
  ['$in with a number', { 'e.p': { $in: [5] } }, ['numbers', 'plain']],
  ['$in with a pattern', { 'e.p': { $in: [/a/] } }, ['photos']],
  ['$in with a whole array', { 'e.p': { $in: [[1, 2]] } }, ['nested']],
  ['$gt', { 'e.p': { $gt: 4 } }, ['numbers', 'plain']],
  ['$gte', { 'e.p': { $gte: 5 } }, ['numbers', 'plain']],
  ['$lt, which looks into a leaf array one level only', { 'e.p': { $lt: 2 } }, ['numbers', 'plain']],
  ['$lte', { 'e.p': { $lte: 1 } }, ['numbers', 'plain']],
  ['$type', { 'e.p': { $type: 'string' } }, ['photos']],
  ['$all, each value matched anywhere on the path', { 'e.p': { $all: ['a', 'b'] } }, ['photos']],
  ['equality', { 'e.p': 'b' }, ['photos']],
  ['$ne', { 'e.p': { $ne: 3 } }, ['photos', 'nested', 'plain', 'deep']],
  ['$size', { 'e.p': { $size: 2 } }, ['photos', 'numbers', 'plain']],
  ['$in two arrays deep', { 'e.f.p': { $in: [7] } }, ['deep']],
  ['$gt two arrays deep', { 'e.f.p': { $gt: 6 } }, ['deep']],
];

const ids = (found: Record<string, unknown>[]) => found.map((d) => String(d._id)).sort();

describe('a query path through arrays reaches every value, as in MongoDB', () => {
  beforeAll(async () => {
    await h.db.collection('scan').insertMany(docs as any[]);
    const indexed = h.db.collection('indexed');
    await indexed.insertMany(docs as any[]);
    await indexed.createIndex({ 'e.p': 1 });
  });

  it.each(cases)('%s', async (_name, filter, expected) => {
    const want = [...expected].sort();
    expect(ids(await h.db.collection('scan').find(filter).toArray())).toEqual(want);
    expect(ids(await h.db.collection('scan').find({ $or: [filter, { never: 1 }] }).toArray())).toEqual(want);
    expect(ids(await h.db.collection('scan').aggregate([{ $match: filter }]).toArray())).toEqual(want);
    expect(ids(await h.db.collection('indexed').find(filter).toArray())).toEqual(want);
  });

  it('finds a wish by a photo of its second step inside $or (the photo sweep)', async () => {
    const wishes = h.db.collection('wishes');
    await wishes.insertOne({ _id: 'w1', events: [{ photos: [] }, { photos: ['a.jpg', 'b.jpg'] }], completion: { photos: ['a.jpg'] } } as any);
    await wishes.createIndex({ 'events.photos': 1 });
    const filter = { $or: [{ 'events.photos': { $in: ['b.jpg'] } }, { 'completion.photos': 'zz' }] };
    expect(ids(await wishes.find(filter).toArray())).toEqual(['w1']);
    expect(await wishes.countDocuments(filter)).toBe(1);
    expect(await wishes.countDocuments({ 'events.photos': { $nin: ['b.jpg'] } })).toBe(0);
  });

  it('matches $all against a single value as MongoDB does', async () => {
    const c = h.db.collection('single');
    await c.insertMany([{ _id: 's', tag: 'x' }, { _id: 'a', tag: ['x', 'y'] }, { _id: 'n', tag: 'y' }] as any[]);
    expect(ids(await c.find({ tag: { $all: ['x'] } }).toArray())).toEqual(['a', 's']);
  });
});
