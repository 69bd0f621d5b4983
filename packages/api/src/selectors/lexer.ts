/**
 * Tokeniser for the string form of label selectors ("app=web,tier in (a,b),!legacy").
 * Identifiers are runs of anything but whitespace and the operator characters; operators are the longest
 * run of operator characters that is a known token, as in Kubernetes' lexer.
 */

export type TokenKind =
  | 'identifier'
  | 'in'
  | 'notin'
  | '('
  | ')'
  | ','
  | '!'
  | '='
  | '=='
  | '!='
  | '>'
  | '<'
  | 'end'
  | 'error';

export interface Token {
  kind: TokenKind;
  literal: string;
}

const OPERATOR_TOKENS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['<', '<'],
  ['!=', '!='],
  ['(', '('],
]);

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isOperatorChar = (c: string): boolean => '=!(),><'.includes(c);

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < input.length) {
    const c = input[pos];
    if (isWhitespace(c)) {
      pos++;
      continue;
    }
    if (isOperatorChar(c)) {
      const [token, next] = scanOperator(input, pos);
      tokens.push(token);
      if (token.kind === 'error') return tokens;
      pos = next;
      continue;
    }
    const start = pos;
    while (pos < input.length && !isWhitespace(input[pos]) && !isOperatorChar(input[pos])) pos++;
    const word = input.slice(start, pos);
    tokens.push({ kind: word === 'in' || word === 'notin' ? word : 'identifier', literal: word });
  }
  tokens.push({ kind: 'end', literal: '' });
  return tokens;
}

/** Longest known operator starting at pos; a run that starts with no known operator is an error token. */
function scanOperator(input: string, pos: number): [Token, number] {
  let best: Token | undefined;
  let bestEnd = pos;
  let end = pos;
  while (end < input.length && isOperatorChar(input[end])) {
    end++;
    const candidate = input.slice(pos, end);
    const kind = OPERATOR_TOKENS.get(candidate);
    if (kind) {
      best = { kind, literal: candidate };
      bestEnd = end;
    } else if (best) {
      break;
    }
  }
  if (!best) return [{ kind: 'error', literal: `error expected: keyword found '${input.slice(pos, end)}'` }, end];
  return [best, bestEnd];
}
