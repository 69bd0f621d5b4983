import type { Status } from '@tinykube/api';
import { encodeStatus, goJson, watchErrorEvent } from './status-body';

describe('Status bytes', () => {
  it('writes fields in metav1.Status order whatever order the object was built in', () => {
    const scrambled = {
      code: 409,
      details: { causes: [{ field: 'metadata.name', message: 'taken', reason: 'FieldValueDuplicate' }], kind: 'widgets', group: 'example.com', name: 'w' },
      reason: 'Conflict',
      message: 'busy',
      status: 'Failure',
      metadata: {},
      apiVersion: 'v1',
      kind: 'Status',
    } as Status;
    expect(encodeStatus(scrambled)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"busy","reason":"Conflict",' +
        '"details":{"name":"w","group":"example.com","kind":"widgets","causes":[{"reason":"FieldValueDuplicate","message":"taken","field":"metadata.name"}]},"code":409}\n',
    );
  });

  it('leaves out what Go omits when empty, but keeps an empty details object', () => {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: '', reason: 'NotFound', details: { name: '', group: '', kind: 'pods', causes: [], retryAfterSeconds: 0 }, code: 404 } as Status;
    expect(encodeStatus(status)).toBe('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"NotFound","details":{"kind":"pods"},"code":404}\n');
    const noDetails = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', details: {}, code: 404 } as Status;
    expect(encodeStatus(noDetails)).toContain('"details":{},"code":404}');
  });

  it("escapes as Go's encoding/json does", () => {
    expect(goJson({ m: 'a<b>&c\u2028d\u2029"e"\n' })).toBe('{"m":"a\\u003cb\\u003e\\u0026c\\u2028d\\u2029\\"e\\"\\n"}');
  });

  it('puts the Status of a watch ERROR event in the same order, without a line break', () => {
    const status = { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' } as Status;
    expect(watchErrorEvent(status)).toBe(
      '{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}',
    );
  });
});
