import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// No Docker daemon here: the files are checked against the Compose specification's JSON schema
// (test/fixtures/compose-spec.json, from github:compose-spec/compose-spec schema/compose-spec.json)
// and against what this project needs of them.
const ROOT = new URL("../../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, ROOT), "utf8");
const ajv = new Ajv({ allErrors: true, strict: false });
// The spec names draft-07 by its https address, which ajv (knowing it as http://) does not match;
// the schema is draft-07, ajv's default, so the name is dropped rather than resolved.
const { $schema: _draft, ...spec } = JSON.parse(read("test/fixtures/compose-spec.json"));
const validate = ajv.compile(spec);

type Service = {
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test?: string[] };
  stop_grace_period?: string;
};
type ComposeFile = { services: Record<string, Service> };

function schemaErrors(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** What Factdesk needs of its compose file and image, as a list of what is wrong. */
function deploymentProblems(compose: ComposeFile, dockerfile: string): string[] {
  const problems: string[] = [];
  const { services } = compose;
  for (const name of ["redis", "postgres", "bot", "worker", "desk"]) {
    if (!services[name]) problems.push(`no ${name} service`);
    else if (!services[name].healthcheck?.test) problems.push(`${name} has no healthcheck`);
  }
  const healthPorts = new Set<string>();
  const processes = ["bot", "worker", "desk"];
  for (const name of processes) {
    const service = services[name];
    if (!service) continue;
    const command = (service.command ?? []).join(" ");
    if (/\b(npx|npm|tsx)\b/.test(command)) problems.push(`${name} runs through ${command}`);
    if (service.command && !/^node dist\//.test(command))
      problems.push(`${name} does not run node on dist/`);
    const port = service.environment?.HEALTH_PORT;
    if (!port) problems.push(`${name} sets no HEALTH_PORT`);
    else healthPorts.add(port);
    const check = (service.healthcheck?.test ?? []).join(" ");
    if (!/^CMD node -e .*fetch\(.*process\.env\.HEALTH_PORT.*\/healthz/.test(check))
      problems.push(`${name}'s healthcheck does not fetch /healthz on HEALTH_PORT with node`);
    if (!service.stop_grace_period) problems.push(`${name} has no stop_grace_period`);
  }
  if (healthPorts.size < processes.length) problems.push("two processes share a HEALTH_PORT");
  const published = (services.bot?.ports ?? []).map((p) => p.split(":").at(-1));
  const botHealth = services.bot?.environment?.HEALTH_PORT;
  if (published.some((p) => p !== botHealth))
    problems.push("the bot publishes a port other than its health port");

  const stages = dockerfile.split(/^FROM /m).slice(1);
  if (stages.length < 2) problems.push("the Dockerfile has a single stage");
  for (const stage of stages) {
    if (!/^node:(22|24)\b/.test(stage))
      problems.push(`stage ${stage.split("\n")[0]} is not Node 22/24`);
  }
  const final = stages.at(-1) ?? "";
  if (!/npm ci --omit=dev/.test(final)) problems.push("the final stage installs dev dependencies");
  if (/COPY (src|tsconfig)/.test(final)) problems.push("the final stage copies the sources");
  if (!/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m.test(final)) problems.push("no init as PID 1");
  if (!/^CMD \["node", "dist\/main\.js", "bot"\]$/m.test(final))
    problems.push("the image does not run node dist/main.js bot");
  return problems;
}

const compose = parse(read("docker-compose.yml")) as ComposeFile;
const dockerfile = read("Dockerfile");

describe("docker-compose.yml and the Dockerfile", () => {
  it("follow the Compose specification, the HTTP override too", () => {
    expect(schemaErrors(compose)).toEqual([]);
    expect(schemaErrors(parse(read("docker-compose.slack-http.yml")))).toEqual([]);
  });

  it("have the services, commands, healthchecks and stages Factdesk needs", () => {
    expect(deploymentProblems(compose, dockerfile)).toEqual([]);
  });

  it("say which Compose version the env_file long form needs", () => {
    expect(read("docker-compose.yml")).toMatch(/Docker Compose 2\.24 or later/);
  });

  it("publish the bot's HTTP port only in the Slack HTTP override", () => {
    const http = parse(read("docker-compose.slack-http.yml")) as ComposeFile;
    expect(http.services.bot?.ports).toEqual(["3000:3000"]);
  });

  it("catch a file that breaks the schema or the project's needs", () => {
    const broken = structuredClone(compose);
    (broken.services.bot as Record<string, unknown>).healthcheck = { test: 5 };
    expect(schemaErrors(broken).length).toBeGreaterThan(0);

    const bad = structuredClone(compose);
    const worker = bad.services.worker as Service;
    worker.command = ["npx", "tsx", "src/cli/worker.ts"];
    delete worker.environment?.HEALTH_PORT;
    (bad.services.bot as Service).ports = ["3000:3000"];
    delete bad.services.redis;
    expect(deploymentProblems(bad, dockerfile.replace(/node:22-slim/g, "node:20-slim"))).toEqual(
      expect.arrayContaining([
        "no redis service",
        "worker runs through npx tsx src/cli/worker.ts",
        "worker sets no HEALTH_PORT",
        "the bot publishes a port other than its health port",
        expect.stringMatching(/is not Node 22\/24/),
      ]),
    );
    expect(deploymentProblems(compose, 'FROM node:22-slim\nCMD ["npx", "tsx"]\n')).toEqual(
      expect.arrayContaining(["the Dockerfile has a single stage", "no init as PID 1"]),
    );
  });
});
