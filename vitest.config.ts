import { defineConfig } from "vitest/config";

// Two projects: `unit` needs no server and is the fast loop (npm run test:unit); `integration`
// (*.int.test.ts) talks to real Redis, Bolt's receiver and discord.js. npm test runs both.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/**/*.int.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.int.test.ts"],
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
    ],
  },
});
