/** `alur export-standard <file.bpmn>`: the 14-component service standard of a model, as JSON. */
import { parseBpmn, readServiceStandard, selectProcess } from "@alur/shared/compiler";
import type { Command } from "../command";
import { formatResult, loadModel } from "./validate";

const exportStandard: Command = {
  summary: "print the service standard (Permenpan RB 15/2014, 14 components) of a model as JSON",
  usage: `Usage: alur export-standard <file.bpmn> [--process <id>] [--lang id|en]

Prints the alur:serviceStandard of the process as JSON. Exit code 0 when printed, 1 when the
model has no valid standard (problems on stderr), 2 on wrong usage.`,
  async run(args) {
    const files: string[] = [];
    let processId: string | undefined;
    let lang: "id" | "en" = "id";
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === "--process") processId = args[++i];
      else if (arg === "--lang") lang = args[++i] === "en" ? "en" : "id";
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
    const { standard, problems } = readServiceStandard(process);
    if (!standard) {
      console.error(
        formatResult(
          {
            file,
            problems:
              problems.length > 0
                ? problems
                : [
                    {
                      elementId: process.id ?? "",
                      severity: "error",
                      code: "service-standard-missing",
                      message: {
                        id: "Proses tidak memiliki standar pelayanan (alur:serviceStandard).",
                        en: "The process has no service standard (alur:serviceStandard).",
                      },
                    },
                  ],
          },
          lang,
        ),
      );
      return 1;
    }
    console.log(JSON.stringify(standard, null, 2));
    return 0;
  },
};
export default exportStandard;
