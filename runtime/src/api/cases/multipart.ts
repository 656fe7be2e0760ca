/**
 * Multipart bodies of the upload routes, streamed: each file goes to a temp file under the files
 * directory while its sha256 is computed, and the size and count limits are enforced while the
 * bytes arrive, so a 100 MB upload is refused after 10 MB, not after it sits in memory.
 */
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { createMiddleware } from "hono/factory";
import { incomingDir } from "../../store/file-store";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, type ReceivedFile } from "./uploads";

/** The text fields of an upload (the `data` JSON); generous, still far below a file. */
const MAX_FIELD_BYTES = 1024 * 1024;
const MAX_FIELDS = 20;
/** Enough of a file's start to check its signature. */
const HEAD_BYTES = 16;

/**
 * Streams a multipart body to temp files; the text fields become the form the route validates.
 * `maxTotalBytes` lowers the total the files may have (the public application form's cap).
 */
export function streamedUploads(options: { maxTotalBytes?: number } = {}) {
  const maxTotal = Math.min(options.maxTotalBytes ?? MAX_TOTAL_BYTES, MAX_TOTAL_BYTES);
  const maxBody = maxTotal + MAX_FIELDS * MAX_FIELD_BYTES;
  return createMiddleware<AppEnv>(async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (!type.toLowerCase().startsWith("multipart/form-data") || !c.req.raw.body) return next();
    const declared = Number(c.req.header("content-length"));
    if (declared > maxBody) throw new ApiException(413, "file-too-large", { maxTotalBytes: maxTotal });
    const dir = path.join(incomingDir(c.get("deps").filesDir), randomUUID());
    await mkdir(dir, { recursive: true });
    try {
      const { fields, files } = await receive(c.req.raw.body, type, dir, maxTotal);
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      // the route's validator and parseBody read this instead of the (consumed) body
      c.req.bodyCache.formData = form;
      c.set("uploads", files);
      await next();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

function receive(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  dir: string,
  maxTotal: number,
): Promise<{ fields: [string, string][]; files: ReceivedFile[] }> {
  return new Promise((resolve, reject) => {
    const fields: [string, string][] = [];
    const files: ReceivedFile[] = [];
    const writes: Promise<void>[] = [];
    const outputs: { from: Readable; to: ReturnType<typeof createWriteStream> }[] = [];
    let total = 0;
    let failed = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        defParamCharset: "utf8",
        limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
      });
    } catch {
      reject(malformed("not a multipart body"));
      return;
    }
    const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
    // Stops reading the request at the first refusal: the rest of the body is never pulled.
    const fail = (error: ApiException) => {
      if (failed) return;
      failed = true;
      source.unpipe(parser);
      source.destroy();
      for (const { from, to } of outputs) {
        from.unpipe(to);
        to.destroy();
      }
      reject(error);
    };
    // busboy hands an empty part name over as undefined
    parser.on("field", (rawName: string | undefined, value, info) => {
      const name = rawName ?? "";
      if (info.valueTruncated) return fail(new ApiException(413, "body-too-large", { field: name }));
      if (name.includes("\0") || value.includes("\0")) return fail(malformed(`field ${name}: NUL byte`));
      fields.push([name, value]);
    });
    parser.on("file", (rawName: string | undefined, stream, info) => {
      const name = rawName ?? "";
      const filename = info.filename || "document";
      if (name.includes("\0") || filename.includes("\0")) {
        stream.resume();
        return fail(malformed("file name: NUL byte"));
      }
      const requirementId = name.startsWith("document:") ? name.slice("document:".length) || null : null;
      const file: ReceivedFile = {
        requirementId,
        filename,
        size: 0,
        sha256: "",
        head: new Uint8Array(0),
        path: path.join(dir, String(files.length)),
      };
      files.push(file);
      const hash = createHash("sha256");
      const out = createWriteStream(file.path);
      outputs.push({ from: stream, to: out });
      stream.on("data", (chunk: Buffer) => {
        if (file.head.byteLength < HEAD_BYTES) {
          file.head = Buffer.concat([file.head, chunk.subarray(0, HEAD_BYTES - file.head.byteLength)]);
        }
        file.size += chunk.byteLength;
        total += chunk.byteLength;
        hash.update(chunk);
        if (total > maxTotal) fail(new ApiException(413, "file-too-large", { maxTotalBytes: maxTotal }));
      });
      stream.on("limit", () =>
        fail(new ApiException(413, "file-too-large", { filename: filename.slice(0, 200), maxBytes: MAX_FILE_BYTES })),
      );
      const written = new Promise<void>((done, writeFailed) => {
        out.on("finish", () => {
          file.sha256 = hash.digest("hex");
          done();
        });
        out.on("error", writeFailed);
        stream.pipe(out);
      });
      // after a refusal nobody awaits the writes: their errors are expected, not unhandled
      written.catch(() => undefined);
      writes.push(written);
    });
    parser.on("filesLimit", () => fail(new ApiException(413, "file-too-large", { maxFiles: MAX_FILES })));
    parser.on("fieldsLimit", () => fail(new ApiException(413, "body-too-large", { maxFields: MAX_FIELDS })));
    parser.on("error", (error: Error) => fail(malformed(error.message)));
    parser.on("close", () => {
      if (failed) return;
      Promise.all(writes).then(
        () => resolve({ fields, files }),
        (error: unknown) => reject(error),
      );
    });
    source.on("error", (error) => fail(malformed(error.message)));
    source.pipe(parser);
  });
}

function malformed(reason: string): ApiException {
  return new ApiException(400, "validation-failed", { issues: [{ path: "", message: reason }] });
}
