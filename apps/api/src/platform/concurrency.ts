/**
 * `work` over every item with at most `limit` runs in flight, answers in the items' order. A run
 * that throws stops no other: its error is its answer, so a caller can report each item.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<Array<PromiseSettledResult<R>>> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit ${limit}`);
  const results = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  // Each lane takes the next unstarted item when its run ends, so a slow item holds one lane only.
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await work(items[index]!, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
