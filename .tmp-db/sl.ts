import { SortedList } from '/work/main/server/db/index/sortedList';
const l = new SortedList<number>((a, b) => a - b);
const arr: number[] = [];
for (let i = 0; i < 5000; i++) { const v = Math.floor(Math.random() * 3000); l.insert(v); arr.push(v); }
for (let i = 0; i < 1000; i++) { const v = arr[i]; l.remove(v); arr.splice(arr.indexOf(v), 1); }
arr.sort((a, b) => a - b);
const all = [...l.all()];
console.log('all ok', JSON.stringify(all) === JSON.stringify(arr));
for (const b of [-1, 0, 5, 1500, 2999, 3000, 5000]) {
  const back = [...l.backFrom((x) => x <= b)];
  const exp = arr.filter((x) => x <= b).reverse();
  const fwd = [...l.from((x) => x >= b)];
  const expf = arr.filter((x) => x >= b);
  if (JSON.stringify(back) !== JSON.stringify(exp) || JSON.stringify(fwd) !== JSON.stringify(expf)) console.log('MISMATCH', b, back.length, exp.length);
}
console.log('done');
