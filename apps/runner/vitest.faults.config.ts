import { defineConfig } from "vitest/config";

// `pnpm test:faults`: the fault-injection scenarios of issue 13 (damaged cache, hostile inputs, gc racing
// builds), each asserting its error and that nothing already built was lost. Runs the built CLI (dist).
export default defineConfig({
  resolve: { conditions: ["@choreo/source"] },
  ssr: { resolve: { conditions: ["@choreo/source"] } },
  test: { include: ["test/faults/**/*.test.ts"], testTimeout: 240_000, hookTimeout: 60_000 },
});
