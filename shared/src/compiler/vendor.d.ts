// Type declarations for the untyped JavaScript packages the compiler uses. Referenced with
// `/// <reference path>` from the files that import them, so that other workspaces type-check too.

declare module "bpmn-moddle" {
  export interface ParseResult {
    rootElement: import("./moddle-element").ModdleElement;
    warnings: { message: string; element?: unknown; property?: string; value?: unknown; error?: Error }[];
    references: unknown[];
    elementsById: Record<string, import("./moddle-element").ModdleElement>;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<ParseResult>;
    toXML(element: unknown, options?: { format?: boolean; preamble?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): import("./moddle-element").ModdleElement;
    getType(type: string): unknown;
  }
}

declare module "bpmnlint" {
  export interface LintReport {
    id?: string;
    message: string;
    path?: (string | number)[];
    category: "warn" | "error" | "info" | "rule-error";
  }
  export interface RuleDefinition {
    check: unknown;
    meta?: { documentation?: { url?: string } };
  }
  export type RuleFactory = (config?: unknown) => RuleDefinition;
  export class Linter {
    constructor(options: { config?: unknown; resolver: unknown });
    applyRule(
      root: unknown,
      rule: { name: string; rule: RuleDefinition; config: unknown; category: string },
    ): LintReport[];
    lint(root: unknown, config?: unknown): Promise<Record<string, LintReport[]>>;
  }
}

declare module "bpmnlint/lib/resolver/static-resolver" {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
    resolveRule(pkg: string, ruleName: string): import("bpmnlint").RuleFactory;
    resolveConfig(pkg: string, configName: string): { rules: Record<string, string> };
  }
}

declare module "bpmnlint/config/recommended" {
  const config: { rules: Record<string, "error" | "warn" | "off" | "info"> };
  export default config;
}

declare module "bpmnlint/rules/*" {
  const factory: import("bpmnlint").RuleFactory;
  export default factory;
}

declare module "zeebe-bpmn-moddle/resources/zeebe.json" {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
