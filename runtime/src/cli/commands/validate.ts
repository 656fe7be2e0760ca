/** `alur validate <file.bpmn>...`: the model checks of the designer, for CI pipelines. */
import { readFile } from "node:fs/promises";
import { type Problem, type ValidateOptions, validateXml } from "@alur/shared/compiler";
import { glob, isDynamicPattern } from "tinyglobby";
import type { Command } from "../command";

const validate: Command = {
  summary: "check BPMN models: bpmnlint + Alur rules; exit 1 when any model has an error",
  usage: `Usage: alur validate <file.bpmn|glob>... [--json] [--for-publish] [--lang id|en]

Checks each model (globs such as "workflows/**/*.bpmn" are expanded, quoted or not) and lists
its problems. Exit code 0 when no model has an error, 1 when one has, 2 on wrong usage.

  --json          print [{ file, problems: [{ elementId, severity, code, message: { id, en }, processId? }] }]
                  (processId: the element's process, in a file holding several)
  --for-publish   what publishing checks: a service standard is required, unknown documents are errors
  --lang id|en    language of the messages (default id)`,
  async run(args) {
    const options = parseArgs(args);
    if (typeof options === "string") {
      console.error(`alur validate: ${options}`);
      return 2;
    }
    const files = await expandPatterns(options.patterns);
    if (typeof files === "string") {
      console.error(`alur validate: ${files}`);
      return 2;
    }
    const results: { file: string; problems: Problem[] }[] = [];
    for (const file of files) {
      const model = await loadModel(file);
      if ("problem" in model) {
        results.push({ file, problems: [model.problem] });
        continue;
      }
      const { problems } = await validateXml(model.xml, { forPublish: options.forPublish });
      results.push({ file, problems });
    }
    if (options.json) console.log(JSON.stringify(results, null, 2));
    else for (const result of results) console.log(formatResult(result, options.lang));
    return results.some((r) => r.problems.some((p) => p.severity === "error")) ? 1 : 0;
  },
};
export default validate;

interface Options extends ValidateOptions {
  patterns: string[];
  json: boolean;
  lang: "id" | "en";
}

function parseArgs(args: string[]): Options | string {
  const options: Options = { patterns: [], json: false, lang: "id", forPublish: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--json") options.json = true;
    else if (arg === "--for-publish") options.forPublish = true;
    else if (arg === "--lang") {
      const lang = args[++i];
      if (lang !== "id" && lang !== "en") return `--lang takes "id" or "en", not "${lang ?? ""}"`;
      options.lang = lang;
    } else if (arg.startsWith("--")) return `unknown option ${arg}. Run \`alur validate --help\`.`;
    else options.patterns.push(arg);
  }
  if (options.patterns.length === 0) return "no model given. Usage: alur validate <file.bpmn>... [--json]";
  return options;
}

/** Files for the given paths and globs, in order, without duplicates; a message when a glob matches nothing. */
async function expandPatterns(patterns: string[]): Promise<string[] | string> {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!isDynamicPattern(pattern)) {
      files.push(pattern);
      continue;
    }
    const matches = (await glob(pattern, { onlyFiles: true, ignore: ["**/node_modules/**"] })).sort();
    if (matches.length === 0) return `no file matches "${pattern}"`;
    files.push(...matches);
  }
  return [...new Set(files)];
}

/** Reads a model file; an unreadable file becomes a problem, as a bad model does. */
export async function loadModel(file: string): Promise<{ xml: string } | { problem: Problem }> {
  try {
    return { xml: await readFile(file, "utf8") };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : String(error);
    return {
      problem: {
        elementId: "",
        severity: "error",
        code: "file-unreadable",
        message: { id: `Berkas tidak dapat dibaca (${reason}).`, en: `The file cannot be read (${reason}).` },
      },
    };
  }
}

/** Human-readable lines for one file's problems. */
export function formatResult({ file, problems }: { file: string; problems: Problem[] }, lang: "id" | "en"): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const summary =
    lang === "id"
      ? `${file}: ${errors} galat, ${warnings} peringatan`
      : `${file}: ${errors} errors, ${warnings} warnings`;
  const lines = problems.map((p) => {
    const severity = lang === "id" ? (p.severity === "error" ? "galat" : "peringatan") : p.severity;
    // in a file of several processes, the process comes first: which one to fix
    const at = p.processId && p.processId !== p.elementId ? `${p.processId}/${p.elementId}` : p.elementId || "-";
    return `  ${severity.padEnd(10)} ${at.padEnd(24)} ${p.code.padEnd(28)} ${p.message[lang]}`;
  });
  return [summary, ...lines].join("\n");
}
