/** How long start-up waits for a platform before saying it cannot be reached (under 30 s). */
export const REACH_WITHIN_MS = 25_000;

/**
 * The promise's value, or a rejection with `message` once `ms` pass: the SDKs retry for minutes
 * ("fetch failed" over and over) where the operator wants one line naming what to check.
 */
export async function withinDeadline<T>(
  promise: Promise<T>,
  ms: number,
  message: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  promise.catch(() => {}); // its failure after the deadline is no longer news
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
