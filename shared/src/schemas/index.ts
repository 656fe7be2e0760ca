export * from "./case";
export * from "./derived-standard";
export * from "./service-standard";
