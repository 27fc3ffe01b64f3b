import path from "node:path";
import { defineConfig } from "vitest/config";

const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const shared = ["tests/integration/**/*.test.ts"];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~\//, replacement: `${path.resolve("app")}/` },
      { find: /^#db\//, replacement: `${path.resolve("db")}/` },
      { find: /^#locales\//, replacement: `${path.resolve("locales")}/` },
    ],
  },
  test: {
    globals: true,
    globalSetup: ["tests/setup/global.ts"],
    setupFiles: ["tests/setup/each-file.ts"],
    env: {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DEMO_MODE: "1",
      SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
      // Tests that leave demo mode need one (decision 021); 32 bytes, base64.
      DATA_MASTER_KEY: "dGVzdC1tYXN0ZXIta2V5LXRlc3QtbWFzdGVyLWtleTA=",
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "app/**/*.test.ts"] },
      },
      { extends: true, test: { name: "pglite", include: shared, env: { TEST_DB: "pglite" } } },
      // PostgreSQL runs the same integration files when a server is given.
      ...(postgresUrl
        ? [{ extends: true as const, test: { name: "postgres", include: shared, env: { TEST_DB: "postgres" } } }]
        : []),
      { extends: true, test: { name: "server", include: ["tests/server/**/*.test.ts"], fileParallelism: false } },
    ],
  },
});
