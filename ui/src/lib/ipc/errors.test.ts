import { describe, expect, it } from 'vitest';
import { BackendError, toBackendError } from './errors';

describe('toBackendError', () => {
  it('keeps a BackendError as it is', () => {
    const error = new BackendError({
      code: 'NotFound',
      message: 'No such session',
      status: 404,
      requestId: 'req_1',
    });
    expect(toBackendError(error)).toBe(error);
  });

  it('keeps the code, status and request id of an IpcError value', () => {
    const error = toBackendError({
      code: 'RateLimited',
      message: 'Slow down',
      status: 429,
      requestId: 'req_2',
    });
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({
      code: 'RateLimited',
      message: 'Slow down',
      status: 429,
      requestId: 'req_2',
    });
  });

  it('reads the message of an Error, and anything else as text, as Internal', () => {
    expect(toBackendError(new Error('boom'))).toMatchObject({
      code: 'Internal',
      message: 'boom',
      status: null,
      requestId: null,
    });
    expect(toBackendError('not connected')).toMatchObject({
      code: 'Internal',
      message: 'not connected',
    });
    expect(toBackendError({ code: 1 }).message).toBe('[object Object]');
  });
});
