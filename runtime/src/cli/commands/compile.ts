/** `alur compile <file.bpmn>`: the execution plan the runtime would run, as JSON. */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { compileAndValidate, parseBpmn } from "@alur/shared/compiler";
import type { Command } from "../command";
import { formatResult, loadModel } from "./validate";

const compile: Command = {
  summary: "compile a BPMN model to its execution plan (JSON)",
  usage: `Usage: alur compile <file.bpmn> [-o plan.json] [--process <id>] [--forms <dir>] [--lang id|en]

Validates the model and prints its execution plan (or writes it with -o). Forms referenced by
user tasks are embedded from --forms <dir> (form-js *.form or *.json files, by their "id" or file
name). Exit code 0 with a plan, 1 when the model has errors (listed on stderr), 2 on wrong usage.`,
  async run(args) {
    const options = parseArgs(args);
    if (typeof options === "string") {
      console.error(`alur compile: ${options}`);
      return 2;
    }
    const model = await loadModel(options.file);
    if ("problem" in model) {
      console.error(formatResult({ file: options.file, problems: [model.problem] }, options.lang));
      return 1;
    }
    let forms: Record<string, unknown> | undefined;
    if (options.formsDir) {
      const loaded = await loadForms(options.formsDir);
      if (typeof loaded === "string") {
        console.error(`alur compile: ${loaded}`);
        return 1;
      }
      forms = loaded;
    }
    const parsed = await parseBpmn(model.xml);
    const result = parsed.definitions
      ? compileAndValidate(parsed.definitions, options.processId, forms ? { forms } : {})
      : { problems: parsed.problems };
    const problems = [...(parsed.definitions ? parsed.problems : []), ...result.problems];
    if (problems.length > 0) console.error(formatResult({ file: options.file, problems }, options.lang));
    if (!("plan" in result) || !result.plan) return 1;
    const json = `${JSON.stringify(result.plan, null, 2)}\n`;
    if (options.output) await writeFile(options.output, json);
    else process.stdout.write(json);
    return 0;
  },
};
export default compile;

interface Options {
  file: string;
  output?: string;
  processId?: string;
  formsDir?: string;
  lang: "id" | "en";
}

function parseArgs(args: string[]): Options | string {
  const files: string[] = [];
  const options: Partial<Options> & { lang: "id" | "en" } = { lang: "id" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith("-")) throw new Error(`${arg} needs a value`);
      return next;
    };
    try {
      if (arg === "-o" || arg === "--output") options.output = value();
      else if (arg === "--process") options.processId = value();
      else if (arg === "--forms") options.formsDir = value();
      else if (arg === "--lang") {
        const lang = value();
        if (lang !== "id" && lang !== "en") return `--lang takes "id" or "en", not "${lang}"`;
        options.lang = lang;
      } else if (arg.startsWith("-")) return `unknown option ${arg}. Run \`alur compile --help\`.`;
      else files.push(arg);
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (files.length !== 1) return "give exactly one model. Usage: alur compile <file.bpmn> [-o plan.json]";
  return { ...options, file: files[0] as string };
}

/** form-js schemas of a folder by form id: the schema's "id", else the file name. */
async function loadForms(dir: string): Promise<Record<string, unknown> | string> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith(".form") || f.endsWith(".json")).sort();
  } catch {
    return `forms folder "${dir}" cannot be read`;
  }
  const forms: Record<string, unknown> = {};
  for (const name of names) {
    try {
      const schema = JSON.parse(await readFile(path.join(dir, name), "utf8")) as { id?: unknown };
      const id = typeof schema.id === "string" && schema.id !== "" ? schema.id : name.replace(/\.(form|json)$/, "");
      forms[id] = schema;
    } catch {
      return `form file "${path.join(dir, name)}" is not valid JSON`;
    }
  }
  return forms;
}
