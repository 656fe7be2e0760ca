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
const LINT_CONFIG = { extends: "bpmnlint:recommended", rules: LINT_OVERRIDES };

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
        problem(
          report.id,
          rule.category === "error" ? "error" : "warning",
          `bpmnlint/${rule.name}`,
          lintWords(rule.name, report.message),
        ),
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
        : problem(
            report.id,
            rule.category === "error" ? "error" : "warning",
            `bpmnlint/${rule.name}`,
            lintWords(rule.name, report.message),
          ),
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

type Words = { id: string; en: string };

/**
 * bpmnlint's messages in plain words, both languages, keyed by rule and matched on the message
 * (some rules report several): the element is named in front (see element-words), so each is
 * what is wrong and what to do. A message bpmnlint adds later falls back to its own text.
 */
const LINT_WORDS: [rule: string, message: RegExp, words: (match: RegExpMatchArray) => Words][] = [
  [
    "ad-hoc-sub-process",
    /Start Event/,
    () => ({
      id: "peristiwa awal tidak boleh ada di dalam subproses bebas urutan (ad-hoc)",
      en: "a start event is not allowed inside an ad-hoc sub-process",
    }),
  ],
  [
    "ad-hoc-sub-process",
    /End Event/,
    () => ({
      id: "peristiwa akhir tidak boleh ada di dalam subproses bebas urutan (ad-hoc)",
      en: "an end event is not allowed inside an ad-hoc sub-process",
    }),
  ],
  [
    "conditional-flows",
    /./,
    () => ({
      id: "alur ini bersyarat tetapi kondisinya kosong; isi kondisinya",
      en: "this flow is conditional but its condition is empty; fill it in",
    }),
  ],
  [
    "conditional-event",
    /./,
    () => ({
      id: "peristiwa bersyarat ini belum memiliki kondisi",
      en: "this conditional event has no condition",
    }),
  ],
  [
    "end-event-required",
    /./,
    () => ({
      id: "Tidak ada akhir (peristiwa akhir); tambahkan satu agar perkara dapat selesai",
      en: "There is no end (end event); add one so cases can finish",
    }),
  ],
  [
    "event-based-gateway",
    /at least 2/,
    () => ({
      id: "percabangan yang menunggu peristiwa memerlukan sedikitnya dua alur keluar",
      en: "a branch waiting for events needs at least two outgoing flows",
    }),
  ],
  [
    "event-based-gateway",
    /conditional/,
    () => ({
      id: "alur yang keluar dari percabangan yang menunggu peristiwa tidak boleh bersyarat",
      en: "a flow leaving a branch that waits for events must not have a condition",
    }),
  ],
  [
    "event-sub-process-typed-start-event",
    /./,
    () => ({
      id: "awal subproses peristiwa harus menyebut peristiwa yang memulainya (pesan, waktu, galat, ...)",
      en: "the start of an event sub-process must name the event that starts it (message, timer, error, ...)",
    }),
  ],
  [
    "fake-join",
    /./,
    () => ({
      id: "beberapa alur masuk ke sini tanpa percabangan penggabung, jadi langkah ini berjalan sekali untuk setiap alur yang tiba; gabungkan dengan percabangan",
      en: "several flows enter here without a joining branch, so this runs once for every flow that arrives; join them with a branch",
    }),
  ],
  ["global", /missing name/, () => ({ id: "belum bernama", en: "has no name" })],
  ["global", /unused/, () => ({ id: "tidak dipakai di mana pun", en: "is not used anywhere" })],
  [
    "global",
    /not unique/,
    () => ({ id: "namanya sama dengan elemen lain", en: "has the same name as another element" }),
  ],
  [
    "label-required",
    /./,
    () => ({
      id: "belum bernama; beri nama agar petugas dapat mengenalinya",
      en: "has no name; name it so staff can recognise it",
    }),
  ],
  [
    "link-event",
    /missing link name/,
    () => ({
      id: "peristiwa tautan ini belum memiliki nama tautan",
      en: "this link event has no link name",
    }),
  ],
  [
    "link-event",
    /^Duplicate link catch event with link name <(.*)> in scope$/,
    (m) => ({
      id: `ada lebih dari satu penangkap tautan "${m[1]}" di tingkat yang sama`,
      en: `more than one link catch event named "${m[1]}" at the same level`,
    }),
  ],
  [
    "link-event",
    /^Link (catch|throw) event with link name <(.*)> missing in scope$/,
    (m) => ({
      id: `pasangan tautan "${m[2]}" (${m[1] === "catch" ? "penangkap" : "pelempar"}) tidak ada di tingkat yang sama`,
      en: `its partner link "${m[2]}" (${m[1]} event) is missing at the same level`,
    }),
  ],
  [
    "no-bpmndi",
    /./,
    () => ({
      id: "tidak tergambar di diagram (tidak ada bentuknya)",
      en: "is not drawn in the diagram (it has no shape)",
    }),
  ],
  [
    "no-complex-gateway",
    /./,
    () => ({
      id: "percabangan kompleks sebaiknya tidak dipakai",
      en: "complex branches are discouraged",
    }),
  ],
  [
    "no-inclusive-gateway",
    /./,
    () => ({
      id: "percabangan inklusif sebaiknya tidak dipakai",
      en: "inclusive branches are discouraged",
    }),
  ],
  [
    "no-disconnected",
    /./,
    () => ({
      id: "tidak terhubung dengan langkah lain; hubungkan dengan alur atau hapus",
      en: "is not connected to any other step; connect it with a flow or remove it",
    }),
  ],
  [
    "no-duplicate-sequence-flows",
    /is a duplicate/,
    () => ({
      id: "alur ganda: ada alur lain dengan asal dan tujuan yang sama",
      en: "duplicate flow: another flow has the same source and target",
    }),
  ],
  [
    "no-duplicate-sequence-flows",
    /outgoing/,
    () => ({ id: "memiliki alur keluar ganda", en: "has duplicate outgoing flows" }),
  ],
  [
    "no-duplicate-sequence-flows",
    /incoming/,
    () => ({ id: "memiliki alur masuk ganda", en: "has duplicate incoming flows" }),
  ],
  [
    "no-gateway-join-fork",
    /./,
    () => ({
      id: "menggabung dan memecah alur sekaligus; pisahkan menjadi dua percabangan",
      en: "joins and splits flows at once; use two branches instead",
    }),
  ],
  [
    "no-implicit-end",
    /./,
    () => ({
      id: "tidak memiliki alur keluar dan bukan akhir; tambahkan peristiwa akhir sesudahnya",
      en: "has no outgoing flow and is not an end; add an end event after it",
    }),
  ],
  [
    "no-implicit-split",
    /./,
    () => ({
      id: "memiliki beberapa alur keluar tanpa percabangan, sehingga semuanya berjalan serentak; pakai percabangan agar jelas",
      en: "has several outgoing flows without a branch, so all of them run at once; use a branch to make it clear",
    }),
  ],
  [
    "no-implicit-start",
    /./,
    () => ({
      id: "tidak memiliki alur masuk dan bukan awal; hubungkan dari langkah sebelumnya",
      en: "has no incoming flow and is not a start; connect it from an earlier step",
    }),
  ],
  [
    "no-overlapping-elements",
    /overlaps/,
    () => ({
      id: "bentuknya menimpa elemen lain di diagram",
      en: "its shape overlaps another element in the diagram",
    }),
  ],
  [
    "no-overlapping-elements",
    /outside/,
    () => ({
      id: "bentuknya berada di luar batas wadahnya",
      en: "its shape lies outside its container",
    }),
  ],
  [
    "single-blank-start-event",
    /./,
    () => ({
      id: "Ada lebih dari satu awal tanpa jenis peristiwa; sisakan satu",
      en: "There is more than one start without an event type; keep one",
    }),
  ],
  [
    "single-event-definition",
    /./,
    () => ({
      id: "peristiwa ini memiliki lebih dari satu definisi",
      en: "this event has more than one definition",
    }),
  ],
  [
    "start-event-required",
    /./,
    () => ({
      id: "Tidak ada awal (peristiwa awal); tambahkan satu",
      en: "There is no start (start event); add one",
    }),
  ],
  [
    "sub-process-blank-start-event",
    /./,
    () => ({
      id: "awal subproses harus tanpa jenis peristiwa",
      en: "a sub-process's start must have no event type",
    }),
  ],
  [
    "superfluous-gateway",
    /./,
    () => ({
      id: "percabangan ini berlebihan: hanya satu alur masuk dan satu keluar; hapus saja",
      en: "this branch is superfluous: one flow in and one out; remove it",
    }),
  ],
  [
    "superfluous-label",
    /./,
    () => ({
      id: "label alur ini berlebihan (alurnya tidak keluar dari percabangan)",
      en: "this flow's label is superfluous (it does not leave a branch)",
    }),
  ],
  [
    "superfluous-termination",
    /./,
    () => ({
      id: "akhir penghentian (terminate) berlebihan; akhir biasa sudah cukup",
      en: "the terminate end is superfluous; a plain end is enough",
    }),
  ],
];

/** A bpmnlint message in plain words; bpmnlint's own text when Alur has none for it. */
export function lintWords(rule: string, message: string): Words {
  for (const [name, pattern, words] of LINT_WORDS) {
    if (name !== rule) continue;
    const match = message.match(pattern);
    if (match) return words(match);
  }
  return { id: `Aturan bpmnlint ${rule}: ${message}`, en: message };
}
