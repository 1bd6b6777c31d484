import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // notebook and browser tests start Jupyter kernels and Chromium
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
