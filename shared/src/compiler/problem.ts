/** A validation or compilation finding, shown to modellers in Bahasa Indonesia and English. */
import { z } from "zod";

export const Severity = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof Severity>;

export const Problem = z.object({
  /** Id of the element at fault; the process or definitions id for model-wide findings. */
  elementId: z.string(),
  severity: Severity,
  /** Stable kebab-case code, e.g. "gateway-without-condition" or "bpmnlint/label-required". */
  code: z.string().min(1),
  message: z.object({ id: z.string().min(1), en: z.string().min(1) }),
  /** The process the element belongs to; set when the file holds more than one process. */
  processId: z.string().optional(),
  /** Where in an expression the problem lies (FEEL syntax errors), character offsets. */
  position: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** Builds a problem. */
export function problem(
  elementId: string | undefined,
  severity: Severity,
  code: string,
  message: { id: string; en: string },
  position?: { from: number; to: number },
): Problem {
  return { elementId: elementId ?? "", severity, code, message, ...(position ? { position } : {}) };
}

/** True when any problem is an error. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
