/** Test support for the catalogue: its scenario files and running one on the real runtime. Not for production code. */
export * from "./due-dates";
export * from "./run-scenario";
export * from "./scenario-files";
