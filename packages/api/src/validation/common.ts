/** Checks shared by several kinds: ports, IPs, labels, quantities, percentages, names. */
import { ipFamily } from '../ipnet';
import {
  inclusiveRangeError,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
} from '../names';
import { QUANTITY_FORMAT_ERROR, tryParseQuantity, type Quantity } from '../quantity';
import { validateLabelSelector } from '../selectors';
import type { LabelSelector } from '../types/meta';
import { isObj, str } from './access';
import { invalid, notSupported, required, type FieldError } from './errors';

export const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

export const PORT_RANGE_ERROR = inclusiveRangeError(1, 65535);
export const NON_NEGATIVE_ERROR = 'must be greater than or equal to 0';
const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

export function isValidPortNum(port: unknown): boolean {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;
}

export function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port) ? [] : [invalid(field, port, PORT_RANGE_ERROR)];
  if (typeof port === 'string') {
    if (port === '') return [required(field)];
    return isValidPortName(port).map((msg) => invalid(field, port, msg));
  }
  return [required(field)];
}

export function validateProtocol(protocol: unknown, field: string): FieldError[] {
  const value = str(protocol);
  if (value === '') return [required(field)];
  return (SUPPORTED_PROTOCOLS as readonly string[]).includes(value) ? [] : [notSupported(field, value, SUPPORTED_PROTOCOLS)];
}

export function validateIP(ip: unknown, field: string): FieldError[] {
  const value = str(ip);
  if (value === '') return [required(field)];
  return ipFamily(value) === undefined ? [invalid(field, value, IP_ERROR)] : [];
}

export function validateNonNegative(value: unknown, field: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(field, value, NON_NEGATIVE_ERROR)] : [];
}

/** Label keys and values, reported against the map as a whole (`metadata.labels`), as Kubernetes does. */
export function validateLabels(labels: unknown, field: string): FieldError[] {
  if (!isObj(labels)) return [];
  const errs: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    errs.push(...validateLabelName(key, field));
    if (typeof value === 'string') errs.push(...isValidLabelValue(value).map((msg) => invalid(field, value, msg)));
  }
  return errs;
}

export function validateLabelName(key: string, field: string): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(field, key, msg));
}

export function validateDNS1123Label(value: string, field: string): FieldError[] {
  return isDNS1123Label(value).map((msg) => invalid(field, value, msg));
}

export function validateDNS1123Subdomain(value: string, field: string): FieldError[] {
  return isDNS1123Subdomain(value).map((msg) => invalid(field, value, msg));
}

/** A quantity field's value, parsed; undefined when it does not parse. Bare JSON numbers count too. */
export function toQuantity(value: unknown): Quantity | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? tryParseQuantity(String(value)) : undefined;
  return typeof value === 'string' ? tryParseQuantity(value) : undefined;
}

/** Checks a quantity parses and is not negative. */
export function validateQuantity(value: unknown, field: string): FieldError[] {
  const quantity = toQuantity(value);
  if (quantity === undefined) return [invalid(field, value, QUANTITY_FORMAT_ERROR)];
  return quantity.sign() < 0 ? [invalid(field, value, NON_NEGATIVE_ERROR)] : [];
}

const PERCENT_ERROR =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** maxSurge/maxUnavailable: a non-negative integer or "N%". */
export function validateIntOrPercent(value: unknown, field: string): FieldError[] {
  if (typeof value === 'string') return /^[0-9]+%$/.test(value) ? [] : [invalid(field, value, PERCENT_ERROR)];
  return validateNonNegative(value, field);
}

/** The number an IntOrString stands for, percentages as their number ("25%" -> 25). */
export function intOrPercentValue(value: unknown): { value: number; percent: boolean } | undefined {
  if (typeof value === 'number') return { value, percent: false };
  if (typeof value === 'string' && /^[0-9]+%$/.test(value)) return { value: Number(value.slice(0, -1)), percent: true };
  return undefined;
}

/** The label-selector checks of ../selectors, reduced to this module's FieldError shape. */
export function validateSelector(selector: LabelSelector, field: string): FieldError[] {
  return validateLabelSelector(selector, field).map(({ type, field: f, message }) => ({ type, field: f, message }));
}
