/**
 * Service-standard facts the public pages need without zod (their first load stays small, issue
 * 16's page budget); the schemas in ../schemas take their defaults from here.
 */

/** The file types a requirement accepts when its model names none (lower case, no dot). */
export const DEFAULT_FILE_TYPES: readonly string[] = ["pdf", "jpg", "jpeg", "png"];

/**
 * The largest document any upload takes, in megabytes: a requirement's `maxSizeMb` can lower it,
 * not raise it (the server streams every file to disk and holds a 60 MB request in all).
 */
export const MAX_DOCUMENT_MB = 10;

/** The largest file a requirement takes, in megabytes: its own `maxSizeMb` under MAX_DOCUMENT_MB. */
export function maxDocumentMb(requirement: { maxSizeMb?: number | undefined }): number {
  return Math.min(MAX_DOCUMENT_MB, requirement.maxSizeMb ?? MAX_DOCUMENT_MB);
}
