// Small stages used by the core tests (also loaded by worker threads, hence a module of its own).
import { threadId } from "node:worker_threads";
import { z } from "zod";
import { defineStage } from "../src/index.js";

export const makeNumbers = defineStage({
  id: "test.makeNumbers",
  version: 1,
  params: z.object({ count: z.number().int(), seed: z.number().default(1) }),
  inputs: {},
  outputs: { numbers: "json" },
  run: async ({ params, ctx }) => ({
    numbers: ctx.writeJson(
      "json",
      Array.from({ length: params.count }, (_, i) => i * params.seed),
    ),
  }),
});

export const parity = defineStage({
  id: "test.parity",
  version: 1,
  params: z.object({}),
  inputs: { numbers: "json" },
  outputs: { parity: "json" },
  run: async ({ inputs, ctx }) => {
    const n = ctx.readJson(inputs.numbers, z.array(z.number()));
    return { parity: ctx.writeJson("json", n.length % 2) };
  },
});

export const square = defineStage({
  id: "test.square",
  version: 1,
  params: z.object({ failOn: z.number().optional() }),
  inputs: { numbers: "json" },
  outputs: { squares: "json" },
  resources: { cpu: 1 },
  entry: import.meta.url,
  run: async ({ inputs, params, ctx }) => {
    const n = ctx.readJson(inputs.numbers, z.array(z.number()));
    if (params.failOn !== undefined && n.includes(params.failOn))
      throw new Error(`bad value ${params.failOn}`);
    return {
      squares: ctx.writeJson(
        "json",
        n.map((x) => x * x),
      ),
    };
  },
});

export const whichThread = defineStage({
  id: "test.whichThread",
  version: 1,
  params: z.object({ nonce: z.number() }),
  inputs: {},
  outputs: { thread: "json" },
  entry: import.meta.url,
  run: async ({ ctx }) => ({ thread: ctx.writeJson("json", threadId) }),
});

export const sum = defineStage({
  id: "test.sum",
  version: 1,
  params: z.object({}),
  inputs: { parts: ["json"] },
  outputs: { total: "json" },
  run: async ({ inputs, ctx }) => {
    let total = 0;
    for (const p of inputs.parts) total += ctx.readJson(p, z.array(z.number())).reduce((a, b) => a + b, 0);
    return { total: ctx.writeJson("json", total) };
  },
});
