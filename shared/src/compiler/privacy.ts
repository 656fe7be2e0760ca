/** Reads the alur:privacy extension of a process (personal-data rules) into its schema. */
import { CasePrivacy } from "../schemas";
import { bool, children, commaList, extension, type ModdleElement, str } from "./moddle-element";
import { type Problem, problem } from "./problem";

/** The privacy rules declared on a process, validated; problems name the offending attribute. */
export function readPrivacy(process: ModdleElement): { privacy?: CasePrivacy; problems: Problem[] } {
  const source = extension(process, "alur:Privacy");
  if (!source) return { problems: [] };
  const problems: Problem[] = [];
  const fields: Record<string, string[]> = {};
  const documents: Record<string, string[]> = {};
  children(source, "restrictions").forEach((r, index) => {
    const field = str(r, "field")?.trim();
    const document = str(r, "document")?.trim();
    const roles = commaList(str(r, "roles"));
    if ((field ? 1 : 0) + (document ? 1 : 0) !== 1 || roles.length === 0) {
      problems.push(
        invalid(process.id, `restrict.${index}`, "needs exactly one of field/document and at least one role"),
      );
      return;
    }
    const target = field ? fields : documents;
    const key = (field ?? document)!;
    target[key] = [...new Set([...(target[key] ?? []), ...roles])];
  });
  const parsed = CasePrivacy.safeParse({
    sensitive: bool(source, "sensitive") ?? false,
    ...(str(source, "retention") ? { retention: str(source, "retention")!.trim() } : {}),
    fields,
    documents,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(invalid(process.id, issue.path.map(String).join(".") || "(root)", issue.message));
    }
  }
  if (problems.length > 0 || !parsed.success) return { problems };
  return { privacy: parsed.data, problems };
}

function invalid(elementId: string | undefined, path: string, message: string): Problem {
  return problem(elementId, "error", "privacy-invalid", {
    id: `Isian perlindungan data pribadi tidak sah pada "${path}": ${message}`,
    en: `Invalid personal-data protection field "${path}": ${message}`,
  });
}
