/**
 * Where a missed action runs when it does not run in this process: an executor takes the action (stage, key,
 * preimage, inputs already in the local store) and returns its outputs once their blobs are in the local
 * store and its entry in the shared one. The build keeps everything else (cache lookups, events, failures,
 * --keep-going); the BullMQ executor of @choreo/cluster is the one implementation.
 */
import type { Stage } from "./stage.js";
import type { ActionPreimage } from "./store.js";
import type { Artifact } from "./schema.js";

export type ActionOutputs = Record<string, Artifact | readonly Artifact[]>;

/** One action handed to an executor. */
export interface ActionRequest {
  readonly stage: Stage;
  readonly key: string;
  readonly preimage: ActionPreimage;
  readonly item: string;
  readonly inputs: ActionOutputs;
  readonly signal: AbortSignal;
  /** Called when a worker starts the action (for the progress display). */
  readonly onStarted: (worker: string) => void;
}

export interface ActionResult {
  readonly outputs: ActionOutputs;
  /** The worker that ran it. */
  readonly worker: string;
  readonly durationMs: number;
}

/** Runs actions elsewhere (another machine). A failed action rejects with its cause. */
export interface ActionExecutor {
  run(request: ActionRequest): Promise<ActionResult>;
}
