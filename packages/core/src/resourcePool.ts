/**
 * Resource pools for the scheduler: counted slots of cpu, gpu and net. An action takes all the slots it
 * declares at once (never a part), in FIFO order, so a big request is not starved by small ones.
 */
import type { Resources } from "./stage.js";

export type PoolSizes = { -readonly [K in keyof Resources]-?: number };

interface Waiter {
  need: PoolSizes;
  resolve: () => void;
}

export interface ResourcePool {
  acquire(need: Resources, signal?: AbortSignal): Promise<() => void>;
  readonly sizes: PoolSizes;
}

export function createResourcePool(sizes: PoolSizes): ResourcePool {
  const free: PoolSizes = { ...sizes };
  const queue: Waiter[] = [];
  const fits = (n: PoolSizes): boolean => n.cpu <= free.cpu && n.gpu <= free.gpu && n.net <= free.net;
  const take = (n: PoolSizes): void => {
    free.cpu -= n.cpu;
    free.gpu -= n.gpu;
    free.net -= n.net;
  };
  const pump = (): void => {
    while (queue.length > 0 && fits(queue[0]!.need)) {
      const w = queue.shift()!;
      take(w.need);
      w.resolve();
    }
  };
  return {
    sizes,
    acquire(need, signal) {
      // Clamp to the pool so a stage asking for more than exists still runs (alone).
      const n: PoolSizes = {
        cpu: Math.min(need.cpu ?? 0, sizes.cpu),
        gpu: Math.min(need.gpu ?? 0, sizes.gpu),
        net: Math.min(need.net ?? 0, sizes.net),
      };
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        free.cpu += n.cpu;
        free.gpu += n.gpu;
        free.net += n.net;
        pump();
      };
      if (queue.length === 0 && fits(n)) {
        take(n);
        return Promise.resolve(release);
      }
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          const i = queue.indexOf(waiter);
          if (i >= 0) {
            queue.splice(i, 1);
            reject(signal?.reason as Error);
            pump();
          }
        };
        const waiter: Waiter = {
          need: n,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve(release);
          },
        };
        queue.push(waiter);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
