import { duplicate, forbidden, formatFieldErrors, invalid, notSupported, required, tooLong, typeInvalid, type FieldError } from './errors';

describe('field error messages', () => {
  it.each<[string, FieldError, string]>([
    ['Required without detail', required('spec.containers'), 'Required value'],
    ['Required with detail', required('metadata.name', 'name or generateName is required'), 'Required value: name or generateName is required'],
    ['Invalid number', invalid('spec.replicas', -1, 'must be greater than or equal to 0'), 'Invalid value: -1: must be greater than or equal to 0'],
    ['Invalid string is quoted', invalid('metadata.name', 'A', 'bad'), 'Invalid value: "A": bad'],
    ['Invalid object as JSON', invalid('spec.selector', { matchLabels: {} }, 'x'), 'Invalid value: {"matchLabels":{}}: x'],
    ['NotSupported lists quoted values', notSupported('spec.type', 'X', ['A', 'B']), 'Unsupported value: "X": supported values: "A", "B"'],
    ['Duplicate', duplicate('spec.ports[1].name', 'http'), 'Duplicate value: "http"'],
    ['Forbidden', forbidden('metadata.namespace', 'not allowed on this type'), 'Forbidden: not allowed on this type'],
    ['TooLong omits the value', tooLong('metadata.annotations', 262144), 'Too long: may not be more than 262144 bytes'],
    ['TypeInvalid reads like Invalid', typeInvalid('spec.replicas', 'three', 'must be of type integer'), 'Invalid value: "three": must be of type integer'],
  ])('%s', (_name, err, message) => {
    expect(err.message).toBe(message);
  });
});

describe('formatFieldErrors', () => {
  const replicas = invalid('spec.replicas', -1, 'must be greater than or equal to 0');
  const name = required('spec.template.spec.containers[0].name');

  it.each<[string, string, string, FieldError[], string]>([
    ['one error, no brackets', 'Deployment', 'web', [replicas], 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [
      'several errors, bracketed',
      'Deployment',
      'web',
      [replicas, name],
      'Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.containers[0].name: Required value]',
    ],
    ['identical errors once', 'Deployment', 'web', [replicas, replicas], 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ['core kinds unqualified', 'Pod', 'p', [name], 'Pod "p" is invalid: spec.template.spec.containers[0].name: Required value'],
    ['coordination group', 'Lease', 'l', [forbidden('spec', 'x')], 'Lease.coordination.k8s.io "l" is invalid: spec: Forbidden: x'],
    ['no errors', 'ConfigMap', 'c', [], 'ConfigMap "c" is invalid'],
  ])('%s', (_name, kind, objName, errs, message) => {
    expect(formatFieldErrors(kind, objName, errs)).toBe(message);
  });
});
