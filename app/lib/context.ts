/** Set by scripts/server.ts for every request and handed to loaders and actions. */
export interface RequestContext {
  requestId: string;
  nonce: string;
  clientIp: string;
}

declare module "@remix-run/node" {
  interface AppLoadContext extends RequestContext {}
  // Single fetch: loader data keeps Dates, Maps and the like, and typings follow.
  interface Future {
    v3_singleFetch: true;
  }
}
