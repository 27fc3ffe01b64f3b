/**
 * HAProxy (Debian's package) in front of several app servers: round robin, each server checked on /healthz every
 * second, taken out after two failed checks (a stopped database, a server shutting down) and back after one good one.
 * A request that could not reach a server is tried on another. Used by `npm run cluster`, the benchmark and the
 * cluster test.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const HAPROXY = "/usr/sbin/haproxy";

export interface BalancerOptions {
  /** The port the balancer listens on (127.0.0.1). */
  port: number;
  /** The app servers' ports on 127.0.0.1. */
  backends: number[];
  /** Adds `X-Served-By: s1`, `s2`… to answers, for a test to see which server answered. */
  servedBy?: boolean;
}

export interface Balancer {
  url: string;
  stop(): Promise<void>;
}

export function haproxyAvailable() {
  return spawnSync(HAPROXY, ["-v"], { stdio: "ignore" }).status === 0;
}

export function haproxyConfig({ port, backends, servedBy = false }: BalancerOptions) {
  return `global
  maxconn 2000

defaults
  mode http
  timeout connect 1s
  timeout client 60s
  timeout server 60s
  timeout check 2s
  option forwardfor
  # A request whose server refused the connection (stopped, restarting) is tried again on another; nothing is
  # retried once a server has it, so a form is never sent twice.
  option redispatch
  retries 2

frontend portal
  bind 127.0.0.1:${port}
  default_backend app

backend app
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
${servedBy ? "  http-response set-header X-Served-By %s\n" : ""}${backends
  .map((backend, i) => `  server s${i + 1} 127.0.0.1:${backend} check inter 1s fall 2 rise 1`)
  .join("\n")}
`;
}

/** Starts HAProxy in the foreground and waits until it answers /healthz through a healthy server. */
export async function startBalancer(options: BalancerOptions): Promise<Balancer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tillsammans-balancer-"));
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(config, haproxyConfig(options));
  const child: ChildProcess = spawn(HAPROXY, ["-db", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`haproxy exited: ${output.trim()}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (healthy) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`haproxy did not reach a healthy server within 15 s: ${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
