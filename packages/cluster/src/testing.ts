/**
 * Real servers for the cluster tests, started on loopback by the tests themselves: Debian's redis-server on a
 * free port (append-only persistence on) and s3rver (an S3-compatible server) with one bucket, `choreo`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** redis-server on 127.0.0.1 and a free port, with append-only persistence in a temporary directory. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "choreo-redis-"));
  let child: ChildProcess;
  const launch = async (): Promise<void> => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--save", ""],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    await new Promise<void>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("Ready to accept connections")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    });
  };
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.on("exit", () => resolve());
      child.kill("SIGTERM");
    });
  await launch();
  return { url: `redis://127.0.0.1:${port}`, port, dir, stop, restart: async () => (await stop(), launch()) };
}

export interface S3Server {
  readonly endpoint: string;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** s3rver on 127.0.0.1 and a free port with bucket `choreo`; `env` points the AWS SDK at it. */
export async function startS3(): Promise<S3Server> {
  const port = await freePort();
  const server = new S3rver({
    port,
    address: "127.0.0.1",
    silent: true,
    directory: mkdtempSync(join(tmpdir(), "choreo-s3-")),
    configureBuckets: [{ name: "choreo", configs: [] }],
  });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_REGION: "us-east-1",
    },
    stop: () => server.close(),
  };
}
