/**
 * File-system errors that mean "this store cannot be written" (read-only file system, no permission, a file
 * where a folder should be, a full disk) become one StoreUnwritable naming the path, instead of a raw errno
 * message from deep inside a build. Other errors pass through unchanged.
 */
import { StoreUnwritable } from "../errors.js";

const unwritable = new Set(["EROFS", "EACCES", "EPERM", "EEXIST", "ENOTDIR", "EISDIR", "ENOSPC"]);

/** Runs `fn`, turning store-unwritable errno errors into StoreUnwritable (`root` when the error names no path). */
export function storeWrite<T>(root: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    if (code === undefined || !unwritable.has(code)) throw error;
    throw new StoreUnwritable(path ?? root, code, { cause: error });
  }
}
