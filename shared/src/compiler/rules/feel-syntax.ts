/** Every FEEL expression of the model must parse; the problem gives the position of the error. */
import { checkFeelSyntax, feelSource } from "../../feel";
import type { Words } from "../element-words";
import { isFeel } from "../feel-values";
import { body, child, children, extension, type ModdleElement, str } from "../moddle-element";
import { problem } from "../problem";
import { allElements, type Rule } from "./rule";

interface Expression {
  elementId: string | undefined;
  where: string;
  text: string;
}

export const feelSyntax: Rule = {
  code: "feel-syntax",
  check(context) {
    const expressions: Expression[] = [];
    for (const element of allElements(context)) collectExpressions(element, expressions);
    for (const message of children(context.definitions, "rootElements")) {
      if (message.$type !== "bpmn:Message") continue;
      add(expressions, message.id, "name", str(message, "name"));
      add(
        expressions,
        message.id,
        "correlationKey",
        str(extension(message, "zeebe:Subscription"), "correlationKey"),
        true,
      );
    }
    // Models repeat expressions ("=pemohon.nama" in every mapping): parse each text once per run.
    const checked = new Map<string, ReturnType<typeof checkFeelSyntax>>();
    return expressions.flatMap(({ elementId, where, text }) => {
      let result = checked.get(text);
      if (!result) {
        result = checkFeelSyntax(text);
        checked.set(text, result);
      }
      if (result.ok) return [];
      const explained = explainFeelError(text, result);
      return [
        problem(
          elementId,
          "error",
          this.code,
          {
            id: `Sintaks FEEL salah di ${explained.at.id} (${placeWords(where).id}): ${explained.why.id}. Ekspresi: ${text.trim()}`,
            en: `FEEL syntax error at ${explained.at.en} (${placeWords(where).en}): ${explained.why.en}. Expression: ${text.trim()}`,
          },
          result.position,
        ),
      ];
    });
  },
};

/** Adds the text when it is FEEL: always for FEEL-only fields, else when it starts with "=". */
function add(
  found: Expression[],
  elementId: string | undefined,
  where: string,
  text: string | undefined,
  always = false,
) {
  if (text && (always || isFeel(text))) found.push({ elementId, where, text });
}

/**
 * Adds the FEEL expressions an element carries, with where they sit. The extension elements are
 * scanned once: a lookup per extension type would read every one of them again, and reads of
 * moddle elements are slow (each element has a hidden class of its own).
 */
function collectExpressions(element: ModdleElement, found: Expression[]): void {
  const id = element.id;
  add(found, id, "conditionExpression", body(child(element, "conditionExpression")), true);
  const loop = child(element, "loopCharacteristics");
  if (loop) {
    add(found, id, "completionCondition", body(child(loop, "completionCondition")), true);
    const zeebeLoop = extension(loop, "zeebe:LoopCharacteristics");
    add(found, id, "inputCollection", str(zeebeLoop, "inputCollection"), true);
    add(found, id, "outputElement", str(zeebeLoop, "outputElement"));
  }
  let script: ModdleElement | undefined;
  let assignment: ModdleElement | undefined;
  let schedule: ModdleElement | undefined;
  let called: ModdleElement | undefined;
  let task: ModdleElement | undefined;
  for (const value of children(child(element, "extensionElements"), "values")) {
    switch (value.$type) {
      case "zeebe:IoMapping":
        for (const p of children(value, "inputParameters")) {
          const source = str(p, "source");
          if (source && isFeel(source)) add(found, id, `input ${str(p, "target") ?? ""}`, source);
        }
        for (const p of children(value, "outputParameters")) {
          const source = str(p, "source");
          if (source && isFeel(source)) add(found, id, `output ${str(p, "target") ?? ""}`, source);
        }
        break;
      case "zeebe:Script":
        script ??= value;
        break;
      case "zeebe:AssignmentDefinition":
        assignment ??= value;
        break;
      case "zeebe:TaskSchedule":
        schedule ??= value;
        break;
      case "zeebe:CalledElement":
        called ??= value;
        break;
      case "zeebe:TaskDefinition":
        task ??= value;
        break;
    }
  }
  add(found, id, "zeebe:script", str(script, "expression"), true);
  add(found, id, "assignee", str(assignment, "assignee"));
  add(found, id, "candidateGroups", str(assignment, "candidateGroups"));
  add(found, id, "candidateUsers", str(assignment, "candidateUsers"));
  add(found, id, "dueDate", str(schedule, "dueDate"));
  add(found, id, "followUpDate", str(schedule, "followUpDate"));
  add(found, id, "calledElement", str(called, "processId"));
  add(found, id, "taskDefinition type", str(task, "type"));
  add(found, id, "retries", str(task, "retries"));
  for (const definition of children(element, "eventDefinitions")) {
    add(found, id, "timeDuration", body(child(definition, "timeDuration")));
    add(found, id, "timeDate", body(child(definition, "timeDate")));
    add(found, id, "timeCycle", body(child(definition, "timeCycle")));
  }
}

