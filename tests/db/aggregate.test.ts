import { useMongo } from './harness';

const h = useMongo('aggregate');

beforeAll(async () => {
  await h.db.collection('orders').insertMany([
    { _id: 1, user: 'u1', items: [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 1 }], total: 30, status: 'done' },
    { _id: 2, user: 'u2', items: [{ sku: 'a', qty: 1 }], total: 10, status: 'done' },
    { _id: 3, user: 'u1', items: [], total: 5, status: 'open' },
  ] as any[]);
  await h.db.collection('users').insertMany([
    { _id: 'u1', name: 'Ann' },
    { _id: 'u2', name: 'Bo' },
  ] as any[]);
});

describe('aggregate', () => {
  it('$match $group $sort $project $addFields', async () => {
    const out = await h.db
      .collection('orders')
      .aggregate([
        { $match: { status: 'done' } },
        { $group: { _id: '$user', spent: { $sum: '$total' }, n: { $sum: 1 } } },
        { $addFields: { big: { $gte: ['$spent', 20] } } },
        { $sort: { spent: -1 } },
        { $project: { _id: 0, user: '$_id', spent: 1, big: 1 } },
      ])
      .toArray();
    expect(out).toEqual([
      { spent: 30, big: true, user: 'u1' },
      { spent: 10, big: false, user: 'u2' },
    ]);
  });

  it('$unwind $lookup $count $skip $limit', async () => {
    const qty = await h.db
      .collection('orders')
      .aggregate([{ $unwind: '$items' }, { $group: { _id: '$items.sku', qty: { $sum: '$items.qty' } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(qty).toEqual([{ _id: 'a', qty: 3 }, { _id: 'b', qty: 1 }]);
    const joined = await h.db
      .collection('orders')
      .aggregate([{ $sort: { _id: 1 } }, { $skip: 1 }, { $limit: 1 }, { $lookup: { from: 'users', localField: 'user', foreignField: '_id', as: 'u' } }])
      .toArray();
    expect(joined).toHaveLength(1);
    expect(joined[0].u).toEqual([{ _id: 'u2', name: 'Bo' }]);
    const counted = await h.db.collection('orders').aggregate([{ $match: { total: { $gt: 6 } } }, { $count: 'n' }]).toArray();
    expect(counted).toEqual([{ n: 2 }]);
  });

  it('$facet runs sub-pipelines over the same input', async () => {
    const [f] = await h.db
      .collection('orders')
      .aggregate([{ $facet: { byStatus: [{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }], total: [{ $count: 'n' }] } }])
      .toArray();
    expect(f.byStatus).toEqual([{ _id: 'done', n: 2 }, { _id: 'open', n: 1 }]);
    expect(f.total).toEqual([{ n: 3 }]);
  });

  it('returns large results through getMore', async () => {
    const c = h.db.collection('bigagg');
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ i, g: i % 3 })));
    const out = await c.aggregate([{ $match: { g: 1 } }, { $project: { _id: 0, i: 1 } }], { batchSize: 7 }).toArray();
    expect(out).toHaveLength(100);
  });

  it('does not let pipelines modify stored documents', async () => {
    await h.db.collection('orders').aggregate([{ $unwind: '$items' }, { $set: { 'items.qty': 0 } }]).toArray();
    expect((await h.db.collection('orders').findOne({ _id: 1 as any }))!.items[0].qty).toBe(2);
  });
});

describe('aggregate across collections', () => {
  it('$lookup with a pipeline and let, and $unionWith', async () => {
    const out = await h.db
      .collection('users')
      .aggregate([
        { $sort: { _id: 1 } },
        { $lookup: { from: 'orders', let: { uid: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$user', '$$uid'] } } }, { $project: { _id: 0, total: 1 } }], as: 'orders' } },
        { $project: { _id: 1, totals: '$orders.total' } },
      ])
      .toArray();
    expect(out).toEqual([
      { _id: 'u1', totals: [30, 5] },
      { _id: 'u2', totals: [10] },
    ]);
    const union = await h.db.collection('users').aggregate([{ $project: { _id: 1 } }, { $unionWith: { coll: 'orders', pipeline: [{ $project: { _id: 1 } }] } }]).toArray();
    expect(union).toHaveLength(5);
  });

  it('$out writes the result into a collection', async () => {
    await h.db.collection('orders').aggregate([{ $match: { status: 'done' } }, { $project: { total: 1 } }, { $out: 'doneOrders' }]).toArray();
    expect(await h.db.collection('doneOrders').countDocuments()).toBe(2);
  });
});

describe('counting', () => {
  it('countDocuments honours filter, skip and limit, and counts an empty match as 0', async () => {
    const orders = h.db.collection('orders');
    expect(await orders.countDocuments({ user: 'u1' })).toBe(2);
    expect(await orders.countDocuments({ user: 'u1' }, { limit: 1 })).toBe(1);
    expect(await orders.countDocuments({}, { skip: 1 })).toBe(2);
    expect(await orders.countDocuments({}, { skip: 1, limit: 1 })).toBe(1);
    expect(await orders.countDocuments({ user: 'nobody' })).toBe(0);
    expect(await h.db.collection('never_written').countDocuments({})).toBe(0);
  });

  it('a group on a constant key counts the whole input into one document, and no input into none', async () => {
    const orders = h.db.collection('orders');
    expect(await orders.aggregate([{ $match: { status: 'done' } }, { $group: { _id: 'all', n: { $sum: 1 } } }]).toArray()).toEqual([{ _id: 'all', n: 2 }]);
    expect(await orders.aggregate([{ $group: { _id: null, orders: { $sum: 1 } } }]).toArray()).toEqual([{ _id: null, orders: 3 }]);
    expect(await orders.aggregate([{ $match: { status: 'lost' } }, { $group: { _id: 1, n: { $sum: 1 } } }]).toArray()).toEqual([]);
    // Not a plain count: left to the general pipeline.
    expect(await orders.aggregate([{ $match: { status: 'done' } }, { $group: { _id: 1, n: { $sum: 2 } } }]).toArray()).toEqual([{ _id: 1, n: 4 }]);
  });
});
