/**
 * Documents uploaded with a case or a message: size, count and type limits, checked by extension
 * and by the file's first bytes (a renamed executable is not a PDF), stored by sha256. The files
 * arrive already streamed to disk (multipart.ts); nothing is stored until every file passed.
 */
import { storeWrittenFile } from "../../store/file-store";
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

/** A file of a multipart body, written to a temp file as it arrived (field `document:<requirementId>` or `file`). */
export interface ReceivedFile {
  requirementId: string | null;
  filename: string;
  size: number;
  sha256: string;
  /** The file's first bytes, for the signature check. */
  head: Uint8Array;
  /** The temp file; removed with its request. */
  path: string;
}

export interface Upload {
  requirementId: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Checks every file (count, sizes, type by extension and first bytes) and stores none;
 * `allowedTypes` maps a requirement id to its accepted extensions (from the service standard).
 */
export function checkUploads(
  files: ReceivedFile[],
  allowedTypes: (requirementId: string | null) => string[],
): { upload: Upload; path: string }[] {
  if (files.length > MAX_FILES) throw new ApiException(413, "file-too-large", { maxFiles: MAX_FILES });
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_TOTAL_BYTES) throw new ApiException(413, "file-too-large", { maxTotalBytes: MAX_TOTAL_BYTES });
  return files.map((file) => {
    const name = file.filename.slice(0, 200);
    if (file.size > MAX_FILE_BYTES) {
      throw new ApiException(413, "file-too-large", { filename: name, maxBytes: MAX_FILE_BYTES });
    }
    const ext = name.toLowerCase().split(".").pop() ?? "";
    const allowed = allowedTypes(file.requirementId);
    const signature = SIGNATURES[ext];
    if (!allowed.includes(ext) || !signature?.check(file.head)) {
      throw new ApiException(415, "file-type-rejected", { filename: name, allowed });
    }
    const upload = {
      requirementId: file.requirementId,
      filename: name,
      contentType: signature.type,
      size: file.size,
      sha256: file.sha256,
    };
    return { upload, path: file.path };
  });
}

/** Moves checked files into the store. */
export async function storeUploads(filesDir: string, checked: { upload: Upload; path: string }[]): Promise<Upload[]> {
  for (const { upload, path } of checked) await storeWrittenFile(filesDir, path, upload.sha256);
  return checked.map((c) => c.upload);
}

/** Checks every file, then stores them all. */
export async function acceptUploads(
  filesDir: string,
  files: ReceivedFile[],
  allowedTypes: (requirementId: string | null) => string[],
): Promise<Upload[]> {
  return storeUploads(filesDir, checkUploads(files, allowedTypes));
}
