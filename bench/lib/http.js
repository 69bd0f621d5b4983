'use strict';
/** Minimal HTTP helpers over node:http, so the client side of a benchmark costs as little as possible. */
const http = require('node:http');

class HttpStatusError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} answered ${status}: ${String(body).slice(0, 300)}`);
    this.name = 'HttpStatusError';
    this.status = status;
  }
}

/**
 * Sends one request and resolves with { status, body } (body as a string). Rejects on a network error
 * or, when `expect` is given, on any other status.
 */
function request(baseUrl, { method = 'GET', path, body, agent, expect, headers = {} }) {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        method,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        agent,
        headers: {
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (expect !== undefined && res.statusCode !== expect) reject(new HttpStatusError(method, path, res.statusCode, text));
          else resolve({ status: res.statusCode, body: text });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

async function getJson(baseUrl, path, agent) {
  const res = await request(baseUrl, { path, agent, expect: 200 });
  return JSON.parse(res.body);
}

/** Polls GET /readyz until it answers 200 or the deadline passes. */
async function waitReady(baseUrl, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('apiserver exited before it became ready');
    try {
      const res = await request(baseUrl, { path: '/readyz', agent: false });
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`apiserver at ${baseUrl} not ready after ${timeoutMs} ms (${last})`);
}

module.exports = { HttpStatusError, getJson, request, waitReady };
