/**
 * Documents uploaded with a case or a message: size, count and type limits, checked by extension
 * and by the file's first bytes (a renamed executable is not a PDF), stored by sha256.
 */
import { storeFile } from "../../store/file-store";
import { ApiException } from "../errors";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 30;
export const MAX_TOTAL_BYTES = 60 * 1024 * 1024;
export const DEFAULT_FILE_TYPES = ["pdf", "jpg", "jpeg", "png"];

const SIGNATURES: Record<string, { type: string; check: (b: Uint8Array) => boolean }> = {
  pdf: { type: "application/pdf", check: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 },
  png: { type: "image/png", check: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  jpg: { type: "image/jpeg", check: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  jpeg: { type: "image/jpeg", check: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
};

export interface Upload {
  requirementId: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Files of a parsed multipart body: fields named `document:<requirementId>` (or `file`). */
export function filesOf(form: Record<string, unknown>): { requirementId: string | null; file: File }[] {
  const out: { requirementId: string | null; file: File }[] = [];
  for (const [field, value] of Object.entries(form)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (!(v instanceof File)) continue;
      const requirementId = field.startsWith("document:") ? field.slice("document:".length) || null : null;
      out.push({ requirementId, file: v });
    }
  }
  return out;
}

/**
 * Validates every file before storing any; `allowedTypes` maps a requirement id to its accepted
 * extensions (from the service standard).
 */
export async function acceptUploads(
  filesDir: string,
  files: { requirementId: string | null; file: File }[],
  allowedTypes: (requirementId: string | null) => string[],
): Promise<Upload[]> {
  if (files.length > MAX_FILES) throw new ApiException(413, "file-too-large", { maxFiles: MAX_FILES });
  const total = files.reduce((sum, f) => sum + f.file.size, 0);
  if (total > MAX_TOTAL_BYTES) throw new ApiException(413, "file-too-large", { maxTotalBytes: MAX_TOTAL_BYTES });
  const checked: { entry: (typeof files)[number]; bytes: Uint8Array; ext: string }[] = [];
  for (const entry of files) {
    const name = entry.file.name || "document";
    if (entry.file.size > MAX_FILE_BYTES) {
      throw new ApiException(413, "file-too-large", { filename: name, maxBytes: MAX_FILE_BYTES });
    }
    const ext = name.toLowerCase().split(".").pop() ?? "";
    const allowed = allowedTypes(entry.requirementId);
    const signature = SIGNATURES[ext];
    const bytes = new Uint8Array(await entry.file.arrayBuffer());
    if (!allowed.includes(ext) || !signature?.check(bytes)) {
      throw new ApiException(415, "file-type-rejected", { filename: name, allowed });
    }
    checked.push({ entry, bytes, ext });
  }
  const uploads: Upload[] = [];
  for (const { entry, bytes, ext } of checked) {
    const sha256 = await storeFile(filesDir, bytes);
    uploads.push({
      requirementId: entry.requirementId,
      filename: (entry.file.name || "document").slice(0, 200),
      contentType: SIGNATURES[ext]!.type,
      size: bytes.byteLength,
      sha256,
    });
  }
  return uploads;
}
