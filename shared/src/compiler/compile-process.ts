/**
 * BPMN process → execution plan. The plan is the only thing the runtime executes, so anything the
 * compiler cannot express faithfully is an error here, never a node that silently does nothing.
 */

import { checkFormSchema } from "../forms/schema-check";
import {
  type ConnectorSpec,
  type EventDefinition,
  ExecutionPlan,
  type FlowNode,
  type IoMapping,
  type MultiInstance,
  PLAN_VERSION,
  type SequenceFlow,
  type UserTaskSpec,
  WorkingTimeUnit,
} from "../plan";
import { roleIds } from "../schemas/roles";
import { alurTaskOf, slaOf } from "./alur-task";
import { namer } from "./element-words";
import { compileEventDefinition, correlation } from "./event-definitions";
import { feelOrStringLiteral, isFeel, stripFeel, valueOrFeel } from "./feel-values";
import {
  body,
  bool,
  child,
  children,
  commaList,
  extension,
  isA,
  localType,
  type ModdleElement,
  str,
} from "./moddle-element";
import { readPrivacy } from "./privacy";
import { hasErrors, type Problem, problem } from "./problem";
import { flowElementsOf, MAX_NESTING, refId, selectProcess } from "./process-elements";
import { readServiceStandard, readVariant } from "./service-standard";
import { unsupportedReason } from "./supported-elements";

export interface CompileOptions {
  /** form-js schemas by form id; when given, every referenced form must be among them. */
  forms?: Record<string, unknown>;
}

export interface CompileResult {
  /** The plan, present only when there is no error. */
  plan?: ExecutionPlan;
  problems: Problem[];
}

/** Compiles one process of parsed definitions into an execution plan; never throws. */
export function compileProcess(
  definitions: ModdleElement,
  processId?: string,
  options: CompileOptions = {},
): CompileResult {
  try {
    return compile(definitions, processId, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      problems: [
        problem(processId, "error", "compile-failed", {
          id: `Model tidak dapat dikompilasi: ${message}`,
          en: `The model could not be compiled: ${message}`,
        }),
      ],
    };
  }
}

