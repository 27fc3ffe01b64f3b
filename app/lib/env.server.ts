import { z } from "zod";

/** Hosts that are this machine: a socket path (no host), or a loopback name or address. */
const LOCAL_HOSTS = ["", "localhost", "127.0.0.1", "[::1]"];

/** A data master key: base64 of 32 random bytes (`openssl rand -base64 32`). The message never shows the value. */
const isMasterKey = (v: string) => /^[A-Za-z0-9+/_-]{43}=?$/.test(v) && Buffer.from(v, "base64").length === 32;
const MASTER_KEY_FORM = "must be base64 of 32 random bytes (openssl rand -base64 32)";

/** A comma-separated list of values (older secrets and keys during a rotation). */
const commaList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().positive().default(3000),
    DATABASE_URL: z.string().url().optional(),
    /** A streaming replica of DATABASE_URL: statistics, their exports and the yearly report read from it. */
    DATABASE_READ_URL: z.string().url().optional(),
    /** The owner's connection, for migrations at start; DATABASE_URL is then the application's role (decision 019). */
    MIGRATION_DATABASE_URL: z.string().url().optional(),
    /** Milliseconds before PostgreSQL cancels a request's statement (db/client.server.ts reads it; 0 = never). */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).optional(),
    DATA_DIR: z.string().default("./data"),
    DEMO_MODE: z.enum(["0", "1"]).optional(),
    /** Where users reach the portal; https here turns on Secure/__Host- cookies and HSTS. */
    PUBLIC_URL: z.string().url().optional(),
    SESSION_SECRET: z.string().min(32).optional(),
    /** Older secrets, comma-separated, still accepted during a rotation (see README, Production). */
    SESSION_SECRET_PREVIOUS: commaList.refine(
      (list) => list.every((s) => s.length >= 32),
      "every previous secret needs 32+ characters",
    ),
    /** smtp://user:password@host:587 or smtps://…; without it e-mails wait in the outbox (demo: recorded only). */
    SMTP_URL: z.string().url().optional(),
    /** Wraps the municipalities' data keys, which seal children's identities (decision 021). */
    DATA_MASTER_KEY: z.string().refine(isMasterKey, MASTER_KEY_FORM).optional(),
    /** Older master keys, comma-separated, still unwrapping and hashing during a rotation (decision 021). */
    DATA_MASTER_KEY_PREVIOUS: commaList.refine(
      (list) => list.every(isMasterKey),
      `every previous key ${MASTER_KEY_FORM}`,
    ),
    MAIL_FROM: z.string().default("Tillsammans <noreply@tillsammans.invalid>"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** How many proxies in front of the server to trust for X-Forwarded-For (0 = none). */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_READ_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_READ_URL"],
        message: "needs DATABASE_URL (the primary) beside it",
      });
    }
    if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["MIGRATION_DATABASE_URL"],
        message: "needs DATABASE_URL (the application's role) beside it",
      });
    }
    const demo = env.DEMO_MODE ? env.DEMO_MODE === "1" : !env.DATABASE_URL;
    // Outside demo mode the demo secret would key real sessions and second-factor secrets: never allowed.
    if (!demo && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "required outside demo mode (32+ characters)",
      });
    }
    // Likewise the demo master key would wrap real children's identities.
    if (!demo && !env.DATA_MASTER_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["DATA_MASTER_KEY"],
        message: "required outside demo mode (base64 of 32 random bytes: openssl rand -base64 32)",
      });
    }
    if (!demo && env.NODE_ENV === "production" && !env.PUBLIC_URL?.startsWith("https:")) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "must be an https:// address in production" });
    }
    // Demo mode means the public demo password, no second factor and /dev/mail: only where no one but this machine
    // reaches it. An https address on another host is one users reach; production on a database on another host is a
    // real one. The e2e, tests/server and bench servers run the demo in production on this machine (embedded, or a
    // local PostgreSQL), for React's production build, and hold nothing but the demo municipality.
    // A malformed address is reported by its own check; parsed here it would throw with the value (a password) in it.
    const parsed = (url: string | undefined) => (url && URL.canParse(url) ? new URL(url) : null);
    const elsewhere = (url: string | undefined) => {
      const found = parsed(url);
      return !!found && !LOCAL_HOSTS.includes(found.hostname);
    };
    const https = parsed(env.PUBLIC_URL)?.protocol === "https:";
    const refusedWhere =
      https && elsewhere(env.PUBLIC_URL)
        ? "when PUBLIC_URL is https"
        : env.NODE_ENV === "production" && elsewhere(env.DATABASE_URL)
          ? "with NODE_ENV=production and a DATABASE_URL on another host"
          : undefined;
    if (demo && refusedWhere) {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_MODE"],
        message:
          `demo mode (public demo password, no second factor, /dev/mail) is refused ${refusedWhere}` +
          " (set DEMO_MODE=0 and a SESSION_SECRET)",
      });
    }
  });

export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  databaseUrl?: string;
  migrationDatabaseUrl?: string;
  dataDir: string;
  demoMode: boolean;
  publicUrl: string;
  secureCookies: boolean;
  sessionSecret: string;
  /** Accepted for reading (sessions, second-factor secrets), never used for writing. */
  previousSessionSecrets: string[];
  /** Base64 of 32 bytes: wraps the data keys (app/lib/sealed.server.ts). Never logged. */
  dataMasterKey: string;
  /** Still unwrapping and hashing, never wrapping. */
  previousDataMasterKeys: string[];
  logLevel: string;
  trustProxy: number;
  smtpUrl?: string;
  mailFrom: string;
  /**
   * Each municipality's client secret at its identity provider, from OIDC_CLIENT_SECRET_<SLUG> (the slug upper-cased,
   * other characters as _), keyed by that suffix: never stored in the database (issue 25).
   */
  oidcClientSecrets: Record<string, string>;
}

const OIDC_SECRET_PREFIX = "OIDC_CLIENT_SECRET_";

/** The suffix of a municipality's OIDC_CLIENT_SECRET_… variable. */
export function oidcSecretSuffix(slug: string) {
  return slug.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

// A fixed development secret is harmless: demo mode never holds real data.
const DEMO_SECRET = "tillsammans-demo-secret-not-for-production-use";
// Likewise the demo master key (SHA-256 of "tillsammans-demo-data-master-key-not-for-production-use"): demo data only.
const DEMO_DATA_MASTER_KEY = "prPjcFNYAeNkwxTVhn9kGTO0lUXor7ItNJP/zz7unSI=";

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    dataDir: e.DATA_DIR,
    demoMode: e.DEMO_MODE ? e.DEMO_MODE === "1" : !e.DATABASE_URL,
    publicUrl,
    secureCookies: publicUrl.startsWith("https:"),
    sessionSecret: e.SESSION_SECRET ?? DEMO_SECRET,
    previousSessionSecrets: e.SESSION_SECRET_PREVIOUS,
    dataMasterKey: e.DATA_MASTER_KEY ?? DEMO_DATA_MASTER_KEY,
    previousDataMasterKeys: e.DATA_MASTER_KEY_PREVIOUS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    oidcClientSecrets: Object.fromEntries(
      Object.entries(source)
        .filter(([name, value]) => name.startsWith(OIDC_SECRET_PREFIX) && value)
        .map(([name, value]) => [name.slice(OIDC_SECRET_PREFIX.length), value as string]),
    ),
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
/** For tests that change the environment. */
export function resetEnv() {
  cached = undefined;
}
