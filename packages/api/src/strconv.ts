/**
 * Go's `strconv.ParseBool`, which Kubernetes uses for every boolean query parameter and flag: the
 * official Python client sends `watch=True`, kubectl sends `watch=true`, curl users type `watch=1`.
 * Anything else is an error the caller turns into its own message (a 400, a flag error).
 */
const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** true/false for Go's accepted spellings, undefined for anything else (including ""). */
export function parseGoBool(value: string): boolean | undefined {
  if (TRUE_WORDS.has(value)) return true;
  if (FALSE_WORDS.has(value)) return false;
  return undefined;
}

/** The one wording for a value parseGoBool refused, naming the parameter or flag it came from. */
export function invalidGoBoolMessage(name: string, value: string): string {
  return `invalid ${name} "${value}": must be a boolean (true, false, 1, 0, t, f, True, False, TRUE or FALSE)`;
}