function compile(definitions: ModdleElement, processId: string | undefined, options: CompileOptions): CompileResult {
  const process = selectProcess(definitions, processId);
  if (!process?.id) {
    return {
      problems: [
        problem(processId, "error", "process-not-found", {
          id: processId ? `Proses "${processId}" tidak ditemukan.` : "Model tidak berisi proses.",
          en: processId ? `Process "${processId}" not found.` : "The model contains no process.",
        }),
      ],
    };
  }
  const problems: Problem[] = [];
  const nodes: Record<string, FlowNode> = {};
  const flows: Record<string, SequenceFlow> = {};
  const boundaries: Record<string, string[]> = {};
  const formIds = new Set<string>();
  /** The first task using each form: where a problem of the form is shown. */
  const formTasks = new Map<string, string>();
  const embeddedForms = embeddedUserTaskForms(process, problems);
  let startFormId: string | undefined;

  const elements = flowElementsOf(process, null, (subProcess) =>
    problems.push(
      problem(subProcess.id, "error", "nesting-too-deep", {
        id: `Subproses bersarang lebih dari ${MAX_NESTING} tingkat; isinya tidak dapat dijalankan.`,
        en: `Subprocesses nest deeper than ${MAX_NESTING} levels; their content cannot be executed.`,
      }),
    ),
  );
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const { element } of elements) {
    if (element.$type !== "bpmn:SequenceFlow" || !element.id) continue;
    const source = refId(element.sourceRef);
    const target = refId(element.targetRef);
    if (!source || !target) {
      problems.push(
        problem(element.id, "error", "flow-not-connected", {
          id: "Alur urutan tidak terhubung ke elemen asal dan tujuan.",
          en: "Sequence flow is not connected to a source and a target.",
        }),
      );
      continue;
    }
    const condition = body(child(element, "conditionExpression"));
    flows[element.id] = { id: element.id, source, target, ...(condition ? { condition: stripFeel(condition) } : {}) };
    push(outgoing, source, element.id);
    push(incoming, target, element.id);
  }

  for (const { element, scope } of elements) {
    if (!isA(element, "bpmn:FlowNode") || !element.id) continue;
    const reason = unsupportedReason(element);
    if (reason) {
      problems.push(unsupported(element, reason));
      continue;
    }
    const base: NodeBase = {
      id: element.id,
      scope,
      incoming: incoming.get(element.id) ?? [],
      outgoing: outgoing.get(element.id) ?? [],
      pausesClock: alurTaskOf(element).pausesClock,
    };
    const name = str(element, "name");
    if (name) base.name = name;
    const io = ioOf(element);
    if (io) base.io = io;
    const multiInstance = multiInstanceOf(element, problems);
    if (multiInstance) base.multiInstance = multiInstance;
    const node = compileNode(element, base, problems, embeddedForms);
    if (!node) continue;
    nodes[node.id] = node;
    if (node.type === "userTask" && node.task.formId) {
      formIds.add(node.task.formId);
      if (!formTasks.has(node.task.formId)) formTasks.set(node.task.formId, node.id);
    }
    // The start form (zeebe:formDefinition of the process's none start event, as on a user task):
    // what a new case's start data may set.
    if (node.type === "startEvent" && scope === null && !node.eventDefinition && startFormId === undefined) {
      startFormId = formIdOf(element, embeddedForms);
      if (startFormId) {
        formIds.add(startFormId);
        if (!formTasks.has(startFormId)) formTasks.set(startFormId, node.id);
      }
    }
    if (node.type === "boundaryEvent") push(boundaries, node.attachedTo, node.id);
  }

  // BPMN 2.0 §10.6.6: an event-based gateway waits for the events that follow it, so only
  // catch events and receive tasks may follow; anything else would never be triggered.
  const name = namer(definitions);
  for (const node of Object.values(nodes)) {
    if (node.type !== "eventBasedGateway") continue;
    for (const flowId of node.outgoing) {
      const target = nodes[flows[flowId]?.target ?? ""];
      const waits =
        target?.type === "receiveTask" ||
        (target?.type === "intermediateCatchEvent" && target.eventDefinition.kind !== "link");
      if (!waits) {
        problems.push(
          problem(flows[flowId]?.target ?? flowId, "error", "event-gateway-target", {
            id: `mengikuti percabangan menunggu peristiwa ${name(node.id).id}, jadi harus berupa penantian pesan, waktu atau sinyal, atau tugas terima.`,
            en: `follows the event-waiting ${name(node.id).en}, so it must wait for a message, a time or a signal, or be a receive task.`,
          }),
        );
      }
    }
  }

  const forms: Record<string, unknown> = {};
  for (const formId of formIds) {
    const schema = options.forms?.[formId] ?? embeddedForms.get(formId);
    if (schema !== undefined) {
      forms[formId] = schema;
      for (const p of checkFormSchema(schema))
        problems.push(problem(formTasks.get(formId) ?? process.id, "error", p.code, p.message));
    } else if (options.forms) {
      problems.push(
        problem(process.id, "error", "form-not-found", {
          id: `Formulir "${formId}" dirujuk oleh tugas tetapi tidak ditemukan.`,
          en: `Form "${formId}" is referenced by a task but was not found.`,
        }),
      );
    }
  }

  const { standard, problems: standardProblems } = readServiceStandard(process);
  const { variant, problems: variantProblems } = readVariant(process);
  const { privacy, problems: privacyProblems } = readPrivacy(process);
  problems.push(...standardProblems, ...variantProblems, ...privacyProblems);
  if (hasErrors(problems)) return { problems };

  const candidate = {
    planVersion: PLAN_VERSION,
    processId: process.id,
    ...(str(process, "name") ? { name: str(process, "name") } : {}),
    nodes,
    flows,
    boundaries,
    forms,
    ...(startFormId ? { startFormId } : {}),
    ...(standard ? { standard } : {}),
    ...(variant ? { variant } : {}),
    ...(privacy ? { privacy } : {}),
  };
  const parsed = ExecutionPlan.safeParse(candidate);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const [section, elementId] = issue.path.map(String);
        const at = issue.path.map(String).join(".");
        return problem(section === "nodes" || section === "flows" ? elementId : process.id, "error", "plan-invalid", {
          id: `Rencana eksekusi tidak sah pada "${at}": ${issue.message}`,
          en: `Invalid execution plan at "${at}": ${issue.message}`,
        });
      }),
    };
  }
  return { plan: parsed.data, problems };
}

