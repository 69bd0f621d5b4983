import type { ObjectMeta } from '../types/meta';
import type { FieldErrorType } from './errors';
import { configMap, namespace } from './fixtures';
import { validateCreate } from './index';

interface Case {
  name: string;
  kind?: string;
  metadata: ObjectMeta;
  namespaced?: boolean;
  field: string;
  type: FieldErrorType;
  message?: string;
}

const failing: Case[] = [
  { name: 'no name and no generateName', metadata: { namespace: 'default' }, field: 'metadata.name', type: 'FieldValueRequired', message: 'Required value: name or generateName is required' },
  { name: 'name not a DNS subdomain', metadata: { name: 'My_Config', namespace: 'default' }, field: 'metadata.name', type: 'FieldValueInvalid', message: 'Invalid value: "My_Config": a lowercase RFC 1123 subdomain' },
  { name: 'generateName not a prefix of a subdomain', metadata: { generateName: 'Web_', namespace: 'default' }, field: 'metadata.generateName', type: 'FieldValueInvalid' },
  { name: 'missing namespace for a namespaced kind', metadata: { name: 'cfg' }, field: 'metadata.namespace', type: 'FieldValueRequired' },
  { name: 'invalid namespace name', metadata: { name: 'cfg', namespace: 'Team A' }, field: 'metadata.namespace', type: 'FieldValueInvalid' },
  { name: 'namespace on a cluster-scoped kind', kind: 'Namespace', namespaced: false, metadata: { name: 'team-a', namespace: 'default' }, field: 'metadata.namespace', type: 'FieldValueForbidden', message: 'Forbidden: not allowed on this type' },
  { name: 'label key invalid', metadata: { name: 'cfg', namespace: 'default', labels: { 'bad key': 'x' } }, field: 'metadata.labels', type: 'FieldValueInvalid', message: 'Invalid value: "bad key"' },
  { name: 'label value invalid', metadata: { name: 'cfg', namespace: 'default', labels: { app: '-web' } }, field: 'metadata.labels', type: 'FieldValueInvalid', message: 'Invalid value: "-web"' },
  { name: 'annotation key invalid', metadata: { name: 'cfg', namespace: 'default', annotations: { 'a/b/c': 'x' } }, field: 'metadata.annotations', type: 'FieldValueInvalid' },
  {
    name: 'annotations over 256 KiB',
    metadata: { name: 'cfg', namespace: 'default', annotations: { note: 'x'.repeat(256 * 1024) } },
    field: 'metadata.annotations',
    type: 'FieldValueTooLong',
    message: 'Too long: may not be more than 262144 bytes',
  },
  { name: 'owner reference without uid', metadata: { name: 'cfg', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: '' }] }, field: 'metadata.ownerReferences[0].uid', type: 'FieldValueInvalid' },
  { name: 'negative generation', metadata: { name: 'cfg', namespace: 'default', generation: -1 }, field: 'metadata.generation', type: 'FieldValueInvalid' },
];

const passing: Array<Omit<Case, 'field' | 'type'>> = [
  { name: 'generateName instead of name', metadata: { generateName: 'cfg-', namespace: 'default' } },
  { name: 'dotted name', metadata: { name: 'cfg.v2', namespace: 'default' } },
  { name: 'prefixed label key and empty value', metadata: { name: 'cfg', namespace: 'default', labels: { 'app.kubernetes.io/name': '' } } },
  { name: 'uppercase annotation key', metadata: { name: 'cfg', namespace: 'default', annotations: { 'Example.com/Owner': 'me' } } },
  { name: 'annotations just under the limit', metadata: { name: 'cfg', namespace: 'default', annotations: { note: 'x'.repeat(256 * 1024 - 4) } } },
  { name: 'cluster-scoped kind without namespace', kind: 'Namespace', namespaced: false, metadata: { name: 'team-a' } },
];

describe('validateCreate metadata', () => {
  it.each(failing)('rejects $name', ({ kind = 'ConfigMap', namespaced = true, metadata, field, type, message }) => {
    const obj = kind === 'Namespace' ? { ...namespace(), metadata } : { ...configMap(), metadata };
    const errs = validateCreate(kind, obj, { namespaced });
    expect(errs).toContainEqual(expect.objectContaining({ field, type }));
    if (message !== undefined) expect(errs.find((e) => e.field === field)?.message).toContain(message);
  });

  it.each(passing)('accepts $name', ({ kind = 'ConfigMap', namespaced = true, metadata }) => {
    const obj = kind === 'Namespace' ? { ...namespace(), metadata } : { ...configMap(), metadata };
    expect(validateCreate(kind, obj, { namespaced })).toEqual([]);
  });
});
