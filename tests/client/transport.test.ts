import { AppError, ErrorCodes } from '@shared/errors';
import { call } from '../../client/src/services/api';
import { ErrorMessages, OfflineError, fieldErrorsOf, messageOf } from '../../client/src/services/errors';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

describe('the transport', () => {
  it('posts to /api/fn/<fn> with the action and unwraps the data', async () => {
    const server = fakeServer({ 'stats.overview': () => ({ collected: 3 }) });
    await expect(call('stats', 'overview')).resolves.toEqual({ collected: 3 });
    expect(taroMock.requests[0]).toMatchObject({ url: '/api/fn/stats', method: 'POST', data: { action: 'overview', data: {} } });
    expect(server.calls[0].requestId).toBeUndefined();
  });

  it('gives every write a request id, and keeps one the caller passes for a retry', async () => {
    const server = fakeServer({ 'tasks.claim': () => ({}) });
    await call('tasks', 'claim', { wishId: 'w1' });
    await call('tasks', 'claim', { wishId: 'w1' }, { requestId: 'retry-key-123' });
    expect(server.calls[0].requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(server.calls[1].requestId).toBe('retry-key-123');
  });

  it('rejects with the typed error of a refusal', async () => {
    fakeServer({
      'dispatch.approve': () => {
        throw new AppError('FORBIDDEN', '只有社区工作人员可以审核');
      },
    });
    const err = await call('dispatch', 'approve', { wishId: 'w1' }).then(() => { throw new Error('expected a rejection'); }, (e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('FORBIDDEN');
    expect(messageOf(err)).toBe('只有社区工作人员可以审核');
  });

  it('turns a dead network into an offline error, not a server error', async () => {
    const server = fakeServer({});
    server.offline = true;
    await expect(call('wishes', 'mine')).rejects.toBeInstanceOf(OfflineError);
  });

  it('reads a proxy’s bare 413 as "too large"', async () => {
    taroMock.handler = () => ({ statusCode: 413, data: '<html>413</html>' });
    const err = await call('tasks', 'complete', { wishId: 'w1', note: 'x' }).then(() => { throw new Error('expected a rejection'); }, (e: AppError) => e);
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(messageOf(err)).toBe('内容太大了，请减少照片或文字后重试');
  });
});

describe('error messages', () => {
  it.each([...ErrorCodes])('%s has a Chinese sentence', (code) => {
    expect(ErrorMessages[code]).toMatch(/[\u4e00-\u9fff]/);
    expect(messageOf(new AppError(code, 'internal detail'))).toMatch(/[\u4e00-\u9fff]/);
  });

  it('maps field errors onto form fields, nested paths included', () => {
    const err = new AppError('VALIDATION_FAILED', 'x', {
      fields: [
        { path: 'location.coordinates.0', message: '经度应在 -180 到 180 之间' },
        { path: 'title', message: '不能为空' },
      ],
    });
    expect(fieldErrorsOf(err)).toEqual({ 'location.coordinates.0': '经度应在 -180 到 180 之间', location: '经度应在 -180 到 180 之间', title: '不能为空' });
  });
});
