/**
 * Reads until `done` holds, every 200 ms, `tries` times at most; throws naming what was
 * awaited and the last value read. For effects of a workflow or a worker process, which
 * land a moment after the request that caused them.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, tries = 150): Promise<T> {
  let value = await read();
  for (let i = 0; i < tries && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  if (!done(value)) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 2000)}`);
  return value;
}
