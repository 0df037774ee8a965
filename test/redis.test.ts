import { createServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { connectRedis } from "../src/redis.ts";

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("connectRedis", () => {
  it("says Redis is unreachable, naming where without the password", async () => {
    const port = await closedPort();
    const result = await connectRedis(`redis://user:s3cret@127.0.0.1:${port}`, 500);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "service.unreachable",
        message: expect.stringContaining(`Redis at redis://127.0.0.1:${port} cannot be reached`),
      },
    });
    expect(result.ok ? "" : result.error.message).not.toContain("s3cret");
  });
});

describe("connectRedis against a server that accepts and never answers", () => {
  it("gives up within its bound instead of hanging", async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const result = await connectRedis(`redis://127.0.0.1:${port}`, 300);
      expect(result).toMatchObject({
        ok: false,
        error: { code: "service.unreachable", message: expect.stringContaining("no answer") },
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
