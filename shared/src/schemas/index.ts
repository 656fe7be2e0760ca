export * from "./case";
export * from "./roles";
export * from "./service-standard";
