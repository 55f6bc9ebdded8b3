import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@choreo/source"] },
  ssr: { resolve: { conditions: ["@choreo/source"] } },
  test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
