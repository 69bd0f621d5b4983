/**
 * Error bodies are byte-for-byte what kube-apiserver writes: metav1.Status fields in Go struct order,
 * omitempty fields absent (no `"group":""` for the core group), <, > and & escaped as Go's encoding/json
 * does, and the newline json.Encoder ends a body with. Some clients compare these bytes, so each case
 * checks the raw text, not parsed JSON. The expected strings are the shapes kube-apiserver answers with for
 * the same requests.
 */
import { apiRequest, startTestApiServer, type TestApiServer } from '@tinykube/testing';
import net from 'node:net';
import { configMap, deployment, pod } from './fixtures';

const cms = '/api/v1/namespaces/default/configmaps';
const FAILURE = '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",';

describe('Status bodies', () => {
  let api: TestApiServer;
  beforeAll(async () => {
    api = await startTestApiServer({ backend: 'memory', watchWindowSize: 5 });
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function expectBody(path: string, init: Parameters<typeof apiRequest>[2], code: number, body: string): Promise<void> {
    const res = await apiRequest(api.url, path, init);
    expect(res.status).toBe(code);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.text).toBe(body);
  }

  it('404 NotFound in the core group has no details.group', async () => {
    await expectBody(`${cms}/missing`, {}, 404, `${FAILURE}"message":"configmaps \\"missing\\" not found","reason":"NotFound","details":{"name":"missing","kind":"configmaps"},"code":404}\n`);
  });

  it('404 NotFound in a named group carries details.group', async () => {
    await expectBody(
      '/apis/apps/v1/namespaces/default/deployments/missing',
      {},
      404,
      `${FAILURE}"message":"deployments.apps \\"missing\\" not found","reason":"NotFound","details":{"name":"missing","group":"apps","kind":"deployments"},"code":404}\n`,
    );
  });

  it('409 AlreadyExists', async () => {
    expect((await apiRequest(api.url, cms, { method: 'POST', body: configMap('twice') })).status).toBe(201);
    await expectBody(cms, { method: 'POST', body: configMap('twice') }, 409, `${FAILURE}"message":"configmaps \\"twice\\" already exists","reason":"AlreadyExists","details":{"name":"twice","kind":"configmaps"},"code":409}\n`);
    const dep = deployment('twice');
    expect((await apiRequest(api.url, '/apis/apps/v1/namespaces/default/deployments', { method: 'POST', body: dep })).status).toBe(201);
    await expectBody(
      '/apis/apps/v1/namespaces/default/deployments',
      { method: 'POST', body: dep },
      409,
      `${FAILURE}"message":"deployments.apps \\"twice\\" already exists","reason":"AlreadyExists","details":{"name":"twice","group":"apps","kind":"deployments"},"code":409}\n`,
    );
  });

  it('422 Invalid with its causes (reason, message, field)', async () => {
    const why =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
      "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    await expectBody(
      cms,
      { method: 'POST', body: configMap('Not_Valid') },
      422,
      `${FAILURE}"message":"ConfigMap \\"Not_Valid\\" is invalid: metadata.name: Invalid value: \\"Not_Valid\\": ${why}","reason":"Invalid",` +
        `"details":{"name":"Not_Valid","kind":"ConfigMap","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \\"Not_Valid\\": ${why}","field":"metadata.name"}]},"code":422}\n`,
    );
  });

  it('410 Expired for a list at a compacted resourceVersion', async () => {
    const first = await apiRequest<{ metadata: { resourceVersion: string } }>(api.url, cms, { method: 'POST', body: configMap('old-rv') });
    const second = await apiRequest<{ metadata: { resourceVersion: string } }>(api.url, cms, { method: 'POST', body: configMap('new-rv') });
    await api.storage.compact(Number(second.body.metadata.resourceVersion));
    await expectBody(
      `${cms}?resourceVersion=${first.body.metadata.resourceVersion}&resourceVersionMatch=Exact`,
      {},
      410,
      `${FAILURE}"message":"The resourceVersion for the provided list is too old.","reason":"Expired","code":410}\n`,
    );
  });

  it('400 BadRequest names the parameter and escapes <, > and & as Go does', async () => {
    await expectBody(
      `${cms}?watch=${encodeURIComponent('<a&b>')}`,
      {},
      400,
      `${FAILURE}"message":"invalid watch \\"\\u003ca\\u0026b\\u003e\\": must be a boolean (true, false, 1, 0, t, f, True, False, TRUE or FALSE)","reason":"BadRequest","code":400}\n`,
    );
  });

  it('a watch ERROR event carries the same Status encoding, one event a line', async () => {
    for (let i = 0; i < 8; i++) await apiRequest(api.url, cms, { method: 'POST', body: configMap(`churn-${i}`) });
    const res = await fetch(`${api.url}${cms}?watch=true&resourceVersion=1`);
    const text = await res.text();
    expect(res.status).toBe(200);
    const lines = text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    const message = (JSON.parse(lines[0]) as { object: { message: string } }).object.message;
    expect(message).toMatch(/^too old resource version: 1 \(\d+\)$/);
    expect(lines[0]).toBe(`{"type":"ERROR","object":${FAILURE}"message":"${message}","reason":"Expired","code":410}}`);
  });

  it('a refused WebSocket upgrade answers with the same Status bytes', async () => {
    const { port } = new URL(api.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    let raw = '';
    socket.on('data', (d: Buffer) => (raw += d.toString('utf8')));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      `GET ${cms}/one HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGlueWt1YmUtc3RhdHVzLQ==\r\n\r\n`,
    );
    await closed;
    const [head, body] = raw.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(head).toContain('Content-Type: application/json');
    expect(body).toBe(`${FAILURE}"message":"only watches (GET ...?watch=true) can be upgraded to WebSocket","reason":"BadRequest","code":400}\n`);
  });

  it('a Success Status (pods/binding) is encoded the same way', async () => {
    const pods = '/api/v1/namespaces/default/pods';
    expect((await apiRequest(api.url, pods, { method: 'POST', body: pod('bound') })).status).toBe(201);
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-a' } };
    await expectBody(`${pods}/bound/binding`, { method: 'POST', body: binding }, 201, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}\n');
  });
});
