/** The HTTP contract of the runtime API: request and response bodies, shared with the designer. */
export * from "./audit";
export * from "./auth";
export * from "./batches";
export * from "./case-operations";
export * from "./cases";
export * from "./complaints";
export * from "./errors";
export * from "./jobs";
export * from "./notifications";
export * from "./processes";
export * from "./public";
export * from "./reports";
export * from "./standards";
export * from "./survey";
export * from "./tasks";
