// Stages for the cluster tests and the bench: a sleep that writes its item, and one that always fails.
import { defineStage } from "@choreo/core";
import { z } from "zod";

export const sleepStage = defineStage({
  id: "clustertest.sleep",
  version: 1,
  params: z.object({ ms: z.number() }),
  inputs: {},
  outputs: { out: "report" },
  async run({ params, item, ctx }) {
    await new Promise((r) => setTimeout(r, params.ms));
    return { out: ctx.writeText("report", `slept ${params.ms} on ${item}`) };
  },
});

export const failStage = defineStage({
  id: "clustertest.fail",
  version: 1,
  params: z.object({}),
  inputs: { in: "report" },
  outputs: { out: "report" },
  run() {
    return Promise.reject(new Error("no good"));
  },
});
