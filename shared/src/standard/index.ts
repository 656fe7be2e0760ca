/**
 * Service-standard facts the public pages need without zod (their first load stays small, issue
 * 16's page budget); the schemas in ../schemas take their defaults from here.
 */

/** The file types a requirement accepts when its model names none (lower case, no dot). */
export const DEFAULT_FILE_TYPES: readonly string[] = ["pdf", "jpg", "jpeg", "png"];
