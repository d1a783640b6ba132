import type { RequestContext } from '../platform/context.js';
import { isClientError } from '../platform/errors.js';

/** Fresh data for every delivery: the subscription's loaders would otherwise serve what they cached before. */
export function fresh(context: RequestContext): void {
  for (const loader of Object.values(context.loaders) as { clearAll(): unknown }[]) loader.clearAll();
}

/** The result, or null where the principal may not (or may no longer) see it. */
export async function unlessForbidden<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (isClientError(error)) return null;
    throw error;
  }
}
