/** Uploaded files under the data directory, addressed by sha256 (the same file is stored once). */
import { createHash } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/** Writes the bytes (atomically, via a temp file) and returns their sha256. */
export async function storeFile(filesDir: string, bytes: Uint8Array): Promise<string> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const target = filePath(filesDir, sha256);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  }
  return sha256;
}

/**
 * Moves a file already written to disk (an upload streamed to a temp file, its sha256 computed
 * while streaming) into the store; a file with the same content already stored is kept.
 */
export async function storeWrittenFile(filesDir: string, source: string, sha256: string): Promise<void> {
  const target = filePath(filesDir, sha256);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists) return;
  await mkdir(path.dirname(target), { recursive: true });
  // same file system (uploads are written under the files directory): an atomic rename
  await rename(source, target);
}

/** Where uploads stream to before they are checked: beside the store, so moving one in is a rename. */
export function incomingDir(filesDir: string): string {
  return path.join(filesDir, ".incoming");
}

export function filePath(filesDir: string, sha256: string): string {
  return path.join(filesDir, sha256.slice(0, 2), sha256);
}

/** Deletes a stored file; one already gone is no error (a purge may be retried). */
export async function removeFile(filesDir: string, sha256: string): Promise<void> {
  await rm(filePath(filesDir, sha256), { force: true });
}
