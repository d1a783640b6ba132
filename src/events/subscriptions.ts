import { isClientError } from '../platform/errors.js';

/** The result, or null where the principal may not (or may no longer) see it. */
export async function unlessForbidden<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (isClientError(error)) return null;
    throw error;
  }
}
