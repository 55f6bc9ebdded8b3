/**
 * File-system errors that mean "this store cannot be written" (read-only file system, no permission, a file
 * where a folder should be, a full disk) become one StoreUnwritable naming the path, instead of a raw errno
 * message from deep inside a build. Other errors pass through unchanged.
 */
import { existsSync, mkdirSync, rmdirSync } from "node:fs";
import { dirname } from "node:path";
import { StoreUnwritable } from "../errors.js";

const unwritable = new Set(["EROFS", "EACCES", "EPERM", "EEXIST", "ENOTDIR", "EISDIR", "ENOSPC"]);

/**
 * The error a plain mkdir gives for the first missing folder of `path`: Node's recursive mkdir reports
 * ENOENT on a read-only file system, hiding EROFS / EACCES.
 */
function mkdirCause(path: string): NodeJS.ErrnoException | undefined {
  let missing = path;
  while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
  try {
    mkdirSync(missing);
    rmdirSync(missing);
    return undefined;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** Runs `fn`, turning store-unwritable errno errors into StoreUnwritable (`root` when the error names no path). */
export function storeWrite<T>(root: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    let cause = error as NodeJS.ErrnoException;
    if (cause.code === "ENOENT" && cause.syscall === "mkdir" && cause.path !== undefined)
      cause = mkdirCause(cause.path) ?? cause;
    if (cause.code === undefined || !unwritable.has(cause.code)) throw error;
    throw new StoreUnwritable(cause.path ?? root, cause.code, { cause: error });
  }
}
