// The server reads each command without decoding the `$clusterTime` every driver gossips into it (one node
// has nothing to learn from it): the rest of the command must come out exactly as it was sent.
import fc from 'fast-check';
import { Binary, BSONRegExp, BSONSymbol, Code, DBRef, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, serialize, Timestamp, UUID } from 'bson';
import { withoutClusterTime } from '../../server/db/wire/messages';

const clusterTime = { clusterTime: new Timestamp({ t: 1796623901, i: 7 }), signature: { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) } };

/** One value of every BSON type a command may carry. */
const anyValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }).map((d) => new Double(d)),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
  fc.constant(new ObjectId()),
  fc.constant(new UUID()),
  fc.uint8Array({ maxLength: 40 }).map((b) => new Binary(b)),
  fc.record({ a: fc.integer(), b: fc.array(fc.string(), { maxLength: 3 }) }),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.tuple(fc.stringMatching(/^[a-z/]*$/), fc.constantFrom('', 'i', 'ims')).map(([p, o]) => new BSONRegExp(p, o)),
  fc.constant(Long.fromString('9007199254740993')),
  fc.constant(Decimal128.fromString('1.5')),
  fc.constant(new Timestamp({ t: 5, i: 6 })),
  fc.constant(new MinKey()),
  fc.constant(new MaxKey()),
  fc.constant(new Int32(-3)),
  fc.constant(new Code('x => x')),
  fc.constant(new Code('x => y', { y: 1 })),
  fc.constant(new BSONSymbol('sym')),
  fc.constant(new DBRef('c', new ObjectId())),
);

const fields = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z$][a-zA-Z]{0,8}$/), anyValue), { selector: ([k]) => k, maxLength: 8 }).map((kv) => kv.filter(([k]) => k !== '$clusterTime'));

describe('a command read without its $clusterTime', () => {
  it('is the same command, byte for byte, wherever the $clusterTime was and whatever came before it', () => {
    fc.assert(
      fc.property(fields, fc.nat(), (kv, at) => {
        const position = at % (kv.length + 1);
        const withTime = Object.fromEntries([...kv.slice(0, position), ['$clusterTime', clusterTime], ...kv.slice(position)]);
        const without = Object.fromEntries(kv);
        expect(withoutClusterTime(Buffer.from(serialize(withTime)))).toEqual(Buffer.from(serialize(without)));
      }),
      { numRuns: 300 },
    );
  });

  it('is left to the decoder when there is no $clusterTime, or it is not a document', () => {
    expect(withoutClusterTime(Buffer.from(serialize({ insert: 'c', documents: [{ _id: 1 }], $db: 'x' })))).toBeNull();
    expect(withoutClusterTime(Buffer.from(serialize({ ping: 1, $clusterTime: 'not a document' })))).toBeNull();
  });

  it('is left to the decoder when the bytes before it do not add up', () => {
    const bytes = Buffer.from(serialize({ s: 'abc', $clusterTime: clusterTime }));
    bytes.writeInt32LE(1e6, 4 + 1 + 2); // the string claims to run past the end of the document
    expect(withoutClusterTime(bytes)).toBeNull();
  });
});
