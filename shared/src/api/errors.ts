/** The one error shape every API response uses. */
import { z } from "zod";

/** A user-facing message in Bahasa Indonesia and English. */
export const Bilingual = z.object({ id: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

export const ApiError = z.object({
  /** Stable kebab code, e.g. `task-revision-conflict`. */
  code: z.string(),
  message: Bilingual,
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiError>;
