export * from "./case";
export * from "./derived-standard";
export * from "./privacy";
export * from "./service-standard";
