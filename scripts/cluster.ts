/**
 * `npm run cluster -- [--servers 2] [--port 8080]`: several production servers on one PostgreSQL database behind
 * HAProxy (scripts/cluster/balancer.ts), as a municipality that outgrows one server runs them. Needs DATABASE_URL
 * (PGlite lives inside one process) and a built app (`npx remix build`); every other variable is passed on to each
 * server, with TRUST_PROXY=1 (the balancer's X-Forwarded-For) and PUBLIC_URL the balancer's address unless set.
 * Ctrl-C stops the balancer, then the servers, each with its grace for requests in flight.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { haproxyAvailable, startBalancer } from "./cluster/balancer";
import { freePort } from "./free-port";

const { values: args } = parseArgs({
  options: { servers: { type: "string", default: "2" }, port: { type: "string", default: "8080" } },
});
const servers = Number(args.servers);
const port = Number(args.port);
function refuse(message: string): never {
  console.error(`cluster: ${message}`);
  process.exit(2);
}
if (!(Number.isInteger(servers) && servers >= 1)) refuse("--servers must be a whole number, 1 or more");
if (!(Number.isInteger(port) && port > 0)) refuse("--port must be a port number");
if (!process.env.DATABASE_URL) refuse("set DATABASE_URL: the servers share one PostgreSQL database");
if (!haproxyAvailable()) refuse("haproxy is not installed (apt-get install haproxy)");

const children: ChildProcess[] = [];
const ports: number[] = [];
for (let i = 0; i < servers; i++) {
  const serverPort = await freePort();
  ports.push(serverPort);
  children.push(
    spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
      stdio: "inherit",
      env: {
        ...process.env,
        PORT: String(serverPort),
        TRUST_PROXY: "1",
        PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
      },
    }),
  );
}
for (const child of children) child.once("exit", (code) => code && refuse(`a server exited with code ${code}`));

const balancer = await startBalancer({ port, backends: ports });
console.log(`cluster: ${servers} servers (ports ${ports.join(", ")}) behind ${balancer.url}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await balancer.stop();
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.removeAllListeners("exit");
      child.kill("SIGTERM");
      await once(child, "exit");
    }),
  );
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
