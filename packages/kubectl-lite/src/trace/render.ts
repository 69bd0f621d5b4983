/** Prints a Trace as a timeline, then each pod's scheduling decision as a small table. */
import type { PodDecision, Trace } from './collect';

function seconds(ms: number): string {
  return `+${(ms / 1000).toFixed(3)}s`.padStart(9);
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
}

function decisionLines(d: PodDecision): string[] {
  const filtered = Object.entries(d.filtered).map(([reason, n]) => `${n} ${reason}`);
  const head = `pod/${d.pod} -> ${d.node}  (${d.evaluated} node(s) evaluated, ${d.feasible} passed the filters${filtered.length ? `; filtered out: ${filtered.join(', ')}` : ''})`;
  const plugins = [...new Set(d.scores.flatMap((s) => Object.keys(s.plugins)))].sort();
  const rows = [['NODE', 'TOTAL', ...plugins.map((p) => p.toUpperCase())]];
  for (const s of d.scores) rows.push([s.node === d.node ? `${s.node} *` : s.node, String(s.total), ...plugins.map((p) => String(s.plugins[p] ?? '-'))]);
  return [head, ...table(rows).map((l) => `  ${l}`)];
}

export function renderTrace(t: Trace): string {
  const lines = [`Trace of deployment/${t.deployment} in ${t.namespace}:`, ''];
  const rows = t.entries.map((e) => [seconds(e.at - t.start), e.component, e.object, e.message]);
  lines.push(...table([['TIME', 'COMPONENT', 'OBJECT', 'WHAT'], ...rows]));
  lines.push('');
  const s = t.summary;
  lines.push(`${s.ready}/${s.desired} pods Running and Ready; ${s.inEndpoints} in the endpoints of ${s.services.length ? s.services.map((n) => `service/${n}`).join(', ') : 'no service'}.`);
  if (t.decisions.length > 0) {
    lines.push('', 'Scheduling decisions (scores are each plugin\'s weighted score; * = chosen):');
    for (const d of t.decisions) lines.push('', ...decisionLines(d));
  }
  return lines.join('\n') + '\n';
}