type NodeBase = Omit<Extract<FlowNode, { type: "task" }>, "type">;

// Each node literal lists its own fields first and spreads `base` last: V8 gives an object literal
// that adds properties after a spread a hidden class of its own, so with `{ ...base, type }` every
// node of a plan had a unique one and zod's check of the plan (and any later reader) went
// megamorphic, several times slower.
function compileNode(
  element: ModdleElement,
  base: NodeBase,
  problems: Problem[],
  embeddedForms: Map<string, unknown>,
): FlowNode | undefined {
  switch (element.$type) {
    case "bpmn:StartEvent":
      return {
        type: "startEvent",
        isInterrupting: element.isInterrupting !== false,
        ...optionalEvent(element, problems),
        ...base,
      };
    case "bpmn:EndEvent":
    case "bpmn:IntermediateThrowEvent": {
      // Camunda 8: a message throw event with a job type is worked like a send task (a job
      // worker sends the message); its messageRef is not needed.
      if (isJobWorkedMessageThrow(element)) {
        const connector = connectorOf(element, problems);
        return connector ? { type: "sendTask", connector, ...base } : undefined;
      }
      return element.$type === "bpmn:EndEvent"
        ? { type: "endEvent", ...optionalEvent(element, problems), ...base }
        : { type: "intermediateThrowEvent", ...optionalEvent(element, problems), ...base };
    }
    case "bpmn:IntermediateCatchEvent": {
      const eventDefinition = requiredEvent(element, "intermediateCatchEvent", problems);
      return eventDefinition ? { type: "intermediateCatchEvent", eventDefinition, ...base } : undefined;
    }
    case "bpmn:BoundaryEvent": {
      const attachedTo = refId(element.attachedToRef);
      const eventDefinition = requiredEvent(element, "boundaryEvent", problems);
      if (!attachedTo) {
        problems.push(
          problem(element.id, "error", "boundary-not-attached", {
            id: "Peristiwa batas tidak melekat pada aktivitas.",
            en: "Boundary event is not attached to an activity.",
          }),
        );
        return undefined;
      }
      return eventDefinition
        ? {
            type: "boundaryEvent",
            attachedTo,
            cancelActivity: element.cancelActivity !== false,
            eventDefinition,
            ...base,
          }
        : undefined;
    }
    case "bpmn:UserTask":
      return { type: "userTask", task: userTaskOf(element, problems, embeddedForms), ...base };
    case "bpmn:ServiceTask":
    case "bpmn:SendTask": {
      const connector = connectorOf(element, problems);
      if (!connector) return undefined;
      return element.$type === "bpmn:ServiceTask"
        ? { type: "serviceTask", connector, ...base }
        : { type: "sendTask", connector, ...base };
    }
    case "bpmn:ReceiveTask": {
      const message = child(element, "messageRef");
      const messageName = str(message, "name");
      if (!messageName) {
        problems.push(
          problem(element.id, "error", "message-without-name", {
            id: "Tugas terima tanpa pesan bernama.",
            en: "Receive task without a named message.",
          }),
        );
        return undefined;
      }
      return { type: "receiveTask", messageName, ...correlation(message), ...base };
    }
    case "bpmn:ScriptTask": {
      const script = extension(element, "zeebe:Script");
      const expression = str(script, "expression");
      const resultVariable = str(script, "resultVariable");
      if (!expression || !stripFeel(expression) || !resultVariable) {
        problems.push(
          problem(element.id, "error", "script-incomplete", {
            id: "Tugas skrip memerlukan ekspresi FEEL dan variabel hasil (zeebe:script).",
            en: "Script task needs a FEEL expression and a result variable (zeebe:script).",
          }),
        );
        return undefined;
      }
      return { type: "scriptTask", expression: stripFeel(expression), resultVariable, ...base };
    }
    case "bpmn:ManualTask":
      return { type: "manualTask", ...base };
    case "bpmn:Task":
      return { type: "task", ...base };
    case "bpmn:ExclusiveGateway":
    case "bpmn:InclusiveGateway": {
      const defaultFlow = refId(element.default);
      return {
        type: element.$type === "bpmn:ExclusiveGateway" ? "exclusiveGateway" : "inclusiveGateway",
        ...(defaultFlow ? { defaultFlow } : {}),
        ...base,
      };
    }
    case "bpmn:ParallelGateway":
      return { type: "parallelGateway", ...base };
    case "bpmn:EventBasedGateway":
      return { type: "eventBasedGateway", ...base };
    case "bpmn:SubProcess":
      return { type: "subProcess", triggeredByEvent: element.triggeredByEvent === true, ...base };
    case "bpmn:CallActivity": {
      const called = extension(element, "zeebe:CalledElement");
      const processId = str(called, "processId") ?? str(element, "calledElement");
      if (!processId || (isFeel(processId) && !stripFeel(processId))) {
        problems.push(
          problem(element.id, "error", "call-activity-without-process", {
            id: "Aktivitas panggil tanpa proses yang dipanggil (zeebe:calledElement processId).",
            en: "Call activity without a called process (zeebe:calledElement processId).",
          }),
        );
        return undefined;
      }
      return {
        type: "callActivity",
        calledProcess: valueOrFeel(processId),
        propagateAllChildVariables: bool(called, "propagateAllChildVariables") ?? true,
        ...base,
      };
    }
    default:
      problems.push(unsupported(element, { id: "tipe elemen tidak dikenal", en: "unknown element type" }));
      return undefined;
  }
}

