/** Test and benchmark support: `alur serve` as a real child process, a stand-in outside system. Not for production code. */

export * from "./outside-system";
export * from "./spawn-serve";
export * from "./time-skipping";
