/** Test and benchmark support: `alur serve` as a real child process. Not for production code. */
export * from "./spawn-serve";
