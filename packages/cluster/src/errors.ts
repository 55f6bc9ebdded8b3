/** The tagged errors of @choreo/cluster. */
import { TaggedError, describeCause } from "@choreo/core";

/** The Redis server or the shared store cannot be reached (the CLI says so in one line and exits 2). */
export class Unreachable extends TaggedError {
  readonly _tag = "Unreachable";
  constructor(
    readonly what: "redis" | "store",
    readonly url: string,
    cause: unknown,
  ) {
    super(`[cluster] ${what} ${url} cannot be reached: ${describeCause(cause)}`, { cause });
  }
}

/** A store or Redis URL that names nothing choreo can open. */
export class InvalidClusterUrl extends TaggedError {
  readonly _tag = "InvalidClusterUrl";
  constructor(
    readonly url: string,
    readonly problem: string,
  ) {
    super(`[cluster] ${url}: ${problem}`);
  }
}

/** A worker refused a job it cannot run faithfully (another choreo or stage version, an unknown stage). */
export class JobRefused extends TaggedError {
  readonly _tag = "JobRefused";
  constructor(
    readonly worker: string,
    readonly problem: string,
  ) {
    super(`[cluster] worker ${worker} refused the job: ${problem}`);
  }
}

export type ClusterError = Unreachable | InvalidClusterUrl | JobRefused;
