import { performance } from "node:perf_hooks";

export interface Latency {
  runs: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarise(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { runs: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/**
 * Runs fn over the inputs round-robin, after a warm-up, and returns per-call latency in ms. Each
 * call is awaited before the next starts, so the figure is one answer's latency, not a pipeline's.
 */
export async function measure<T>(
  inputs: readonly T[],
  fn: (input: T) => unknown,
  runs = 2000,
  warmup = 200,
): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn(inputs[i % inputs.length] as T);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = inputs[i % inputs.length] as T;
    const start = performance.now();
    await fn(input);
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

export function ms(n: number): string {
  return n < 1 ? `${(n * 1000).toFixed(0)} µs` : `${n.toFixed(2)} ms`;
}

export function row(name: string, l: Latency): string {
  return `  ${name.padEnd(34)} p50 ${ms(l.p50).padStart(9)}   p99 ${ms(l.p99).padStart(9)}   (${l.runs} runs)`;
}
