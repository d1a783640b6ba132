import type { RequestContext } from '../platform/context.js';
import { isClientError } from '../platform/errors.js';
import { contextForExecution } from '../platform/module.js';

/**
 * The subscription's context with loaders of its own, for reading what an event is about as it is now: the
 * subscription's own loaders would serve what they read for an earlier event. (Each event's execution gets fresh
 * loaders by itself: `subscribeSharing`.)
 */
export function fresh(context: RequestContext): RequestContext {
  return contextForExecution(context);
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
