import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Measurement } from './lib/types.ts';
import type { FloorKind, Scenario } from './scenarios.ts';

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  command: string;
  durationSeconds: number;
  serverHeapCapMb: number | null;
  connections: number[];
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    loadAverage: { start: number; end: number };
    postgres: { version: string; settings: Record<string, string> };
  };
  fixtures: Record<string, string | number>;
  scenarios: {
    id: string;
    title: string;
    floor: FloorKind;
    floorKey: string;
    targets: Scenario['targets'];
    probe: { status: number; bytes: number; contentType: string; excerpt?: string; totals?: Record<string, number> } | undefined;
  }[];
  measurements: Record<string, Measurement[]>;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';
const RSS_LIMIT_MB = 300;
const S1_ABSOLUTE = 1000;

const rate = (m: Measurement | undefined) => m?.load?.rps ?? m?.pgbench?.tps ?? Number.NaN;
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');

function table(report: BenchReport, scenario: BenchReport['scenarios'][number]): string {
  const runs = report.measurements[scenario.id] ?? [];
  const floor = report.measurements[scenario.floorKey] ?? [];
  const rows = runs.map((m) => {
    const f = floor.find((x) => x.connections === m.connections);
    const l = m.load;
    const ratio = rate(m) / rate(f);
    const heap = m.heap ? `${fmt(m.heap.usedMb)} / ${fmt(m.heap.totalMb)} MB` : '–';
    return `| ${m.connections} | ${fmt(rate(m))} | ${l?.latencyMs.p50 ?? '–'} / ${l?.latencyMs.p90 ?? '–'} / ${l?.latencyMs.p99 ?? '–'} | ${l?.errors ?? 0} / ${l?.non2xx ?? 0} | ${fmt(m.server?.cpuPercent ?? Number.NaN)}% | ${fmt(m.server?.peakRssMb ?? Number.NaN)} MB | ${heap} | ${fmt(rate(f))} | ${fmt(ratio * 100)}% |`;
  });
  return [
    `| clients | req/s | p50 / p90 / p99 ms | errors / non-2xx | server CPU | peak RSS | heap used / reserved after | floor ${scenario.floor} /s | ratio |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

function floorTable(report: BenchReport, key: string): string {
  const runs = report.measurements[key] ?? [];
  const rows = runs.map((m) =>
    m.pgbench
      ? `| ${m.connections} | ${fmt(m.pgbench.tps)} | avg ${m.pgbench.latencyAvgMs} ms | ${m.pgbench.failed} | – | – |`
      : `| ${m.connections} | ${fmt(rate(m))} | ${m.load?.latencyMs.p50} / ${m.load?.latencyMs.p90} / ${m.load?.latencyMs.p99} ms | ${m.load?.errors ?? 0} / ${m.load?.non2xx ?? 0} | ${fmt(m.server?.cpuPercent ?? Number.NaN)}% | ${fmt(m.server?.peakRssMb ?? Number.NaN)} MB |`,
  );
  return ['| clients | per s | latency | errors | CPU | peak RSS |', '|---:|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

/** Each issue-6 target this run can judge, met or missed. */
function verdicts(report: BenchReport): string[] {
  const lines: string[] = [];
  for (const s of report.scenarios) {
    if (!s.targets) continue;
    const runs = report.measurements[s.id] ?? [];
    const floor = report.measurements[s.floorKey] ?? [];
    for (const c of s.targets.ratioAt) {
      const m = runs.find((x) => x.connections === c);
      if (!m) continue;
      const ratio = rate(m) / rate(floor.find((x) => x.connections === c));
      const ok = ratio >= s.targets.floorRatio;
      lines.push(`- ${ok ? 'MET' : '**MISSED**'}: ${s.id} ≥ ${s.targets.floorRatio * 100}% of ${s.floor} at ${c} clients: ${fmt(ratio * 100)}%`);
    }
    const at64 = runs.find((x) => x.connections === 64);
    if (at64?.load) {
      const ok = at64.load.latencyMs.p99 < s.targets.p99Ms;
      lines.push(`- ${ok ? 'MET' : '**MISSED**'}: ${s.id} p99 < ${s.targets.p99Ms} ms at 64 clients: ${at64.load.latencyMs.p99} ms`);
    }
    const failures = runs.reduce((n, m) => n + (m.load?.errors ?? 0) + (m.load?.non2xx ?? 0), 0);
    lines.push(`- ${failures === 0 ? 'MET' : '**MISSED**'}: ${s.id} no errors and no non-2xx answers: ${failures}`);
    const peak = Math.max(...runs.map((m) => m.server?.peakRssMb ?? 0));
    lines.push(`- ${peak < RSS_LIMIT_MB ? 'MET' : '**MISSED**'}: ${s.id} peak RSS < ${RSS_LIMIT_MB} MB: ${fmt(peak)} MB`);
    if (s.id === 'S1') {
      const best = Math.max(...runs.map(rate));
      lines.push(`- ${best >= S1_ABSOLUTE ? 'MET' : '**MISSED**'}: S1 ≥ ${S1_ABSOLUTE} submissions/s absolute: ${fmt(best)}/s`);
    }
  }
  return lines;
}

export function renderResults(report: BenchReport): string {
  const pgSettings = Object.entries(report.machine.postgres.settings)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const parts = [
    START,
    `## Latest run: ${report.startedAt}`,
    '',
    `- Command: \`${report.command}\` (${report.durationSeconds} s per run after a warm-up, clients ${report.connections.join(', ')}; server heap ${report.serverHeapCapMb ? `capped at ${report.serverHeapCapMb} MB` : 'V8 default'})`,
    `- Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${fmt(report.machine.memoryGb, 1)} GB memory, Node ${report.machine.node}; load generator, Loket and PostgreSQL on the same machine; 1-minute load average ${fmt(report.machine.loadAverage.start, 1)} at the start, ${fmt(report.machine.loadAverage.end, 1)} at the end (other work on the machine)`,
    `- PostgreSQL ${report.machine.postgres.version}: ${pgSettings}`,
    `- Data: ${Object.entries(report.fixtures)
      .map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v, k === 'seedSeconds' ? 1 : 0) : v}`)
      .join(', ')}`,
    `- Raw figures: \`bench/results/${fileName(report)}\``,
    '',
  ];
  for (const s of report.scenarios) {
    parts.push(
      `### ${s.id}: ${s.title}`,
      '',
      `Probe: HTTP ${s.probe?.status ?? '?'}, ${s.probe?.bytes ?? '?'} bytes on average (${s.probe?.contentType ?? '?'}). Floor: ${s.floorKey}.${s.probe?.excerpt ? ` Answer starts: \`${s.probe.excerpt.slice(0, 160).replaceAll('`', "'")}\`` : ''}`,
      ...(s.probe?.totals
        ? [
            '',
            `Hits per query: ${Object.entries(s.probe.totals)
              .map(([q, n]) => `\`${q}\` ${n}`)
              .join(', ')}`,
          ]
        : []),
      '',
      table(report, s),
      '',
    );
  }
  parts.push('### Floors', '');
  const floorKeys = [...new Set(report.scenarios.map((s) => s.floorKey))];
  for (const key of floorKeys) parts.push(`#### ${key}`, '', floorTable(report, key), '');
  parts.push('### Targets (issue 6) judged by this run', '', ...verdicts(report), '', END);
  return parts.join('\n');
}

function fileName(report: BenchReport): string {
  return `${report.startedAt.replace(/[:.]/g, '-')}.json`;
}

/** Writes the JSON and replaces the generated part of RESULTS.md, leaving the hand-written notes. */
export function writeReport(report: BenchReport, root: string): string {
  const dir = path.join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName(report));
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const resultsPath = path.join(root, 'bench/RESULTS.md');
  const existing = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : `# Benchmark results\n\n${START}\n${END}\n`;
  const generated = renderResults(report);
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  const next = start >= 0 && end > start ? existing.slice(0, start) + generated + existing.slice(end + END.length) : `${existing}\n${generated}\n`;
  writeFileSync(resultsPath, next);
  try {
    // bench/** is under Biome (JSON and Markdown too): format as it would, so that `npm run check` stays clean.
    execFileSync(path.join(root, 'node_modules/.bin/biome'), ['format', '--write', file, resultsPath], { stdio: 'ignore' });
  } catch {
    // Formatting is a nicety; the figures are written either way.
  }
  return path.relative(root, file);
}
