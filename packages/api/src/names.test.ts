import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
} from './names';

const LABEL_REGEX_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with " +
  "an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_REGEX_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end " +
  "with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
  "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric " +
  "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end " +
  "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is " +
  "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('isDNS1123Label', () => {
  it.each([
    ['web', []],
    ['a', []],
    ['0-9', []],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['Web', [LABEL_REGEX_MSG]],
    ['-web', [LABEL_REGEX_MSG]],
    ['web-', [LABEL_REGEX_MSG]],
    ['', [LABEL_REGEX_MSG]],
    ['web.example', ['must not contain dots']],
  ])('%j -> %j', (value, expected) => {
    expect(isDNS1123Label(value)).toEqual(expected);
  });
});

describe('isDNS1123Subdomain', () => {
  it.each([
    ['example.com', []],
    ['web-1', []],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, []],
    ['a'.repeat(254), ['must be no more than 253 characters']],
    ['Example.com', [SUBDOMAIN_REGEX_MSG]],
    ['a..b', [SUBDOMAIN_REGEX_MSG]],
    ['a_b', [SUBDOMAIN_REGEX_MSG]],
  ])('%j', (value, expected) => {
    expect(isDNS1123Subdomain(value)).toEqual(expected);
  });
});

describe('isQualifiedName', () => {
  it.each([
    ['app', []],
    ['App_Name.v1', []],
    ['example.com/app', []],
    ['kubernetes.io/role', []],
    ['/app', ['prefix part must be non-empty']],
    ['example.com/', ['name part must be non-empty', NAME_PART_MSG]],
    ['-app', [NAME_PART_MSG]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
    ['Example.com/app', [`prefix part ${SUBDOMAIN_REGEX_MSG}`]],
  ])('%j', (value, expected) => {
    expect(isQualifiedName(value)).toEqual(expected);
  });

  it('rejects more than one slash with one message', () => {
    const errs = isQualifiedName('a/b/c');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/);
  });
});

describe('isValidLabelValue', () => {
  it.each([
    ['', []],
    ['web', []],
    ['1.2.3_beta-4', []],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['-web', [LABEL_VALUE_MSG]],
    ['a b', [LABEL_VALUE_MSG]],
    ['a/b', [LABEL_VALUE_MSG]],
  ])('%j', (value, expected) => {
    expect(isValidLabelValue(value)).toEqual(expected);
  });
});

describe('isValidPathSegmentName', () => {
  it.each([
    ['web', []],
    ['.', ["may not be '.'"]],
    ['..', ["may not be '..'"]],
    ['...', []],
    ['a/b', ["may not contain '/'"]],
    ['a%b/c', ["may not contain '/'", "may not contain '%'"]],
  ])('%j', (value, expected) => {
    expect(isValidPathSegmentName(value)).toEqual(expected);
  });
});

describe('other name checks', () => {
  it('isDNS1035Label requires a leading letter', () => {
    expect(isDNS1035Label('web')).toEqual([]);
    expect(isDNS1035Label('1web')[0]).toMatch(/^a DNS-1035 label must consist of/);
  });

  it('isEnvVarName', () => {
    expect(isEnvVarName('MY_VAR.x-1')).toEqual([]);
    expect(isEnvVarName('1VAR')).toHaveLength(1);
    expect(isEnvVarName('..x')).toEqual(["must not start with '..'"]);
  });

  it('isConfigMapKey', () => {
    expect(isConfigMapKey('app.conf')).toEqual([]);
    expect(isConfigMapKey('..')).toEqual(["must not be '..'"]);
    expect(isConfigMapKey('a/b')[0]).toMatch(/^a valid config key must consist of/);
  });

  it.each([
    [0, ['must be between 1 and 65535, inclusive']],
    [1, []],
    [65535, []],
    [65536, ['must be between 1 and 65535, inclusive']],
  ])('isValidPortNum(%d)', (port, expected) => {
    expect(isValidPortNum(port)).toEqual(expected);
  });

  it.each([
    ['http', []],
    ['http-alt2', []],
    ['80', ['must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-ab', ['must not begin or end with a hyphen']],
    ['HTTP', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['abcdefghijklmnop', ['must be no more than 15 characters']],
  ])('isValidPortName(%j)', (name, expected) => {
    expect(isValidPortName(name)).toEqual(expected);
  });
});
