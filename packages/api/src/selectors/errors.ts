/** A label or field selector that cannot be parsed or built. The message is what Kubernetes would say. */
export class SelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorParseError';
  }
}

/** Quotes a value like Go's %q, which Kubernetes uses inside "Invalid value: ..." messages. */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}

/** Formats a string list like Go's %#v of a []string, e.g. []string{"a", "b"}. */
export function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/**
 * Joins several problems the way Kubernetes' error aggregates print: one error alone, several in brackets.
 */
export function aggregateMessage(messages: readonly string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}
