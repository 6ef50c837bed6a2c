import net from 'node:net';
import { PassThrough, finished } from 'node:stream';
import { clientLeft } from '../../server/gateway';

/** The error a reply stream ends with when it is torn down before it finished, as a closed connection does. */
function prematureClose(): Promise<Error> {
  const body = new PassThrough();
  const ended = new Promise<Error>((resolve) => finished(body, (err) => resolve(err as Error)));
  body.destroy();
  return ended;
}

test('a reply cut short because the client closed the connection is not reported as an internal error', async () => {
  const gone = new net.Socket();
  gone.destroy();
  expect(clientLeft(await prematureClose(), { socket: gone })).toBe(true);
});

test('the same error while the client is still connected is ours, and is reported', async () => {
  const connected = { socket: { destroyed: false } };
  expect(clientLeft(await prematureClose(), connected)).toBe(false);
  expect(clientLeft(new Error('database exploded'), { socket: { destroyed: true } })).toBe(false);
});
