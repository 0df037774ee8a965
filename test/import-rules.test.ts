import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { cruise, type IForbiddenRuleType } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

// The import rules npm run lint enforces (.dependency-cruiser.cjs), run on a fixture that breaks
// each of them once, and on the project itself.
const root = fileURLToPath(new URL("..", import.meta.url));
const config = createRequire(import.meta.url)("../.dependency-cruiser.cjs") as {
  forbidden: IForbiddenRuleType[];
};

async function violations(baseDir: string): Promise<string[]> {
  const result = await cruise(
    ["src"],
    {
      baseDir,
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      tsPreCompilationDeps: true,
      doNotFollow: { path: "node_modules" },
    },
    { extensions: [".ts", ".js"] },
  );
  if (typeof result.output === "string") throw new Error("expected a cruise result");
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from}`);
}

describe("import rules", () => {
  it("fail on code that breaks each of them", async () => {
    const found = await violations(`${root}test/fixtures/import-rules`);
    expect(found).toEqual(
      expect.arrayContaining([
        "no-cycles: src/adapters/render.ts",
        "core-does-no-io: src/core/reads-files.ts",
        "core-uses-pure-packages: src/core/logs.ts",
        "core-imports-only-core: src/core/renders.ts",
        "commands-do-not-know-platforms: src/commands/help.ts",
        "adapters-transport-only: src/adapters/render.ts",
      ]),
    );
    expect(new Set(found.map((v) => v.split(":")[0]))).toEqual(
      new Set(config.forbidden.map((r) => r.name)),
    );
  });

  it("pass on Factdesk's own code", async () => {
    expect(await violations(root)).toEqual([]);
  });
});