/** The event definition an intermediate catch or boundary event cannot do without. */
function requiredEvent(
  element: ModdleElement,
  kind: "intermediateCatchEvent" | "boundaryEvent",
  problems: Problem[],
): EventDefinition | undefined {
  const compiled = compileEventDefinition(element);
  problems.push(...compiled.problems);
  if (!compiled.value && compiled.problems.length === 0) {
    problems.push(
      problem(element.id, "error", "event-without-definition", {
        id: "Peristiwa ini memerlukan definisi (timer, pesan, ...).",
        en: `This ${kind} needs an event definition (timer, message, ...).`,
      }),
    );
  }
  return compiled.value;
}

function optionalEvent(element: ModdleElement, problems: Problem[]): { eventDefinition?: EventDefinition } {
  const compiled = compileEventDefinition(element);
  problems.push(...compiled.problems);
  return compiled.value ? { eventDefinition: compiled.value } : {};
}

function userTaskOf(element: ModdleElement, problems: Problem[], embeddedForms: Map<string, unknown>): UserTaskSpec {
  const assignment = extension(element, "zeebe:AssignmentDefinition");
  const alurTask = alurTaskOf(element);
  const groups = str(assignment, "candidateGroups");
  const users = str(assignment, "candidateUsers");
  const task: UserTaskSpec = {
    roles: groups && isFeel(groups) ? [] : roleIds(groups),
    documents: alurTask.documents,
    escalateTo: alurTask.escalateTo,
  };
  if (groups && isFeel(groups) && stripFeel(groups)) task.rolesExpression = stripFeel(groups);
  if (users && isFeel(users)) {
    if (stripFeel(users)) task.candidateUsersExpression = stripFeel(users);
  } else if (commaList(users).length > 0) task.candidateUsers = commaList(users);
  const assignee = str(assignment, "assignee")?.trim();
  if (assignee) task.assignee = assignee;
  const schedule = extension(element, "zeebe:TaskSchedule");
  for (const key of ["dueDate", "followUpDate"] as const) {
    const text = str(schedule, key)?.trim();
    if (!text) continue;
    // A static date is checked now; FEEL only when the task opens (feel-syntax checks its syntax).
    if (!isFeel(text) && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
      problems.push(
        problem(element.id, "error", "task-schedule-invalid", {
          id: `${key} "${text}" bukan tanggal-waktu ISO 8601 (mis. 2026-03-02T08:00:00+07:00) atau ekspresi FEEL.`,
          en: `${key} "${text}" is not an ISO 8601 date-time (e.g. 2026-03-02T08:00:00+07:00) or a FEEL expression.`,
        }),
      );
      continue;
    }
    task[key] = valueOrFeel(text);
  }
  const formId = formIdOf(element, embeddedForms);
  if (formId) task.formId = formId;
  const { slaValue, slaUnit } = alurTask;
  if (slaValue !== undefined) {
    const sla = slaOf(element);
    if (sla) task.sla = sla;
    else {
      problems.push(
        problem(element.id, "error", "sla-invalid", {
          id: `SLA tidak sah (${slaValue} ${slaUnit}); satuan: ${WorkingTimeUnit.options.join(", ")}.`,
          en: `Invalid SLA (${slaValue} ${slaUnit}); units: ${WorkingTimeUnit.options.join(", ")}.`,
        }),
      );
    }
  }
  return task;
}

