/** A model file compiled for a simulation, with the forms found beside it (forms/ next to the file or one level up). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { compileProcess, parseBpmn } from "@alur/shared/compiler";
import type { ExecutionPlan } from "@alur/shared/plan";

export type Compiled = { ok: true; plan: ExecutionPlan } | { ok: false; message: string };

export async function compileModel(file: string, processId?: string): Promise<Compiled> {
  if (!existsSync(file)) return { ok: false, message: `berkas model tidak ada / model file not found: ${file}` };
  const parsed = await parseBpmn(readFileSync(file, "utf8"));
  if (!parsed.definitions) {
    return { ok: false, message: `${file}: ${parsed.problems.map((p) => p.message.en).join("; ")}` };
  }
  const forms: Record<string, unknown> = {};
  for (const dir of [path.join(path.dirname(file), "forms"), path.join(path.dirname(file), "..", "forms")]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".form"))) {
      let form: { id?: string };
      try {
        form = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as { id?: string };
      } catch {
        return {
          ok: false,
          message: `formulir bukan JSON yang valid / the form is not valid JSON: ${path.join(dir, name)}`,
        };
      }
      if (form.id) forms[form.id] = form;
    }
  }
  const compiled = compileProcess(parsed.definitions, processId, { forms });
  const errors = compiled.problems.filter((p) => p.severity === "error");
  if (!compiled.plan || errors.length > 0) {
    const problems = (errors.length ? errors : compiled.problems).map((p) => p.message.en).join("; ");
    return { ok: false, message: `${file}: ${problems}` };
  }
  return { ok: true, plan: compiled.plan };
}
