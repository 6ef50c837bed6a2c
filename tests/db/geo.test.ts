import { useMongo } from './harness';

const h = useMongo('geo');
const pt = (lng: number, lat: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });
const center = [114.06, 22.54];

beforeAll(async () => {
  const c = h.db.collection('places');
  await c.createIndex({ loc: '2dsphere' });
  // Points at increasing distance eastwards (0.001° of longitude ≈ 103 m at this latitude).
  await c.insertMany(
    [7, 1, 5, 3, 9, 0, 2, 8, 4, 6].map((k) => ({ k, kind: k % 2 ? 'odd' : 'even', loc: pt(center[0] + k * 0.001, center[1]) })),
  );
  await c.insertOne({ k: 100, kind: 'far', loc: pt(121.47, 31.23) }); // Shanghai
});

describe('2dsphere', () => {
  it('$near returns documents by increasing distance and honours $maxDistance in meters', async () => {
    const c = h.db.collection('places');
    const near = await c.find({ loc: { $near: { $geometry: pt(center[0], center[1]) } } }).toArray();
    expect(near.map((d) => d.k)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
    const within = await c.find({ loc: { $near: { $geometry: pt(center[0], center[1]), $maxDistance: 350 } } }).toArray();
    expect(within.map((d) => d.k)).toEqual([0, 1, 2, 3]);
    const filtered = await c.find({ kind: 'odd', loc: { $nearSphere: { $geometry: pt(center[0], center[1]), $minDistance: 250 } } }).limit(2).toArray();
    expect(filtered.map((d) => d.k)).toEqual([3, 5]);
  });

  it('$geoWithin with $centerSphere, $box, $polygon and $geometry', async () => {
    const c = h.db.collection('places');
    const r = 450 / 6378100;
    const sphere = await c.find({ loc: { $geoWithin: { $centerSphere: [center, r] } } }).toArray();
    expect(sphere.map((d) => d.k).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    const box = await c.find({ loc: { $geoWithin: { $box: [[center[0] + 0.0015, center[1] - 1], [center[0] + 0.0035, center[1] + 1]] } } }).toArray();
    expect(box.map((d) => d.k).sort()).toEqual([2, 3]);
    const poly = [[center[0] + 0.0055, center[1] - 0.01], [center[0] + 0.0075, center[1] - 0.01], [center[0] + 0.0075, center[1] + 0.01], [center[0] + 0.0055, center[1] + 0.01], [center[0] + 0.0055, center[1] - 0.01]];
    const legacy = await c.find({ loc: { $geoWithin: { $polygon: poly.slice(0, 4) } } }).toArray();
    expect(legacy.map((d) => d.k).sort()).toEqual([6, 7]);
    const geo = await c.find({ loc: { $geoWithin: { $geometry: { type: 'Polygon', coordinates: [poly] } } } }).toArray();
    expect(geo.map((d) => d.k).sort()).toEqual([6, 7]);
  });

  it('$geoNear as the first stage adds distances and sorts by them', async () => {
    const out = await h.db
      .collection('places')
      .aggregate([
        { $geoNear: { near: pt(center[0], center[1]), distanceField: 'dist', maxDistance: 520, query: { kind: 'even' } } },
        { $project: { _id: 0, k: 1, dist: 1 } },
      ])
      .toArray();
    expect(out.map((d) => d.k)).toEqual([0, 2, 4]);
    expect(out[0].dist).toBeCloseTo(0, 3);
    expect(out[1].dist).toBeGreaterThan(190);
    expect(out[1].dist).toBeLessThan(220);
    const limited = await h.db.collection('places').aggregate([{ $geoNear: { near: pt(121.4, 31.2), distanceField: 'd' } }, { $limit: 1 }]).toArray();
    expect(limited[0].k).toBe(100);
  });

  it('refuses $near where MongoDB does (countDocuments runs it inside $match)', async () => {
    await expect(h.db.collection('places').countDocuments({ loc: { $near: { $geometry: pt(center[0], center[1]) } } })).rejects.toBeInstanceOf(Error);
  });

  it('requires a geo index for $near', async () => {
    const c = h.db.collection('noindex');
    await c.insertOne({ loc: pt(0, 0) });
    await expect(c.find({ loc: { $near: { $geometry: pt(0, 0) } } }).toArray()).rejects.toMatchObject({ code: 291 });
  });

  it('keeps distance order over many points and after moves and deletes', async () => {
    const c = h.db.collection('cloud');
    await c.createIndex({ loc: '2dsphere' });
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const docs = Array.from({ length: 2000 }, (_, i) => ({ i, loc: pt(113.9 + rnd() * 0.4, 22.4 + rnd() * 0.3) }));
    await c.insertMany(docs);
    await c.deleteMany({ i: { $lt: 100 } });
    await c.updateMany({ i: { $gte: 100, $lt: 200 } }, { $set: { loc: pt(114.06, 22.54) } });
    const q = pt(114.06, 22.54);
    const got = await c.find({ loc: { $near: { $geometry: q } } }).limit(150).toArray();
    expect(got.slice(0, 100).every((d) => d.i >= 100 && d.i < 200)).toBe(true);
    const hav = (d: any) => {
      const [x, y] = d.loc.coordinates;
      const r = Math.PI / 180;
      const a = Math.sin(((y - 22.54) * r) / 2) ** 2 + Math.cos(22.54 * r) * Math.cos(y * r) * Math.sin(((x - 114.06) * r) / 2) ** 2;
      return 2 * Math.asin(Math.sqrt(a));
    };
    const dists = got.map(hav);
    for (let i = 1; i < dists.length; i++) expect(dists[i]).toBeGreaterThanOrEqual(dists[i - 1] - 1e-12);
    const all = (await c.find({}).toArray()).map(hav).sort((a, b) => a - b);
    expect(dists[149]).toBeCloseTo(all[149], 12);
  });

  it('ranks a document with several points once, by its nearest point, also after it moves', async () => {
    const c = h.db.collection('multi');
    await c.createIndex({ loc: '2dsphere' });
    const multi = (...xs: [number, number][]) => ({ type: 'MultiPoint', coordinates: xs });
    const rows = Array.from({ length: 400 }, (_, i) => ({ i, loc: pt(113.9905 + (i % 20) * 0.001, 31.2505 + Math.floor(i / 20) * 0.001) }));
    await c.insertMany([
      ...rows,
      // Two points in one cell far away and one right at the query point: it must come first, once.
      { i: 'far-and-near', loc: multi([114.2, 31.4], [114.2001, 31.4001], [114.0, 31.26]) },
      // Both points far: it must rank by the nearer of them.
      { i: 'two-far', loc: multi([114.3, 31.5], [114.004, 31.26]) },
    ]);
    const q = { type: 'Point', coordinates: [114.0, 31.26] };
    const ranked = async () => (await c.aggregate([{ $geoNear: { near: q, distanceField: 'd', spherical: true, key: 'loc' } }]).toArray()).map((x) => [x.i, x.d] as const);
    let got = await ranked();
    expect(got).toHaveLength(402);
    expect(new Set(got.map(([i]) => i)).size).toBe(402);
    expect(got[0]).toEqual(['far-and-near', 0]);
    const twoFar = got.find(([i]) => i === 'two-far')!;
    expect(twoFar[1]).toBeGreaterThan(370);
    expect(twoFar[1]).toBeLessThan(390);
    for (let k = 1; k < got.length; k++) expect(got[k][1]).toBeGreaterThanOrEqual(got[k - 1][1]);

    // Moved away entirely, then deleted: the index forgets every one of its points.
    await c.updateOne({ i: 'far-and-near' }, { $set: { loc: multi([115, 32], [115.0001, 32.0001]) } });
    got = await ranked();
    expect(got.find(([i]) => i === 'far-and-near')![1]).toBeGreaterThan(90_000);
    await c.deleteOne({ i: 'far-and-near' });
    got = await ranked();
    expect(got.map(([i]) => i)).not.toContain('far-and-near');
    expect(got).toHaveLength(401);
  });
});
