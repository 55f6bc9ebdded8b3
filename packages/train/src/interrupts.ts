/**
 * Stop requests for a training loop: SIGINT/SIGTERM handlers installed for the duration of a run (they
 * replace Node's default exit, so the loop can write a checkpoint first) and an optional AbortSignal. The
 * loop polls `reason` between steps and yields to the event loop each step so the handlers get to run.
 */

export type InterruptReason = "SIGINT" | "SIGTERM" | "abort";

export interface Interrupts {
  /** Why the run should stop, once asked to. */
  readonly reason: InterruptReason | undefined;
  /** Removes the handlers. */
  dispose(): void;
}

/** Watches `signals` and `abort` until disposed. */
export function watchInterrupts(signals: readonly ("SIGINT" | "SIGTERM")[], abort?: AbortSignal): Interrupts {
  let reason: InterruptReason | undefined;
  const handlers = signals.map((name) => {
    const handler = (): void => {
      reason ??= name;
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    get reason() {
      return reason ?? (abort?.aborted === true ? "abort" : undefined);
    },
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}

/** Lets pending I/O and signal callbacks run (a resolved promise would only drain microtasks). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
