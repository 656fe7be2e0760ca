/** The problem list of a deploy the runtime's publish gate refused (422 `model-invalid`), if any. */
import { Problem } from "@alur/shared/compiler";
import { z } from "zod";
import { HttpError } from "../../api/http";

const Refusal = z.object({ problems: z.array(Problem) });

export function refusedProblems(error: unknown): Problem[] | null {
  if (!(error instanceof HttpError) || error.code !== "model-invalid") return null;
  const parsed = Refusal.safeParse(error.details);
  return parsed.success ? parsed.data.problems : null;
}
