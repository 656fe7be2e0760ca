/**
 * `alur export-standard <file.bpmn>`: the 14-component service standard of a model, as JSON, with
 * the procedure derived from the model (role names of the built-in directory roles).
 */
import { findDistrict } from "@alur/shared/calendar/districts";
import { deriveStandard, parseBpmn, publishedStandard, readVariant, selectProcess } from "@alur/shared/compiler";
import { BUILTIN_ROLES } from "../../auth/roles";
import type { Command } from "../command";
import { formatResult, loadModel } from "./validate";

const exportStandard: Command = {
  summary: "print the service standard (Permenpan RB 15/2014, 14 components) of a model as JSON",
  usage: `Usage: alur export-standard <file.bpmn> [--process <id>] [--lang id|en] [--derived]

Prints the alur:serviceStandard of the process as JSON. Component 3 (procedure) is derived from
the model: its steps in order with role names, SLAs, decisions, returns and clock stops; typed
alur:procedureStep text is not printed. With --derived, prints the whole derived standard (steps
as data, the longest path's SLA sum, kop surat, flowchart). Exit code 0 when printed, 1 when the
model has no valid standard (problems on stderr), 2 on wrong usage.`,
  async run(args) {
    const files: string[] = [];
    let processId: string | undefined;
    let lang: "id" | "en" = "id";
    let full = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === "--process") processId = args[++i];
      else if (arg === "--lang") lang = args[++i] === "en" ? "en" : "id";
      else if (arg === "--derived") full = true;
      else if (arg.startsWith("-")) {
        console.error(`alur export-standard: unknown option ${arg}. Run \`alur export-standard --help\`.`);
        return 2;
      } else files.push(arg);
    }
    const file = files[0];
    if (files.length !== 1 || !file) {
      console.error("alur export-standard: give exactly one model. Usage: alur export-standard <file.bpmn>");
      return 2;
    }
    const model = await loadModel(file);
    if ("problem" in model) {
      console.error(formatResult({ file, problems: [model.problem] }, lang));
      return 1;
    }
    const parsed = await parseBpmn(model.xml);
    const process = parsed.definitions ? selectProcess(parsed.definitions, processId) : undefined;
    if (!process) {
      const problems = parsed.definitions
        ? [
            {
              elementId: processId ?? "",
              severity: "error" as const,
              code: "process-not-found",
              message: {
                id: processId ? `Proses "${processId}" tidak ditemukan.` : "Model tidak berisi proses.",
                en: processId ? `Process "${processId}" not found.` : "The model contains no process.",
              },
            },
          ]
        : parsed.problems;
      console.error(formatResult({ file, problems }, lang));
      return 1;
    }
    const district = readVariant(process).variant?.district;
    const { derived, problems } = deriveStandard({
      definitions: parsed.definitions as NonNullable<typeof parsed.definitions>,
      ...(process.id ? { processId: process.id } : {}),
      roleNames: Object.fromEntries(BUILTIN_ROLES.map((r) => [r.id, r.nameId])),
      district: district ? (findDistrict(district) ?? null) : null,
    });
    if (!derived) {
      console.error(formatResult({ file, problems }, lang));
      return 1;
    }
    console.log(JSON.stringify(full ? derived : publishedStandard(derived), null, 2));
    return 0;
  },
};
export default exportStandard;
