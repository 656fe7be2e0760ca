export * from "./case";
export * from "./privacy";
export * from "./service-standard";