/** zeebe:formDefinition formId, or a Camunda 8.0-style formKey pointing at an embedded zeebe:userTaskForm. */
function formIdOf(element: ModdleElement, embeddedForms: Map<string, unknown>): string | undefined {
  const definition = extension(element, "zeebe:FormDefinition");
  const formId = str(definition, "formId");
  if (formId) return formId;
  const formKey = str(definition, "formKey");
  const embedded = formKey?.match(/^camunda-forms:bpmn:(.+)$/)?.[1];
  if (embedded && embeddedForms.has(embedded)) return embedded;
  return formKey;
}

/** Forms embedded in the process (zeebe:userTaskForm with a JSON body). */
function embeddedUserTaskForms(process: ModdleElement, problems: Problem[]): Map<string, unknown> {
  const forms = new Map<string, unknown>();
  for (const form of children(child(process, "extensionElements"), "values")) {
    if (form.$type !== "zeebe:UserTaskForm") continue;
    const id = str(form, "id");
    const text = str(form, "body");
    if (!id || !text) continue;
    try {
      forms.set(id, JSON.parse(text));
    } catch {
      problems.push(
        problem(id, "error", "form-invalid-json", {
          id: `Formulir tertanam "${id}" bukan JSON yang sah.`,
          en: `Embedded form "${id}" is not valid JSON.`,
        }),
      );
    }
  }
  return forms;
}

