/// <reference path="./vendor.d.ts" />
/**
 * bpmnlint's recommended rules, run through its Linter with a static resolver: the rules are
 * imported here, so nothing is required dynamically (the designer bundles this for the browser).
 */
import { Linter, type RuleDefinition } from "bpmnlint";
import recommended from "bpmnlint/config/recommended";
import StaticResolver from "bpmnlint/lib/resolver/static-resolver";
import adHocSubProcess from "bpmnlint/rules/ad-hoc-sub-process";
import conditionalFlows from "bpmnlint/rules/conditional-flows";
import endEventRequired from "bpmnlint/rules/end-event-required";
import eventBasedGateway from "bpmnlint/rules/event-based-gateway";
import eventSubProcessTypedStartEvent from "bpmnlint/rules/event-sub-process-typed-start-event";
import fakeJoin from "bpmnlint/rules/fake-join";
import global from "bpmnlint/rules/global";
import labelRequired from "bpmnlint/rules/label-required";
import linkEvent from "bpmnlint/rules/link-event";
import noBpmndi from "bpmnlint/rules/no-bpmndi";
import noComplexGateway from "bpmnlint/rules/no-complex-gateway";
import noDisconnected from "bpmnlint/rules/no-disconnected";
import noDuplicateSequenceFlows from "bpmnlint/rules/no-duplicate-sequence-flows";
import noGatewayJoinFork from "bpmnlint/rules/no-gateway-join-fork";
import noImplicitEnd from "bpmnlint/rules/no-implicit-end";
import noImplicitSplit from "bpmnlint/rules/no-implicit-split";
import noImplicitStart from "bpmnlint/rules/no-implicit-start";
import noInclusiveGateway from "bpmnlint/rules/no-inclusive-gateway";
import noOverlappingElements from "bpmnlint/rules/no-overlapping-elements";
import singleBlankStartEvent from "bpmnlint/rules/single-blank-start-event";
import singleEventDefinition from "bpmnlint/rules/single-event-definition";
import startEventRequired from "bpmnlint/rules/start-event-required";
import subProcessBlankStartEvent from "bpmnlint/rules/sub-process-blank-start-event";
import superfluousGateway from "bpmnlint/rules/superfluous-gateway";
import superfluousLabel from "bpmnlint/rules/superfluous-label";
import superfluousTermination from "bpmnlint/rules/superfluous-termination";
import type { ModdleElement } from "./moddle-element";
import { type Problem, problem } from "./problem";

const resolver = new StaticResolver({
  "config:bpmnlint/recommended": recommended,
  "rule:bpmnlint/ad-hoc-sub-process": adHocSubProcess,
  "rule:bpmnlint/conditional-flows": conditionalFlows,
  "rule:bpmnlint/end-event-required": endEventRequired,
  "rule:bpmnlint/event-based-gateway": eventBasedGateway,
  "rule:bpmnlint/event-sub-process-typed-start-event": eventSubProcessTypedStartEvent,
  "rule:bpmnlint/fake-join": fakeJoin,
  "rule:bpmnlint/global": global,
  "rule:bpmnlint/label-required": labelRequired,
  "rule:bpmnlint/link-event": linkEvent,
  "rule:bpmnlint/no-bpmndi": noBpmndi,
  "rule:bpmnlint/no-complex-gateway": noComplexGateway,
  "rule:bpmnlint/no-disconnected": noDisconnected,
  "rule:bpmnlint/no-duplicate-sequence-flows": noDuplicateSequenceFlows,
  "rule:bpmnlint/no-gateway-join-fork": noGatewayJoinFork,
  "rule:bpmnlint/no-implicit-split": noImplicitSplit,
  "rule:bpmnlint/no-implicit-end": noImplicitEnd,
  "rule:bpmnlint/no-implicit-start": noImplicitStart,
  "rule:bpmnlint/no-inclusive-gateway": noInclusiveGateway,
  "rule:bpmnlint/no-overlapping-elements": noOverlappingElements,
  "rule:bpmnlint/single-blank-start-event": singleBlankStartEvent,
  "rule:bpmnlint/single-event-definition": singleEventDefinition,
  "rule:bpmnlint/start-event-required": startEventRequired,
  "rule:bpmnlint/sub-process-blank-start-event": subProcessBlankStartEvent,
  "rule:bpmnlint/superfluous-gateway": superfluousGateway,
  "rule:bpmnlint/superfluous-label": superfluousLabel,
  "rule:bpmnlint/superfluous-termination": superfluousTermination,
});

/**
 * Alur's deviations from the recommended configuration: Alur executes inclusive gateways, so
 * bpmnlint's advice against them would only be noise.
 */
export const LINT_OVERRIDES: Record<string, "off" | "warn" | "error"> = { "no-inclusive-gateway": "off" };

interface ResolvedRule {
  name: string;
  rule: RuleDefinition;
  config: unknown;
  category: "warn" | "error";
}

/**
 * The enabled recommended rules, created afresh for each run: some rules (no-duplicate-sequence-flows,
 * no-bpmndi) keep state in their factory closure, so reusing an instance leaks one model into the next.
 */
