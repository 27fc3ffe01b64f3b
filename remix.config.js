/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // rrule ships CommonJS as `main` and ESM only as `module`: bundling takes the ESM, whose named exports Node needs.
  serverDependenciesToBundle: ["rrule"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: with lazy discovery, following a link while a fetcher is in flight (the inbox marks a message read in the
    // background) could leave a blank page (remix-run/react-router#15326, #15327). The whole manifest is small.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
