import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { Logger } from "../log.ts";

/**
 * One part a process needs before it should get traffic: null when ready, else why not, in a
 * short sentence with no secrets in it (it is served to whoever can reach the port).
 */
export interface ReadinessCheck {
  name: string;
  check(): Promise<string | null> | string | null;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** A check that takes longer than this counts as not ready: a hung Redis must not hang probes. */
const CHECK_TIMEOUT_MS = 2000;

async function run(check: ReadinessCheck): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => check.check()), late]);
  } catch (err) {
    return (err as Error).message || "check failed";
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once: `ready` lists the ready parts, `notReady` says why each other is not. */
export async function readiness(checks: readonly ReadinessCheck[]) {
  const results = await Promise.all(checks.map(async (c) => [c.name, await run(c)] as const));
  const notReady = Object.fromEntries(results.filter(([, why]) => why !== null));
  const ready = results.filter(([, why]) => why === null).map(([name]) => name);
  return { ready, notReady };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/**
 * Serves GET /healthz (alive), /readyz (200, or 503 naming what is not ready) and /metrics
 * (Prometheus text) on a port of its own, apart from the one platform requests arrive on.
 * Every process starts one the same way: `startHealthServer({ port, checks, registry, log })`.
 */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  checks: readonly ReadinessCheck[];
  registry: Registry;
  log: Logger;
}): Promise<HealthServer> {
  const { checks, registry, log } = options;
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      json(res, 405, { error: "only GET" });
      return;
    }
    if (path === "/healthz") {
      json(res, 200, { status: "ok" });
      return;
    }
    if (path === "/readyz") {
      readiness(checks).then(({ ready, notReady }) => {
        const ok = Object.keys(notReady).length === 0;
        json(res, ok ? 200 : 503, { status: ok ? "ready" : "not ready", ready, notReady });
      });
      return;
    }
    if (path === "/metrics") {
      registry
        .metrics()
        .then((text) => {
          res.writeHead(200, { "content-type": registry.contentType });
          res.end(text);
        })
        .catch((err: unknown) => {
          log.warn({ err }, "metrics collection failed");
          json(res, 500, { error: "metrics collection failed" });
        });
      return;
    }
    json(res, 404, { error: "not found: GET /healthz, /readyz or /metrics" });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
