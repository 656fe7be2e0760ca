export * from "./case";
export * from "./service-standard";