function lintRules(): ResolvedRule[] {
  const config = { ...recommended.rules, ...LINT_OVERRIDES };
  return Object.entries(config)
    .filter(([, category]) => category === "warn" || category === "error")
    .map(([name, category]) => ({
      name,
      rule: resolver.resolveRule("bpmnlint", name)({}),
      config: {},
      category: category as "warn" | "error",
    }));
}

/** The bpmnlint configuration Alur lints with: recommended, plus Alur's overrides. */
export const LINT_CONFIG = { extends: "bpmnlint:recommended", rules: LINT_OVERRIDES };

/** A Linter over the statically resolved rules, for callers that want bpmnlint's own API. */
export function createLinter(): Linter {
  return new Linter({ config: LINT_CONFIG, resolver });
}

interface Check {
  enter?: (node: unknown, reporter: Reporter) => boolean | undefined;
}

class Reporter {
  readonly messages: { id?: string; message: string }[] = [];
  report = (id: string | undefined, message: string) => {
    this.messages.push({ id, message });
  };
}

/** Rules that would need the walk to enter diagram or extension elements (none of the recommended). */
const WALKS_NON_SEMANTIC = new Set(["standard-size"]);

/**
 * Runs bpmnlint's recommended rules on definitions; synchronous, never throws. Same rules and
 * reports as `Linter.lint` (tested against it on every corpus model), but cheaper on large models:
 * all rules share one walk of the tree instead of one walk each, and the walk skips diagram
 * interchange and extension elements, which no recommended rule inspects through the walk
 * (no-bpmndi and no-overlapping-elements read the diagram from the definitions themselves).
 */
/** bpmnlint rules that read the diagram interchange through definitions.diagrams. */
const DIAGRAM_RULES = new Set(["no-bpmndi", "no-overlapping-elements"]);
const SKIPPED = "\u0000skipped";

export function lintDefinitions(definitions: ModdleElement): Problem[] {
  const rules = lintRules();
  const reporters = rules.map(() => new Reporter());
  const failures: (string | undefined)[] = rules.map(() => undefined);
  if (rules.some((r) => typeof r.rule.check === "object" && r.rule.check !== null && "leave" in r.rule.check)) {
    // The shared walk below has no leave hooks; bpmnlint's own runner has.
    return lintWithLinter(definitions, rules);
  }
  // A diagram without a plane (hand-edited or truncated XML) makes the diagram rules of bpmnlint
  // throw; say what is wrong instead and leave those rules out.
  const planeless = (Array.isArray(definitions.diagrams) ? (definitions.diagrams as ModdleElement[]) : []).filter(
    (d) => isObject(d) && !d.plane,
  );
  if (planeless.length > 0) {
    rules.forEach((rule, i) => {
      if (DIAGRAM_RULES.has(rule.name)) failures[i] = SKIPPED;
    });
  }
  const prune = !rules.some((r) => WALKS_NON_SEMANTIC.has(r.name));
  const enters = rules.map((rule) => {
    const check = rule.rule.check as Check | Check["enter"];
    return typeof check === "function" ? check : check?.enter;
  });
  // Mirrors bpmnlint/lib/traverse: enter, then descend unless enter returned false. A rule that
  // throws is recorded and then left out. The rules are called inline, not through a wrapper per
  // rule: this loop runs once per rule and node (some 30,000 times for 500 flow nodes).
  const visit = (node: ModdleElement, active: readonly number[], depth: number) => {
    let declined: number[] | undefined;
    for (let k = 0; k < active.length; k++) {
      const i = active[k] as number;
      const enter = enters[i];
      let goOn = true;
      if (enter) {
        if (failures[i] !== undefined) goOn = false;
        else {
          try {
            goOn = enter(node, reporters[i] as Reporter) !== false;
          } catch (error) {
            failures[i] = error instanceof Error ? error.message : String(error);
            goOn = false;
          }
        }
      }
      if (!goOn && !declined) declined = active.slice(0, k);
      else if (goOn && declined) declined.push(i);
    }
    const descend = declined ?? active;
    if (descend.length === 0 || depth >= 200) return;
    for (const property of containedProperties(node)) {
      if (prune && (property.name === "diagrams" || property.name === "extensionElements")) continue;
      const value = node[property.name];
      if (value === undefined) continue;
      // Contained properties hold moddle elements by construction; only guard against holes.
      if (property.isMany) {
        if (Array.isArray(value)) for (const child of value) if (isObject(child)) visit(child, descend, depth + 1);
      } else if (isObject(value)) visit(value, descend, depth + 1);
    }
  };
  visit(
    definitions,
    rules.map((_, i) => i),
    0,
  );

  const problems: Problem[] = planeless.map((d) =>
    problem(typeof d.id === "string" ? d.id : definitions.id, "warning", "diagram-without-plane", {
      id: "Diagram (BPMNDiagram) tanpa bidang (BPMNPlane): bentuk diagram tidak dapat diperiksa.",
      en: "Diagram (BPMNDiagram) without a plane (BPMNPlane): its shapes cannot be checked.",
    }),
  );
  rules.forEach((rule, i) => {
    const failed = failures[i];
    if (failed === SKIPPED) return;
    if (failed !== undefined) {
      problems.push(
        problem(definitions.id, "warning", `bpmnlint/${rule.name}`, {
          id: `Aturan bpmnlint ${rule.name} gagal dijalankan: ${failed}`,
          en: `bpmnlint rule ${rule.name} failed: ${failed}`,
        }),
      );
      return;
    }
    for (const report of (reporters[i] as Reporter).messages) {
      problems.push(
        problem(report.id, rule.category === "error" ? "error" : "warning", `bpmnlint/${rule.name}`, {
          id: translate(rule.name, report.message),
          en: report.message,
        }),
      );
    }
  });
  return problems;
}

