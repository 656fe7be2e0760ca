/** Accounts, sessions and authorization. */
export * from "./accounts";
export * from "./login";
export * from "./password";
export * from "./policy";
export * from "./principal";
export * from "./roles";
export * from "./seed-demo";
export * from "./sessions";
