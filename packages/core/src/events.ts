/**
 * Progress events of a build, one per action transition. Displays and logs subscribe through
 * `BuildOptions.onEvent`; nothing in the engine depends on who listens.
 */

export type ActionState = "FRESH" | "STALE" | "MISSING";

interface ActionEventBase {
  readonly stage: string;
  readonly item: string;
  readonly key: string;
}

export type BuildEvent =
  | (ActionEventBase & { readonly type: "scheduled" })
  | (ActionEventBase & { readonly type: "cached" })
  | (ActionEventBase & { readonly type: "started" })
  | (ActionEventBase & { readonly type: "finished"; readonly durationMs: number })
  | (ActionEventBase & { readonly type: "failed"; readonly error: string })
  | (ActionEventBase & { readonly type: "cancelled" })
  /** A cached output blob was missing bytes or did not hash to its name: moved to quarantine, the action reruns. */
  | (ActionEventBase & {
      readonly type: "corrupt";
      readonly digest: string;
      readonly problem: "short" | "long" | "mismatch";
      readonly quarantined?: string;
    });
