import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3999);
const DB = `tests/.tmp/e2e-${PORT}.db`;

// Debian's Chromium: Playwright's own browser download cannot run on our machines.
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      // A real SMTP server the app sends to; specs read what arrived over HTTP (tests/e2e/mail.ts).
      command: "node --import tsx tests/e2e/mail-sink-server.ts",
      env: { MAIL_SINK_SMTP_PORT: "3925", MAIL_SINK_HTTP_PORT: "3926" },
      url: "http://127.0.0.1:3926/health",
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A fresh database, migrated and seeded with the demo organisation, then the built server.
      command: `mkdir -p tests/.tmp && rm -f ${DB} ${DB}-wal ${DB}-shm && node scripts/db-migrate.mjs && node --import tsx prisma/seed.ts && node server.mjs`,
      env: {
        DATABASE_URL: `file:./${DB}`,
        PORT: String(PORT),
        NODE_ENV: "production",
        SMTP_URL: "smtp://127.0.0.1:3925",
        SMTP_FROM: "Baton <baton@baton.test>",
      },
      url: `http://localhost:${PORT}/login`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
