export * from "./organisation";
export * from "./auth";
export * from "./audit";
export * from "./inbox";
export * from "./guidance";
export * from "./reports";
export * from "./advice";
export * from "./outbox";
