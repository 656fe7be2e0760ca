/** Test and benchmark support: `alur serve` as a real child process, a stand-in outside system. Not for production code. */

export * from "./message-gateway";
export * from "./outside-system";
export * from "./smtp-server";
export * from "./spawn-serve";
export * from "./time-skipping";
