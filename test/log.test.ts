import { execFile, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const LOG_LINE =
  'const { log } = await import("./src/log.ts"); log.info({ token: "xoxb-1-s3cr3t", config: { headers: { authorization: "Bot s3cr3t" } }, port: 9 }, "hello")';

function run(file: string, args: string[]) {
  return new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(file, args, { timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(err) : resolve({ stdout, stderr }),
    );
  });
}

describe("logs", () => {
  it("are one JSON object a line on stderr when it is not a terminal, secrets redacted", async () => {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "-e", LOG_LINE]);
    expect(stdout).toBe("");
    const line = JSON.parse(stderr.trim());
    expect(line).toMatchObject({ msg: "hello", port: 9, token: "[redacted]" });
    expect(stderr).not.toContain("s3cr3t");
  }, 60_000);

  // script(1) gives the process a terminal, as a person running npm start has.
  it.skipIf(spawnSync("script", ["--version"]).error !== undefined)(
    "are readable lines (pino-pretty) on a terminal, secrets redacted",
    async () => {
      const command = `${process.execPath} --import tsx -e '${LOG_LINE}'`;
      const { stdout } = await run("script", ["-qec", command, "/dev/null"]);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: colours are stripped to read it
      const text = stdout.replace(/\u001b\[[0-9;]*m/g, "");
      expect(text).toMatch(/INFO \(factdesk\/\d+\): hello/);
      expect(text).toContain('token: "[redacted]"');
      expect(text).not.toContain("s3cr3t");
      expect(text).not.toContain('{"level"');
    },
    60_000,
  );
});
