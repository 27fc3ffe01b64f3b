import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

import { E2E_PROVIDER_SECRET } from "./tests/e2e/provider-secret";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
// A fresh embedded database per run (emptied by the server command below), seeded with the demo on start.
const dataDir = path.join(tmpdir(), `tillsammans-e2e-${port}`);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    launchOptions: {
      // Debian's chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // An empty DATABASE_URL fails the app's URL validation, so the variable is removed rather than blanked:
    // the server must use the embedded database whatever the calling shell exports.
    command:
      'rm -rf "$DATA_DIR" && exec env -u DATABASE_URL -u SESSION_SECRET -u TRUST_PROXY npx tsx scripts/server.ts',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      PORT: String(port),
      PUBLIC_URL: baseURL,
      DATA_DIR: dataDir,
      DEMO_MODE: "1",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      // The demo municipality's client secret at the test identity provider (tests/e2e/sign-in-provider.spec.ts).
      OIDC_CLIENT_SECRET_EXEMPELSTAD: E2E_PROVIDER_SECRET,
    },
  },
});
