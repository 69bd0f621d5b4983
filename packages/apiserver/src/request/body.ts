/**
 * Reading and decoding request bodies: a hard size cap (3 MiB, as Kubernetes), JSON or YAML by
 * Content-Type, and a clear 4xx for anything else. Nothing is decoded lazily: a body either parses
 * completely here or the request fails before any storage work starts.
 */
import type { IncomingMessage } from 'node:http';
import YAML from 'yaml';
import { badRequest, tooLarge, unsupportedMediaType } from '../errors';
import { decodeProtobufObject, ProtobufDecodeError, ProtobufKindNotSupportedError, PROTOBUF_MEDIA_TYPE } from '../protobuf';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // drain so the connection can answer
    throw tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The media type without parameters, lower-cased ('' when absent). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

export type BodyFormat = 'json' | 'yaml' | 'protobuf';

export function bodyFormatFor(contentType: string | undefined): BodyFormat {
  const mt = mediaType(contentType);
  if (mt === '' || mt === 'application/json' || mt === '*/*') return 'json';
  if (mt === 'application/yaml' || mt === 'application/x-yaml' || mt === 'text/yaml') return 'yaml';
  // kubectl 1.32+ sends typed creates (create namespace/deployment/...) as protobuf.
  if (mt === PROTOBUF_MEDIA_TYPE) return 'protobuf';
  throw unsupportedMediaType(mt);
}

/** Parses a body that must be a single JSON/YAML object (a create, an update, a merge patch). */
export function decodeObject(raw: Buffer, format: BodyFormat): Record<string, unknown> {
  const value = decodeValue(raw, format);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`the request body must be a single ${format.toUpperCase()} object`);
  }
  return value as Record<string, unknown>;
}

export function decodeValue(raw: Buffer, format: BodyFormat): unknown {
  if (format === 'protobuf') {
    if (raw.length === 0) throw badRequest('the request body is empty');
    try {
      return decodeProtobufObject(raw);
    } catch (e) {
      if (e instanceof ProtobufKindNotSupportedError) throw unsupportedMediaType(`${PROTOBUF_MEDIA_TYPE} for ${e.kind}`);
      if (e instanceof ProtobufDecodeError) throw badRequest(`protobuf decode error: ${e.message}`);
      throw e;
    }
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') throw badRequest('the request body is empty');
  if (format === 'json') {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw badRequest(`json parse error: ${(e as Error).message}`);
    }
  }
  let docs: YAML.Document.Parsed[];
  try {
    docs = YAML.parseAllDocuments(text) as YAML.Document.Parsed[];
  } catch (e) {
    throw badRequest(`yaml parse error: ${(e as Error).message}`);
  }
  if (docs.length !== 1) throw badRequest(`yaml body must hold exactly one document, found ${docs.length}`);
  const [doc] = docs;
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    throw badRequest(`yaml parse error: ${err.message.split('\n')[0]}`);
  }
  return doc.toJS();
}
