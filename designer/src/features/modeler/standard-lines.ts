/**
 * The list components of a service standard edited as text, one item per line, fields separated
 * by "|": quick to type for admins and lossless for the fields the panel shows.
 */

export type LineField = { name: string; kind: "string" | "integer" | "boolean" };

/** The line formats of the list components of alur:serviceStandard. */
export const LINE_FORMATS = {
  legalBases: [
    { name: "kind", kind: "string" },
    { name: "number", kind: "string" },
    { name: "year", kind: "integer" },
    { name: "title", kind: "string" },
  ],
  requirements: [
    { name: "id", kind: "string" },
    { name: "name", kind: "string" },
    { name: "mandatory", kind: "boolean" },
  ],
  procedureSteps: [
    { name: "role", kind: "string" },
    { name: "text", kind: "string" },
  ],
  products: [{ name: "name", kind: "string" }],
  channels: [
    { name: "kind", kind: "string" },
    { name: "value", kind: "string" },
  ],
} as const satisfies Record<string, readonly LineField[]>;

export type LineList = keyof typeof LINE_FORMATS;

const FALSE_WORDS = new Set(["tidak", "opsional", "no", "false", "optional", "0"]);

/** Parses lines into attribute records; blank lines are skipped, missing fields left out. */
export function parseLines(text: string, fields: readonly LineField[]): Record<string, string | number | boolean>[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const parts = line.split("|").map((p) => p.trim());
      const record: Record<string, string | number | boolean> = {};
      fields.forEach((field, index) => {
        // the last field takes the rest of the line, so titles may contain "|"
        const raw = index === fields.length - 1 ? parts.slice(index).join(" | ") : (parts[index] ?? "");
        if (!raw) return;
        if (field.kind === "integer") {
          const n = Number.parseInt(raw, 10);
          if (Number.isFinite(n)) record[field.name] = n;
        } else if (field.kind === "boolean") record[field.name] = !FALSE_WORDS.has(raw.toLowerCase());
        else record[field.name] = raw;
      });
      return record;
    });
}

/** Formats attribute records back into lines (the inverse of parseLines). */
export function formatLines(items: readonly Record<string, unknown>[], fields: readonly LineField[]): string {
  return items
    .map((item) =>
      fields
        .map((field) => {
          const value = item[field.name];
          if (field.kind === "boolean") return value === false ? "opsional" : "wajib";
          return value === undefined || value === null ? "" : String(value);
        })
        .join(" | ")
        .replace(/(\s\|\s)+$/, ""),
    )
    .join("\n");
}
