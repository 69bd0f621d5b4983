/**
 * The protobuf messages of every defined kind, derived from the one definition: field names and numbers
 * are Kubernetes' (carried on each field), types follow the JSON ones (a list is `repeated`, a map is
 * `map<string, V>`, a nested message is referenced by its full name, leaves name their wire type), and
 * the Go facts become field options the apiserver's converters read: `(ptr)`, `(keep)`, `(omitzero)`, `(struct)`,
 * and `(inline)` for an embedded struct, which JSON flattens but protobuf keeps as one field.
 * The apimachinery wire types the leaves name (Time, IntOrString, Quantity, ...) are not kinds: they
 * live in the apiserver's real .proto files.
 */
import type { TSchema } from '@sinclair/typebox';
import { EMBEDDED, FIELD, MESSAGE, WIRE, type Annotated, type FieldFacts } from './dsl';
import { KIND_DEFINITIONS, SHARED_BODY_DEFINITIONS } from './kinds';

/** A message name of a definition, or throws: every object in a definition is a named message. */
function messageName(schema: TSchema, where: string): string {
  const name = (schema as Annotated)[MESSAGE];
  if (name === undefined) throw new Error(`${where}: an object field must be a message(...)`);
  return name;
}

function isMap(schema: TSchema): boolean {
  return schema.type === 'object' && typeof schema.additionalProperties === 'object' && (schema as Annotated)[WIRE] === undefined;
}

/** The protobuf type of a leaf, a message, or a map value. */
function typeOf(schema: TSchema, where: string, visit: (s: TSchema) => void): string {
  const wire = (schema as Annotated)[WIRE];
  if (wire !== undefined) return wire;
  visit(schema);
  return `.${messageName(schema, where)}`;
}

function options(facts: FieldFacts, inline = false): string {
  const opts: string[] = [];
  if (facts.ptr) opts.push('(ptr) = true');
  if (facts.keep) opts.push('(keep) = true');
  if (facts.omitzero) opts.push('(omitzero) = true');
  if (facts.struct) opts.push('(struct) = true');
  if (inline) opts.push('(inline) = true');
  return opts.length === 0 ? '' : ` [${opts.join(', ')}]`;
}

function fieldLine(name: string, schema: TSchema, facts: FieldFacts, where: string, visit: (s: TSchema) => void): string {
  if (schema.type === 'array') {
    return `  repeated ${typeOf(schema.items as TSchema, where, visit)} ${name} = ${facts.proto}${options(facts)};`;
  }
  if (isMap(schema)) {
    return `  map<string, ${typeOf(schema.additionalProperties as TSchema, where, visit)}> ${name} = ${facts.proto}${options(facts)};`;
  }
  return `  optional ${typeOf(schema, where, visit)} ${name} = ${facts.proto}${options(facts)};`;
}

function messageText(schema: TSchema, visit: (s: TSchema) => void): string {
  const full = messageName(schema, 'definition');
  const lines: string[] = [];
  const embedded = new Set<string>();
  for (const [name, child] of Object.entries(schema.properties as Record<string, Annotated>)) {
    const where = `${full}.${name}`;
    const inline = child[EMBEDDED];
    if (inline !== undefined) {
      if (embedded.has(inline.field)) continue;
      embedded.add(inline.field);
      visit(inline.message);
      lines.push(`  optional .${messageName(inline.message, where)} ${inline.field} = ${inline.proto}${options({ proto: inline.proto }, true)};`);
      continue;
    }
    const facts = child[FIELD];
    if (facts === undefined) continue; // JSON-only (apiVersion, kind): protobuf's envelope carries them
    lines.push(fieldLine(name, child, facts, where, visit));
  }
  return `message ${full.slice(full.lastIndexOf('.') + 1)} {\n${lines.join('\n')}\n}`;
}

/**
 * One proto2 source per package, holding every message reachable from the defined kinds, in an order
 * stable across runs. Parse them all into one protobufjs Root (with the wire types) before resolving.
 */
export function protoSources(): string[] {
  const seen = new Set<string>();
  const byPackage = new Map<string, string[]>();
  const visit = (schema: TSchema): void => {
    const full = messageName(schema, 'definition');
    if (seen.has(full)) return;
    seen.add(full);
    const text = messageText(schema, visit);
    const pkg = full.slice(0, full.lastIndexOf('.'));
    const list = byPackage.get(pkg) ?? [];
    list.push(text);
    byPackage.set(pkg, list);
  };
  for (const def of [...KIND_DEFINITIONS, ...SHARED_BODY_DEFINITIONS]) visit(def);
  return [...byPackage.entries()].map(([pkg, messages]) => `syntax = "proto2";\n\npackage ${pkg};\n\n${messages.join('\n\n')}\n`);
}
