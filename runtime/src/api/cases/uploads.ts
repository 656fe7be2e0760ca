/**
 * Documents uploaded with a case or a message: size, count and type limits, checked by extension
 * and by the file's first bytes (a renamed executable is not a PDF), stored by sha256. The files
 * arrive already streamed to disk (multipart.ts); nothing is stored until every file passed.
 */
import { DEFAULT_FILE_TYPES, MAX_DOCUMENT_MB, maxDocumentMb } from "@alur/shared/standard";
import { storeWrittenFile } from "../../store/file-store";
import { ApiException } from "../errors";

export const MAX_FILE_BYTES = MAX_DOCUMENT_MB * 1024 * 1024;
export const MAX_FILES = 30;
export const MAX_TOTAL_BYTES = 60 * 1024 * 1024;

/** What a requirement accepts (the service standard's `fileTypes` and `maxSizeMb`). */
export interface UploadRule {
  fileTypes: readonly string[];
  /** Lowers MAX_FILE_BYTES for this requirement; a larger figure cannot raise it. */
  maxSizeMb?: number | undefined;
}

/** A file not tied to a requirement (a message's attachment, a service without a standard). */
export const ANY_DOCUMENT: UploadRule = { fileTypes: DEFAULT_FILE_TYPES };

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

/** The largest file a rule takes, in bytes. */
export function maxBytesOf(rule: UploadRule): number {
  return Math.floor(maxDocumentMb(rule) * 1024 * 1024);
}

/**
 * Checks every file (count, sizes, type by extension and first bytes) and stores none;
 * `ruleOf` gives a requirement id's accepted extensions and size (from the service standard).
 */
export function checkUploads(
  files: ReceivedFile[],
  ruleOf: (requirementId: string | null) => UploadRule,
): { upload: Upload; path: string }[] {
  if (files.length > MAX_FILES) throw new ApiException(413, "file-too-large", { maxFiles: MAX_FILES });
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_TOTAL_BYTES) throw new ApiException(413, "file-too-large", { maxTotalBytes: MAX_TOTAL_BYTES });
  return files.map((file) => {
    const name = file.filename.slice(0, 200);
    const rule = ruleOf(file.requirementId);
    const maxBytes = maxBytesOf(rule);
    if (file.size > maxBytes) {
      throw new ApiException(413, "file-too-large", { filename: name, requirementId: file.requirementId, maxBytes });
    }
    const ext = name.toLowerCase().split(".").pop() ?? "";
    const allowed = [...rule.fileTypes];
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
  ruleOf: (requirementId: string | null) => UploadRule,
): Promise<Upload[]> {
  return storeUploads(filesDir, checkUploads(files, ruleOf));
}
