/** What a BullMQ job carries between the coordinator and a worker: one action, by value. */
import type { ActionOutputs, ActionPreimage } from "@choreo/core";

export interface ActionJob {
  readonly key: string;
  readonly preimage: ActionPreimage;
  readonly inputs: ActionOutputs;
  /** The coordinator's choreo version: a worker on another version refuses the job. */
  readonly choreo: string;
  /** The coordinator's shared store: a worker on another store refuses the job (it could not find the inputs). */
  readonly store: string;
}

/** What a worker returns for a finished job (the outputs themselves are in the store's action entry). */
export interface ActionJobResult {
  readonly worker: string;
  readonly durationMs: number;
}

/** What a worker reports when it starts a job. */
export interface ActionJobProgress {
  readonly worker: string;
}
