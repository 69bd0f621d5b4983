/**
 * `$(VAR)` expansion in env values, command and args, with Kubernetes' rules: `$(NAME)` becomes the
 * value of NAME when it is defined and stays as written when it is not; `$$` is an escaped `$`, so
 * `$$(NAME)` yields the literal `$(NAME)`; a `$` not starting a reference, and a `$(` never closed, stay
 * as they are. Users rely on the "undefined stays literal" rule, so it must not become an empty string.
 */
export type VariableLookup = (name: string) => string | undefined;

export function expandVariables(input: string, lookup: VariableLookup): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        // An unclosed reference is kept verbatim; only the "$(" is consumed here, the rest follows as text.
        out += '$(';
        i += 2;
        continue;
      }
      const name = input.slice(i + 2, close);
      const value = lookup(name);
      out += value === undefined ? `$(${name})` : value;
      i = close + 1;
    } else {
      out += '$' + next;
      i += 2;
    }
  }
  return out;
}

/** A lookup over an ordered list of variables, where a later definition of a name wins. */
export function lookupIn(vars: ReadonlyArray<{ name: string; value: string }>): VariableLookup {
  const map = new Map<string, string>();
  for (const v of vars) map.set(v.name, v.value);
  return (name) => map.get(name);
}