function connectorOf(element: ModdleElement, problems: Problem[]): ConnectorSpec | undefined {
  const definition = extension(element, "zeebe:TaskDefinition");
  const type = str(definition, "type")?.trim();
  if (!type) {
    problems.push(
      problem(element.id, "error", "connector-missing", {
        id: "Tugas layanan/kirim tanpa jenis konektor (zeebe:taskDefinition type).",
        en: "Service/send task without a connector type (zeebe:taskDefinition type).",
      }),
    );
    return undefined;
  }
  const retriesText = str(definition, "retries");
  const retries = retriesText === undefined ? 3 : Number(retriesText);
  if (!Number.isInteger(retries) || retries < 0) {
    problems.push(
      problem(element.id, "error", "connector-retries-invalid", {
        id: `Jumlah percobaan ulang "${retriesText}" bukan bilangan bulat ≥ 0.`,
        en: `Retries "${retriesText}" is not an integer ≥ 0.`,
      }),
    );
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const header of children(extension(element, "zeebe:TaskHeaders"), "values")) {
    const key = str(header, "key");
    if (key) headers[key] = str(header, "value") ?? "";
  }
  return { type, retries, headers };
}

function ioOf(element: ModdleElement): IoMapping | undefined {
  const mapping = extension(element, "zeebe:IoMapping");
  if (!mapping) return undefined;
  return {
    inputs: mappings(children(mapping, "inputParameters")),
    outputs: mappings(children(mapping, "outputParameters")),
  };
}

function mappings(parameters: ModdleElement[]): IoMapping["inputs"] {
  const result: IoMapping["inputs"] = [];
  for (const p of parameters) {
    const target = str(p, "target") ?? "";
    if (target !== "") result.push({ source: feelOrStringLiteral(str(p, "source")), target });
  }
  return result;
}

function multiInstanceOf(element: ModdleElement, problems: Problem[]): MultiInstance | undefined {
  const loop = child(element, "loopCharacteristics");
  if (loop?.$type !== "bpmn:MultiInstanceLoopCharacteristics") return undefined;
  const zeebe = extension(loop, "zeebe:LoopCharacteristics");
  const inputCollection = str(zeebe, "inputCollection");
  if (!inputCollection || !stripFeel(inputCollection)) {
    problems.push(
      problem(element.id, "error", "multi-instance-without-collection", {
        id: "Multi-instance memerlukan koleksi masukan (zeebe:loopCharacteristics inputCollection).",
        en: "Multi-instance needs an input collection (zeebe:loopCharacteristics inputCollection).",
      }),
    );
    return undefined;
  }
  const multiInstance: MultiInstance = {
    isSequential: loop.isSequential === true,
    inputCollection: stripFeel(inputCollection),
  };
  const inputElement = str(zeebe, "inputElement");
  const outputCollection = str(zeebe, "outputCollection");
  const outputElement = str(zeebe, "outputElement");
  const completion = body(child(loop, "completionCondition"));
  if (inputElement) multiInstance.inputElement = inputElement;
  if (outputCollection) multiInstance.outputCollection = outputCollection;
  if (outputElement && stripFeel(outputElement)) multiInstance.outputElement = stripFeel(outputElement);
  if (completion && stripFeel(completion)) multiInstance.completionCondition = stripFeel(completion);
  return multiInstance;
}

function unsupported(element: ModdleElement, reason: { id: string; en: string }): Problem {
  const type = localType(element);
  return problem(element.id, "error", "unsupported-element", {
    id: `jenis ini (${type}) tidak didukung: ${reason.id}.`,
    en: `this kind (${type}) is not supported: ${reason.en}.`,
  });
}

function push(map: Map<string, string[]> | Record<string, string[]>, key: string, value: string): void {
  if (map instanceof Map) {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  } else {
    const list = map[key];
    if (list) list.push(value);
    else map[key] = [value];
  }
}

/** A message intermediate throw or end event with a zeebe:taskDefinition (Camunda 8's job-worked message event). */
function isJobWorkedMessageThrow(element: ModdleElement): boolean {
  if (element.$type !== "bpmn:EndEvent" && element.$type !== "bpmn:IntermediateThrowEvent") return false;
  const definition = children(element, "eventDefinitions")[0];
  return (
    definition?.$type === "bpmn:MessageEventDefinition" && extension(element, "zeebe:TaskDefinition") !== undefined
  );
}
