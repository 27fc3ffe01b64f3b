/**
 * A PostgreSQL cluster of the test's own, from Debian's binaries (initdb, pg_ctl) in a temporary folder on a free
 * port, so that a test may stop it (as a crash or a shutdown) and start it again without touching the shared server.
 * As root it runs as the `postgres` user, which initdb requires.
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./helpers";

const run = promisify(execFile);
const PG_LIB = "/usr/lib/postgresql";

/** The newest installed PostgreSQL's bin folder, or null. */
function binaries(): string | null {
  if (!existsSync(PG_LIB)) return null;
  const versions = readdirSync(PG_LIB)
    .filter((v) => existsSync(path.join(PG_LIB, v, "bin", "initdb")))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? path.join(PG_LIB, versions[versions.length - 1], "bin") : null;
}

const asRoot = process.getuid?.() === 0;

export class ThrowawayCluster {
  static readonly bin = binaries();
  readonly dir = mkdtempSync(path.join(tmpdir(), "tillsammans-cluster-"));
  port = 0;

  /** Whether this machine can make one (Debian's PostgreSQL installed). */
  static available() {
    return ThrowawayCluster.bin !== null;
  }

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private async pg(tool: string, ...args: string[]) {
    const program = path.join(ThrowawayCluster.bin as string, tool);
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
    return run(file, argv, { timeout: 60_000 });
  }

  async init() {
    await this.claimFolder();
    await this.pg("initdb", "-D", path.join(this.dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync");
  }

  /** The folder for the postgres user (which the server runs as), and a port. */
  private async claimFolder() {
    if (asRoot) {
      const { stdout } = await run("id", ["-u", "postgres"]);
      const { stdout: gid } = await run("id", ["-g", "postgres"]);
      chownSync(this.dir, Number(stdout.trim()), Number(gid.trim()));
    }
    this.port = await freePort();
  }

  /** Makes this cluster a streaming replica of `primary` (running): a base backup with its standby settings (-R). */
  async replicaOf(primary: ThrowawayCluster) {
    await this.claimFolder();
    const source = ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres"];
    await this.pg(
      "pg_basebackup",
      ...source,
      "-D",
      path.join(this.dir, "data"),
      "-R",
      "-X",
      "stream",
      "--checkpoint=fast",
      "--no-sync",
    );
  }

  /** Starts it and returns once it accepts connections. */
  async start() {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    await this.pg(
      "pg_ctl",
      "-D",
      path.join(this.dir, "data"),
      "-l",
      path.join(this.dir, "log"),
      "-w",
      "-o",
      options,
      "start",
    );
  }

  /** `immediate`: as a crash (no checkpoint; recovery from the WAL at the next start). `fast`: a clean shutdown. */
  async stop(mode: "immediate" | "fast" = "fast") {
    await this.pg("pg_ctl", "-D", path.join(this.dir, "data"), "-m", mode, "-w", "stop");
  }

  async destroy() {
    await this.stop("immediate").catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}
