/**
 * Camunda 8 settings Alur does not execute (task listeners, priorities, execution listeners...):
 * a model from Camunda Modeler keeps them, but they would silently do nothing here, so each is a
 * warning naming it.
 */
import type { Words } from "../element-words";
import { child, children, type ModdleElement } from "../moddle-element";
import { problem } from "../problem";
import { allElements, type Rule } from "./rule";

/** The zeebe: extension elements Alur reads, and on which element types (undefined: wherever Zeebe allows them). */
const READ: Record<string, readonly string[] | undefined> = {
  "zeebe:IoMapping": undefined,
  "zeebe:LoopCharacteristics": undefined,
  "zeebe:Subscription": undefined,
  "zeebe:CalledElement": undefined,
  "zeebe:Script": undefined,
  "zeebe:UserTaskForm": undefined,
  "zeebe:AssignmentDefinition": undefined,
  "zeebe:TaskSchedule": undefined,
  // Marks a Camunda user task (as opposed to a job-worker one): Alur's user tasks are that kind.
  "zeebe:UserTask": undefined,
  // a start event's form is the case's start form (compile-process reads the process's none start)
  "zeebe:FormDefinition": ["bpmn:UserTask", "bpmn:StartEvent"],
  "zeebe:TaskDefinition": ["bpmn:ServiceTask", "bpmn:SendTask"],
  "zeebe:TaskHeaders": ["bpmn:ServiceTask", "bpmn:SendTask"],
};

/** Camunda settings a modeller may meet, in plain words (the technical name follows in brackets). */
const SETTING_WORDS: Record<string, Words> = {
  "zeebe:ExecutionListeners": {
    id: "Tindakan otomatis saat langkah mulai/selesai",
    en: "Automatic actions when a step starts or ends",
  },
  "zeebe:TaskListeners": { id: "Tindakan otomatis pada tugas petugas", en: "Automatic actions on a staff task" },
  "zeebe:Properties": { id: "Properti tambahan", en: "Extra properties" },
  "zeebe:PriorityDefinition": { id: "Prioritas tugas", en: "Task priority" },
  "zeebe:VersionTag": { id: "Label versi Camunda", en: "Camunda version label" },
  "zeebe:TaskHeaders": { id: "Parameter tugas (header)", en: "Task parameters (headers)" },
  "zeebe:TaskDefinition": { id: "Kode tugas untuk aplikasi lain", en: "Job code for another application" },
  "zeebe:FormDefinition": { id: "Formulir", en: "Form" },
  "zeebe:ExecutionListener": { id: "Tindakan otomatis", en: "Automatic action" },
};

export const unsupportedExtension: Rule = {
  code: "unsupported-extension",
  check(context) {
    const owners: ModdleElement[] = [
      ...context.processes.map((p) => p.process),
      ...allElements(context),
      ...allElements(context).flatMap((e) => {
        const loop = child(e, "loopCharacteristics");
        return loop ? [loop] : [];
      }),
      ...children(context.definitions, "rootElements").filter((e) => e.$type === "bpmn:Message"),
    ];
    return owners.flatMap((owner) =>
      children(child(owner, "extensionElements"), "values").flatMap((value) => {
        if (!value.$type.startsWith("zeebe:")) return [];
        const on = READ[value.$type];
        if (value.$type in READ && (on === undefined || on.includes(owner.$type))) return [];
        const elementId = owner.$type === "bpmn:MultiInstanceLoopCharacteristics" ? owner.$parent?.id : owner.id;
        const setting = SETTING_WORDS[value.$type] ?? { id: "pengaturan Camunda", en: "Camunda setting" };
        return [
          problem(elementId, "warning", this.code, {
            id: `${setting.id} (${value.$type}) tidak dijalankan oleh Alur dan diabaikan.`,
            en: `${setting.en} (${value.$type}) is not run by Alur and is ignored.`,
          }),
        ];
      }),
    );
  },
};
