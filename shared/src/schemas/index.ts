export * from "./case";
export * from "./derived-standard";
export * from "./privacy";
export * from "./roles";
export * from "./service-standard";
