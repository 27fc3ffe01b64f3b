import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, municipalities } from "#db/schema";
import { env, oidcSecretSuffix, resetEnv } from "~/lib/env.server";
import { forgetProviders } from "~/lib/oidc.server";
import { saveIdentityProvider } from "~/models/identity.server";
import * as start from "~/routes/login_.oidc";
import * as callback from "~/routes/login_.oidc.callback";
import { createUser, createWorld } from "./factories";
import { LOA2, startTestProvider, TestBrowser, type TestClient, type TestProvider } from "./oidc-provider";
import { callRoute } from "./routes";

/**
 * For tests of sign-in through a municipality's provider (issue 25): a real OpenID provider (tests/oidc-provider.ts)
 * for the file, and for each test a fresh municipality that uses it, people at the provider made on demand, and the
 * round trip through the portal's routes. Call at the top of a test file; read the values inside tests.
 */
export const SECRET = "portal-secret-portal-secret";
export const CLIENT_ID = "tillsammans";

export function providerSignInFixture(options: { client?: () => Partial<TestClient> } = {}) {
  let provider: TestProvider;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let slug = "";
  let tag = "";

  beforeAll(async () => {
    provider = await startTestProvider({
      clients: [
        {
          clientId: CLIENT_ID,
          clientSecret: SECRET,
          redirectUris: [`${env().publicUrl}/login/oidc/callback`],
          ...options.client?.(),
        },
      ],
      accounts: [],
    });
  });

  afterAll(async () => {
    await provider?.stop();
    delete process.env[`OIDC_CLIENT_SECRET_${oidcSecretSuffix(slug)}`];
    resetEnv();
  });

  beforeEach(async () => {
    world = await createWorld();
    [{ slug }] = await getDb()
      .select({ slug: municipalities.slug })
      .from(municipalities)
      .where(eq(municipalities.id, world.municipality.id));
    process.env[`OIDC_CLIENT_SECRET_${oidcSecretSuffix(slug)}`] = SECRET;
    resetEnv();
    tag = randomUUID().slice(0, 8);
    forgetProviders();
    await saveIdentityProvider({
      municipalityId: world.municipality.id,
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      displayName: "Norrstad",
      passwordSignIn: true,
    });
  });

  const cookiePair = (setCookie: string) => setCookie.split(";")[0];

  return {
    provider: () => provider,
    world: () => world,
    slug: () => slug,
    /** A person at the provider, unique to this test (e-mail addresses are unique in the portal's shared database). */
    person(name: string, opts: { emailVerified?: boolean; groups?: string[]; acr?: string; amr?: string[] } = {}) {
      const sub = `${name}-${tag}`;
      const email = `${sub}@norr.example`;
      // A password at the provider unless the test says otherwise.
      const { emailVerified = true, groups, acr = LOA2, amr = ["pwd"] } = opts;
      provider.addAccount({ sub, password: "pw", email, emailVerified, name, groups, acr, amr });
      return { sub, email };
    },
    staffWith: (email: string, active = true) =>
      createUser({ municipalityId: world.municipality.id, unitId: world.unit.school.id, role: "staff", email, active }),
    pressButton,
    /** The whole round trip: the button, the provider's login page, and the portal's callback. */
    async signInAs(sub: string, opts: { cookie?: (own: string) => string; requestId?: string } = {}) {
      const { back, cookie, browser, finish } = await atCallback(sub);
      return { ...(await finish(opts)), back, cookie, browser };
    },
    /** Up to the provider's answer, not yet taken: `finish` brings it to the portal (two at once, say). */
    atCallback,
    /** This municipality's audit rows of one kind; or, before the municipality is known, those of given requests. */
    auditOf(action: string, requestIds?: string[]) {
      return getDb()
        .select({ userId: auditEvents.userId, recordId: auditEvents.recordId, details: auditEvents.details })
        .from(auditEvents)
        .where(
          and(
            requestIds
              ? inArray(auditEvents.requestId, requestIds)
              : eq(auditEvents.municipalityId, world.municipality.id),
            eq(auditEvents.action, action),
          ),
        )
        .orderBy(auditEvents.id);
    },
  };

  async function atCallback(sub: string) {
    const { url, cookie } = await pressButton();
    const browser = new TestBrowser();
    const back = await browser.signIn(url, sub, "pw");
    const finish = async (opts: { cookie?: (own: string) => string; requestId?: string } = {}) => {
      const answer = await callRoute(callback.loader, {
        path: `${back.pathname}${back.search}`,
        cookie: opts.cookie ? opts.cookie(cookie) : cookie,
        context: opts.requestId ? { requestId: opts.requestId } : undefined,
      });
      const session = answer.cookies.map(cookiePair).find((c) => c.startsWith("tillsammans_session="));
      return { answer, session };
    };
    return { back, cookie, browser, finish };
  }

  /** Presses the login page's button: the provider's URL and this browser's pending-sign-in cookie. */
  async function pressButton(redirectTo = "/inbox") {
    const started = await callRoute(start.loader, {
      path: `/login/oidc?${new URLSearchParams({ municipality: world.municipality.id, redirectTo: redirectTo })}`,
    });
    expect(started.status).toBe(302);
    expect(started.cookies).toHaveLength(1);
    return { url: new URL(started.location ?? ""), cookie: cookiePair(started.cookies[0]) };
  }
}
