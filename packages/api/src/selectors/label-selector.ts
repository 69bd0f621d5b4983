/**
 * The structured LabelSelector of Deployments, ReplicaSets, ... (matchLabels AND matchExpressions):
 * conversion to a matching Selector and field-level validation, both as Kubernetes does them.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../types/meta';
import { isQualifiedName, isValidLabelValue } from '../names';
import { goQuote, SelectorParseError } from './errors';
import { everything, LabelOperator, nothing, Requirement, RequirementsSelector, Selector } from './labels';

const OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * nil selects nothing and {} selects everything (metav1.LabelSelectorAsSelector). Throws SelectorParseError
 * for an unknown operator or invalid keys/values.
 */
export function labelSelectorAsSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls == null) return nothing();
  const matchLabels = Object.entries(ls.matchLabels ?? {});
  const expressions = ls.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return everything();
  const requirements = matchLabels.map(([k, v]) => Requirement.create(k, '=', [v]));
  for (const expr of expressions) {
    const op = OPERATORS[expr.operator];
    if (!op) throw new SelectorParseError(`${goQuote(String(expr.operator))} is not a valid label selector operator`);
    requirements.push(Requirement.create(expr.key, op, expr.values ?? []));
  }
  return new RequirementsSelector(requirements);
}

/** The selector's string form, "<none>" when empty and "<error>" when invalid (as `kubectl get rs -o wide`). */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  try {
    return labelSelectorAsSelector(ls).toString() || '<none>';
  } catch (err) {
    if (err instanceof SelectorParseError) return '<error>';
    throw err;
  }
}

export type SelectorFieldErrorType = 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueForbidden';

/**
 * One validation problem. `message` is the full text Kubernetes puts in a Status cause
 * (`Invalid value: "x": detail`); `detail` is the part after the value.
 */
export interface SelectorFieldError {
  field: string;
  message: string;
  type: SelectorFieldErrorType;
  detail: string;
  badValue?: unknown;
}

function invalid(field: string, value: string, detail: string): SelectorFieldError {
  return { field, type: 'FieldValueInvalid', badValue: value, detail, message: `Invalid value: ${goQuote(value)}: ${detail}` };
}

function required(field: string, detail: string): SelectorFieldError {
  return { field, type: 'FieldValueRequired', detail, message: `Required value: ${detail}` };
}

function forbidden(field: string, detail: string): SelectorFieldError {
  return { field, type: 'FieldValueForbidden', detail, message: `Forbidden: ${detail}` };
}

/** metav1 ValidateLabelSelector: keys and values well-formed, operators known, values present iff needed. */
export function validateLabelSelector(ls: LabelSelector, fieldPath: string): SelectorFieldError[] {
  const errs: SelectorFieldError[] = [];
  const labelsPath = `${fieldPath}.matchLabels`;
  // Kubernetes walks a Go map (random order); sorted keys keep our messages stable.
  for (const key of Object.keys(ls.matchLabels ?? {}).sort()) {
    const value = (ls.matchLabels ?? {})[key];
    for (const msg of isQualifiedName(key)) errs.push(invalid(labelsPath, key, msg));
    for (const msg of isValidLabelValue(value)) errs.push(invalid(labelsPath, value, msg));
  }
  (ls.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateRequirement(expr, `${fieldPath}.matchExpressions[${i}]`));
  });
  return errs;
}

function validateRequirement(req: LabelSelectorRequirement, path: string): SelectorFieldError[] {
  const errs: SelectorFieldError[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    default:
      errs.push(invalid(`${path}.operator`, String(req.operator), 'not a valid selector operator'));
  }
  for (const msg of isQualifiedName(req.key ?? '')) errs.push(invalid(`${path}.key`, req.key ?? '', msg));
  values.forEach((v, i) => {
    for (const msg of isValidLabelValue(v)) errs.push(invalid(`${path}.values[${i}]`, v, msg));
  });
  return errs;
}
