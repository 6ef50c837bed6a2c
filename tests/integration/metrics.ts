import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export type Families = ReturnType<typeof parsePrometheusTextFormat> & { text: string };

/** GET /metrics of a gateway, parsed by a Prometheus text-format parser (not by our own reading). */
export async function readMetrics(baseUrl: string): Promise<Families> {
  const res = await fetch(`${baseUrl}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  return Object.assign(parsePrometheusTextFormat(text), { text });
}

/**
 * A labelled histogram's count. The parser folds every label set of a histogram into one sample
 * (its flattenMetrics drops labels), so this reads the `_count` line the parser accepted.
 */
export function histogramCount(families: Families, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = families.text.split('\n').find((l) => l.startsWith(`${name}_count{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** The samples of one family whose labels include `labels`. */
export function samples(families: Families, name: string, labels: Record<string, string> = {}) {
  const family = families.find((f) => f.name === name);
  if (!family) throw new Error(`no metric ${name}`);
  return family.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
}

/** The one value of a counter or gauge with these labels (0 when no sample has them yet). */
export function value(families: Families, name: string, labels: Record<string, string> = {}): number {
  return samples(families, name, labels).reduce((sum, m) => sum + Number(m.value), 0);
}
