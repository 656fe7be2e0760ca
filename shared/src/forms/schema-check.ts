/**
 * Checks a form-js schema: a form the task page could not use (no components, fields without a key,
 * two fields writing the same variable) gets a message in both languages. The designer refuses to
 * embed such a form and the compiler refuses to publish one. Keys are resolved as the form data
 * validator beside it resolves them: a group's `path` prefixes its fields, a dynamic list's items are
 * a scope of their own.
 */
import { isRecord, NON_INPUT } from "./components";

export interface FormSchemaProblem {
  code: "form-invalid" | "form-empty" | "form-field-without-key" | "form-duplicate-key";
  message: { id: string; en: string };
}

/** Every problem of a form-js schema; empty when the form can be embedded. */
export function checkFormSchema(schema: unknown): FormSchemaProblem[] {
  if (!isRecord(schema) || !Array.isArray(schema.components)) {
    return [{ code: "form-invalid", message: { id: "Skema formulir tidak sah.", en: "Invalid form schema." } }];
  }
  if (schema.components.length === 0) {
    return [
      {
        code: "form-empty",
        message: {
          id: "Formulir masih kosong: tambahkan minimal satu komponen.",
          en: "The form is empty: add at least one component.",
        },
      },
    ];
  }
  const problems: FormSchemaProblem[] = [];
  collect(schema.components, [], new Map(), problems, 0);
  return problems;
}

function collect(
  components: unknown[],
  prefix: string[],
  seen: Map<string, string>,
  problems: FormSchemaProblem[],
  depth: number,
): void {
  if (depth > 20) return;
  for (const component of components) {
    if (!isRecord(component)) continue;
    const type = typeof component.type === "string" ? component.type : "";
    if (NON_INPUT.has(type)) continue;
    const label = typeof component.label === "string" && component.label.trim() ? component.label.trim() : type;
    const path = typeof component.path === "string" && component.path ? [...prefix, component.path] : prefix;
    const children = Array.isArray(component.components) ? component.components : [];
    if (type === "group") {
      collect(children, path, seen, problems, depth + 1);
      continue;
    }
    if (type === "dynamiclist") {
      // the list itself is one value; its items' keys only have to differ from each other
      if (path.length > prefix.length) remember(path.join("."), label, seen, problems);
      collect(children, [], new Map(), problems, depth + 1);
      continue;
    }
    const key = typeof component.key === "string" ? component.key.trim() : "";
    if (!key) {
      problems.push({
        code: "form-field-without-key",
        message: {
          id: `Kolom "${label}" belum punya kunci (key).`,
          en: `Field "${label}" has no key.`,
        },
      });
      continue;
    }
    remember([...prefix, key].join("."), label, seen, problems);
  }
}

function remember(key: string, label: string, seen: Map<string, string>, problems: FormSchemaProblem[]): void {
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, label);
    return;
  }
  problems.push({
    code: "form-duplicate-key",
    message: {
      id: `Kunci "${key}" dipakai oleh "${first}" dan "${label}": setiap kolom perlu kunci sendiri.`,
      en: `Key "${key}" is used by both "${first}" and "${label}": each field needs its own key.`,
    },
  });
}
