import { AsyncLocalStorage } from "node:async_hooks";
import type { Action } from "./permissions.server";

/**
 * What the audit trail needs to know about the request a change happens in, without every model function taking it:
 * the request's id, and the permission the page was opened under (which of the user's units it was done in).
 * The server enters it for each request (scripts/server.ts); outside a request (a job, a test) it is empty.
 */
interface RequestContext {
  requestId: string;
  permission?: Action;
}

// The server script and the Remix build each load this module: one store for both, on a registered symbol.
const KEY = Symbol.for("tillsammans.requestContext");
const shared = globalThis as Record<symbol, unknown>;
shared[KEY] ??= new AsyncLocalStorage<RequestContext>();
const storage = shared[KEY] as AsyncLocalStorage<RequestContext>;

export function runInRequest<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequest(): Readonly<RequestContext> | undefined {
  return storage.getStore();
}

/** The first permission a request is checked for is the one its page is about. */
export function notePermission(action: Action) {
  const store = storage.getStore();
  if (store && !store.permission) store.permission = action;
}
