import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the server received, body kept as text so any format can be decoded by the test. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** Path only. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

export type Responder = (request: RecordedRequest) => CannedResponse | Promise<CannedResponse>;

/**
 * A local HTTP server that records every request and answers from per-route responses, standing
 * in for a platform's API in tests. Routes are keyed by method and path ("POST /api/chat.postMessage").
 */
export interface RecordingServer {
  /** Base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  /** Every request so far, oldest first. */
  requests: RecordedRequest[];
  /** The requests to one route, oldest first. */
  requestsTo(method: string, path: string): RecordedRequest[];
  /** Sets the standing response for a route. */
  route(method: string, path: string, response: CannedResponse | Responder): void;
  /** Queues a response used once, before the standing one, for the route's next request. */
  once(method: string, path: string, response: CannedResponse | Responder): void;
  /** Resolves with the route's `count`-th request (1-based), now or when it arrives. */
  waitFor(method: string, path: string, count?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

const NOT_FOUND: CannedResponse = { status: 404, body: { ok: false, error: "unknown_route" } };

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const standing = new Map<string, CannedResponse | Responder>();
  const queued = new Map<string, (CannedResponse | Responder)[]>();
  const waiters: { key: string; count: number; resolve: (r: RecordedRequest) => void }[] = [];
  const keyOf = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
  const matching = (key: string) => requests.filter((r) => keyOf(r.method, r.path) === key);

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? "/";
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      url,
      path: new URL(url, "http://localhost").pathname,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(recorded);
    const key = keyOf(recorded.method, recorded.path);
    const position = matching(key).length;
    const planned = queued.get(key)?.shift() ?? standing.get(key) ?? NOT_FOUND;
    const response = typeof planned === "function" ? await planned(recorded) : planned;
    const isText = typeof response.body === "string";
    res.writeHead(response.status ?? 200, {
      "content-type": isText ? "text/plain" : "application/json",
      ...response.headers,
    });
    res.end(isText ? response.body : JSON.stringify(response.body ?? {}));

    for (const w of waiters.filter((w) => w.key === key && w.count === position)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(recorded);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (method, path) => matching(keyOf(method, path)),
    route(method, path, response) {
      standing.set(keyOf(method, path), response);
    },
    once(method, path, response) {
      const key = keyOf(method, path);
      queued.set(key, [...(queued.get(key) ?? []), response]);
    },
    waitFor(method, path, count = 1) {
      const key = keyOf(method, path);
      const already = matching(key)[count - 1];
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => waiters.push({ key, count, resolve }));
    },
    close: () =>
      new Promise((resolve, reject) => {
        // Keep-alive sockets from clients under test must not hold close() open.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
