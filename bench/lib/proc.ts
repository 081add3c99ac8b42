import { readFileSync, writeFileSync } from 'node:fs';
import type { ProcessSample } from './types.ts';

// Linux reports CPU time in clock ticks; USER_HZ is 100 on every mainstream distribution.
const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/**
 * Samples a process's CPU and resident memory until stopped. The kernel's peak (VmHWM) is reset at
 * the start where allowed, so that each run reports its own peak; RSS is also polled as a fallback.
 */
export function sampleProcess(pid: number): { stop(): ProcessSample } {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted: the polled maximum stands alone.
  }
  const startTicks = cpuTicks(pid);
  const started = process.hrtime.bigint();
  let peakKb = statusKb(pid, 'VmRSS');
  const timer = setInterval(() => {
    try {
      peakKb = Math.max(peakKb, statusKb(pid, 'VmRSS'));
    } catch {
      clearInterval(timer);
    }
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const ticks = cpuTicks(pid) - startTicks;
      peakKb = Math.max(peakKb, statusKb(pid, 'VmHWM'));
      return { cpuPercent: (100 * ticks) / TICKS_PER_SECOND / seconds, peakRssMb: peakKb / 1024 };
    },
  };
}
