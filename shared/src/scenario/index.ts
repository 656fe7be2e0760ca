/** The scenario format and the due-date and pinned-clock maths of a scenario run. */
export * from "./due-dates";
export * from "./schema";