/** Where an expression sits, in words; the technical name for the rest (a Camunda attribute). */
function placeWords(where: string): Words {
  const [head, ...rest] = where.split(" ");
  const target = rest.join(" ");
  const words: Record<string, Words> = {
    conditionExpression: { id: "kondisi", en: "condition" },
    completionCondition: { id: "kondisi selesai perulangan", en: "loop completion condition" },
    inputCollection: { id: "daftar yang diulang", en: "list to repeat over" },
    outputElement: { id: "hasil tiap ulangan", en: "each repetition's result" },
    input: { id: `pemetaan masukan "${target}"`, en: `input mapping "${target}"` },
    output: { id: `pemetaan keluaran "${target}"`, en: `output mapping "${target}"` },
    "zeebe:script": { id: "skrip", en: "script" },
    assignee: { id: "petugas", en: "assignee" },
    candidateGroups: { id: "peran", en: "roles" },
    candidateUsers: { id: "petugas calon", en: "candidate users" },
    dueDate: { id: "tanggal jatuh tempo", en: "due date" },
    followUpDate: { id: "tanggal tindak lanjut", en: "follow-up date" },
    calledElement: { id: "proses yang dipanggil", en: "called process" },
    taskDefinition: { id: "kode tugas", en: "job code" },
    retries: { id: "jumlah percobaan ulang", en: "retries" },
    timeDuration: { id: "durasi pengatur waktu", en: "timer duration" },
    timeDate: { id: "tanggal pengatur waktu", en: "timer date" },
    timeCycle: { id: "siklus pengatur waktu", en: "timer cycle" },
    name: { id: "nama pesan", en: "message name" },
    correlationKey: { id: "kunci pencocokan pesan", en: "message correlation key" },
  };
  return words[head ?? ""] ?? { id: where, en: where };
}

/** Operators people bring from other languages, with what FEEL writes instead. */
const FOREIGN_OPERATORS: Record<string, Words> = {
  "&&": { id: 'FEEL menulis "and", bukan "&&"', en: 'FEEL writes "and", not "&&"' },
  "||": { id: 'FEEL menulis "or", bukan "||"', en: 'FEEL writes "or", not "||"' },
  "!": {
    id: 'FEEL menulis "not(...)" atau "!=", bukan "!" saja',
    en: 'FEEL writes "not(...)" or "!=", not a bare "!"',
  },
  '"': { id: "tanda petik ini tidak ditutup", en: "this quote is never closed" },
  "'": { id: 'teks ditulis di antara tanda petik ganda ("...")', en: 'text goes between double quotes ("...")' },
};

/**
 * A FEEL syntax error in words: the offending text quoted (or the end of the expression when
 * something is missing there) and what is wrong, instead of the parser's "Unrecognized token".
 */
export function explainFeelError(
  text: string,
  result: { error: string; position?: { from: number; to: number } },
): { at: Words; why: Words } {
  const source = feelSource(text);
  if (source === "")
    return {
      at: { id: `"${text.trim()}"`, en: `"${text.trim()}"` },
      why: {
        id: "ekspresinya kosong; tulis ekspresi setelah tanda =",
        en: "the expression is empty; write one after the =",
      },
    };
  const position = result.position;
  if (!position)
    return {
      at: quote(source),
      why: { id: `tidak dapat dibaca (${result.error})`, en: `cannot be read (${result.error})` },
    };
  const token = source.slice(position.from, position.to);
  if (token !== "") {
    const why = FOREIGN_OPERATORS[token] ?? { id: "bagian ini tidak dikenali", en: "this part is not understood" };
    return { at: quote(token), why };
  }
  if (position.from >= source.length) {
    return {
      at: { id: `akhir "${tail(source)}"`, en: `the end "${tail(source)}"` },
      why: {
        id: "ekspresi berhenti sebelum selesai (kurang nilai setelah operator, kurung tutup atau bagian else/then?)",
        en: "the expression stops before it is complete (a value after an operator, a closing bracket or an else/then missing?)",
      },
    };
  }
  return {
    at: quote(source.slice(position.from, position.from + 12)),
    why: { id: "bagian ini tidak dapat dibaca di sini", en: "this part cannot be read here" },
  };
}

function quote(part: string): Words {
  return { id: `"${part}"`, en: `"${part}"` };
}

/** The last characters of an expression, where an incomplete one stops. */
function tail(source: string): string {
  return source.length > 16 ? `…${source.slice(-15)}` : source;
}