/** bpmnlint's Linter applying each rule in turn: the reference behaviour, slower on large models. */
function lintWithLinter(definitions: ModdleElement, rules: ResolvedRule[]): Problem[] {
  const linter = new Linter({ resolver });
  return rules.flatMap((rule) =>
    linter.applyRule(definitions, rule).map((report) =>
      report.category === "rule-error"
        ? problem(definitions.id, "warning", `bpmnlint/${rule.name}`, {
            id: `Aturan bpmnlint ${rule.name} gagal dijalankan: ${report.message}`,
            en: `bpmnlint rule ${rule.name} failed: ${report.message}`,
          })
        : problem(report.id, rule.category === "error" ? "error" : "warning", `bpmnlint/${rule.name}`, {
            id: translate(rule.name, report.message),
            en: report.message,
          }),
    ),
  );
}

function isObject(value: unknown): value is ModdleElement {
  return typeof value === "object" && value !== null;
}

interface PropertyDescriptor {
  name: string;
  type: string;
  isMany?: boolean;
  isAttr?: boolean;
  isReference?: boolean;
}

const SIMPLE_TYPES = new Set(["String", "Boolean", "Integer", "Real"]);
const containedByDescriptor = new WeakMap<object, PropertyDescriptor[]>();

/** Properties holding child elements, as bpmnlint's traverse selects them; cached per type. */
function containedProperties(node: ModdleElement): PropertyDescriptor[] {
  const descriptor = node.$descriptor as { isGeneric?: boolean; properties?: PropertyDescriptor[] } | undefined;
  if (!descriptor || descriptor.isGeneric || !Array.isArray(descriptor.properties)) return [];
  let contained = containedByDescriptor.get(descriptor);
  if (!contained) {
    contained = descriptor.properties.filter((p) => !p.isAttr && !p.isReference && !SIMPLE_TYPES.has(p.type));
    containedByDescriptor.set(descriptor, contained);
  }
  return contained;
}

/** Bahasa Indonesia for bpmnlint's English messages (the rule name keeps the meaning exact). */
const TRANSLATIONS: Record<string, string> = {
  "ad-hoc-sub-process": "Subproses ad-hoc tidak sah",
  "conditional-flows": "Alur keluar bersyarat tanpa kondisi",
  "end-event-required": "Proses atau subproses tidak memiliki peristiwa akhir",
  "event-based-gateway": "Gateway berbasis peristiwa tidak sah",
  "event-sub-process-typed-start-event": "Subproses peristiwa memerlukan peristiwa awal bertipe",
  "fake-join": "Penggabungan semu: beberapa alur masuk tanpa gateway",
  global: "Elemen global tidak sah atau tidak terpakai",
  "label-required": "Elemen memerlukan label",
  "link-event": "Peristiwa tautan tidak berpasangan",
  "no-bpmndi": "Elemen tidak memiliki bentuk diagram (BPMNDI)",
  "no-complex-gateway": "Gateway kompleks tidak didukung",
  "no-disconnected": "Elemen tidak terhubung",
  "no-duplicate-sequence-flows": "Alur urutan ganda",
  "no-gateway-join-fork": "Gateway menggabung dan memecah sekaligus",
  "no-implicit-split": "Pemecahan implisit: beberapa alur keluar tanpa gateway",
  "no-implicit-end": "Akhir implisit: elemen tanpa alur keluar",
  "no-implicit-start": "Awal implisit: elemen tanpa alur masuk",
  "no-overlapping-elements": "Elemen diagram saling menimpa",
  "single-blank-start-event": "Lebih dari satu peristiwa awal kosong",
  "single-event-definition": "Peristiwa dengan lebih dari satu definisi",
  "start-event-required": "Proses atau subproses tidak memiliki peristiwa awal",
  "sub-process-blank-start-event": "Subproses memerlukan peristiwa awal kosong",
  "superfluous-gateway": "Gateway berlebihan (satu masuk, satu keluar)",
  "superfluous-label": "Label berlebihan",
  "superfluous-termination": "Peristiwa akhir terminasi berlebihan",
};

function translate(rule: string, message: string): string {
  const id = TRANSLATIONS[rule];
  return id ? `${id} (${message})` : message;
}
