// Every index is a SortedList: whatever order keys arrive in (ascending ObjectIds, the common case, or
// any other), it must hold them in order, duplicates included, and remove exactly what is asked.
import fc from 'fast-check';
import { SortedList } from '../../server/db/index/sortedList';

const ops = fc.array(fc.oneof(fc.record({ add: fc.integer({ min: -50, max: 50 }) }), fc.record({ remove: fc.integer({ min: -50, max: 50 }) })), { maxLength: 3000 });

function check(sequence: ({ add: number } | { remove: number })[]): void {
  const list = new SortedList<number>((a, b) => a - b);
  const model: number[] = [];
  for (const op of sequence) {
    if ('add' in op) {
      list.insert(op.add);
      model.push(op.add);
      model.sort((a, b) => a - b);
    } else {
      const i = model.indexOf(op.remove);
      expect(list.remove(op.remove)).toBe(i >= 0);
      if (i >= 0) model.splice(i, 1);
    }
  }
  expect([...list.all()]).toEqual(model);
  expect(list.size).toBe(model.length);
  expect([...list.from((x) => x >= 0)]).toEqual(model.filter((x) => x >= 0));
  expect([...list.backFrom((x) => x <= 0)]).toEqual(model.filter((x) => x <= 0).reverse());
}

describe('an index list', () => {
  it('keeps keys in order whatever order they arrive in', () => {
    fc.assert(fc.property(ops, (sequence) => check(sequence)), { numRuns: 60 });
  });

  it('keeps ascending keys in order across many chunks, with repeats and removals among them', () => {
    const sequence: ({ add: number } | { remove: number })[] = [];
    for (let i = 0; i < 5000; i++) sequence.push({ add: Math.floor(i / 3) }); // each key three times, always at or past the last
    for (let i = 0; i < 5000; i += 7) sequence.push({ remove: Math.floor(i / 3) });
    for (let i = 0; i < 300; i++) sequence.push({ add: 2000 + i }, { add: 100 + i });
    check(sequence);
  });
});
