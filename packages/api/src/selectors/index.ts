export { SelectorParseError } from './errors';
export {
  everything,
  formatLabels,
  nothing,
  parseLabelSelector,
  Requirement,
  RequirementsSelector,
  selectorFromSet,
} from './labels';
export type { LabelOperator, Labels, Selector } from './labels';
export { formatLabelSelector, labelSelectorAsSelector, validateLabelSelector } from './label-selector';
export type { SelectorFieldErrorType, SelectorFieldError } from './label-selector';
export { escapeFieldValue, fieldSelectorFromSet, parseFieldSelector, unescapeFieldValue } from './fields';
export type { FieldRequirement, FieldSelector } from './fields';
