/**
 * Work done in steps: a generator that yields between pieces small enough to let other work run.
 * Core stays synchronous and pure; the caller decides whether to run it at once (`runSteps`) or
 * hand the event loop to waiting requests between steps (src/corpus/open.ts).
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
