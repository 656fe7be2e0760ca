/**
 * The one error shape `{code, message: {id, en}, details}`: thrown as ApiException anywhere in a
 * handler, rendered by app.onError; validation failures come from the zod hook. No stack traces.
 */
import type { ApiError, Bilingual } from "@alur/shared/api";
import type { Hook } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "../logger";
import { isDatabaseUnavailable } from "../store/db";
import type { AppEnv } from "./context";

export const MESSAGES = {
  unauthenticated: { id: "Silakan masuk terlebih dahulu.", en: "Please sign in first." },
  forbidden: { id: "Anda tidak berwenang melakukan tindakan ini.", en: "You are not allowed to do this." },
  "csrf-invalid": {
    id: "Token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman.",
    en: "Missing or mismatched security (CSRF) token. Reload the page.",
  },
  "validation-failed": { id: "Data yang dikirim tidak valid.", en: "The data sent is not valid." },
  "not-found": { id: "Data tidak ditemukan.", en: "Not found." },
  "invalid-credentials": { id: "Nama pengguna atau kata sandi salah.", en: "Wrong username or password." },
  "sign-in-delayed": {
    id: "Terlalu banyak percobaan masuk yang gagal. Tunggu sebentar, lalu coba lagi.",
    en: "Too many failed sign-in attempts. Wait a moment, then try again.",
  },
  "rate-limited": {
    id: "Terlalu banyak percobaan masuk dari alamat ini. Coba lagi nanti.",
    en: "Too many sign-in attempts from this address. Try again later.",
  },
  "task-revision-conflict": {
    id: "Tugas ini baru saja diubah atau diselesaikan oleh orang lain. Isian Anda disimpan sebagai draf; muat ulang tugas.",
    en: "Someone else just changed or completed this task. Your input is kept as a draft; reload the task.",
  },
  "task-closed": { id: "Tugas ini sudah ditutup.", en: "This task is already closed." },
  "task-rejected": {
    id: "Penyelesaian tugas ditolak. Isian Anda disimpan sebagai draf.",
    en: "The task completion was rejected. Your input is kept as a draft.",
  },
  "data-not-allowed": {
    id: "Data berisi kolom yang tidak boleh diisi di sini; lihat details.keys.",
    en: "The data has keys that may not be set here; see details.keys.",
  },
  "form-invalid": {
    id: "Isian formulir tidak sesuai. Isian Anda disimpan sebagai draf.",
    en: "The form data is not valid. Your input is kept as a draft.",
  },
  "delegate-invalid": {
    id: "Pengguna tujuan tidak memiliki peran untuk tugas ini di kabupaten/kota yang sama.",
    en: "The target user has no role for this task in the same district.",
  },
  "idempotency-mismatch": {
    id: "Idempotency-Key ini sudah dipakai untuk permintaan lain.",
    en: "This Idempotency-Key was already used for a different request.",
  },
  "idempotency-in-progress": {
    id: "Permintaan dengan Idempotency-Key ini masih diproses.",
    en: "A request with this Idempotency-Key is still being processed.",
  },
  "process-not-published": {
    id: "Layanan ini belum diterbitkan untuk kabupaten/kota tersebut.",
    en: "This service is not published for that district.",
  },
  "model-invalid": {
    id: "Model belum dapat disimpan atau diterbitkan: perbaiki kesalahan yang tercantum.",
    en: "The model cannot be saved or published yet: fix the problems listed.",
  },
  "standard-unavailable": {
    id: "Standar pelayanan versi ini tidak dapat disusun dari modelnya.",
    en: "The service standard of this version cannot be derived from its model.",
  },
  "compiler-unavailable": {
    id: "Kompiler model belum tersedia di server ini.",
    en: "The model compiler is not available on this server yet.",
  },
  "body-too-large": { id: "Data yang dikirim terlalu besar.", en: "The data sent is too large." },
  "file-too-large": { id: "Berkas terlalu besar.", en: "The file is too large." },
  "file-type-rejected": { id: "Jenis berkas tidak diterima.", en: "This file type is not accepted." },
  "process-id-locked": {
    id: "Kode proses layanan yang sudah pernah diterbitkan tidak dapat diubah (permohonan dan layanan lain merujuknya). Kembalikan kode prosesnya, atau buat layanan baru.",
    en: "The process id of a service that was ever published cannot change (cases and other services refer to it). Restore the process id, or create a new service.",
  },
  "version-retired": { id: "Versi ini sudah tidak berlaku.", en: "This version is retired." },
  "reassign-invalid": {
    id: "Tugas tidak dapat dialihkan kepada pengguna ini: ia tidak aktif, tidak memegang peran tugas ini di kabupaten/kota yang sama, atau sudah memegang tugasnya.",
    en: "The task cannot be reassigned to this user: they are inactive, hold no role for this task in the same district, or already hold it.",
  },
  "reassign-conflict": {
    id: "Tugas ini baru saja diubah (diambil, dialihkan atau diselesaikan) oleh orang lain. Muat ulang halaman, lalu coba lagi.",
    en: "Someone else just changed this task (claimed, reassigned or completed it). Reload the page, then try again.",
  },
  "case-not-running": { id: "Permohonan ini tidak sedang berjalan.", en: "This case is not running." },
  "case-suspended": {
    id: "Permohonan ini sedang ditangguhkan; tugasnya dapat diselesaikan setelah dilanjutkan kembali.",
    en: "This case is suspended; its tasks can be completed once it is resumed.",
  },
  "case-not-suspended": { id: "Permohonan ini tidak sedang ditangguhkan.", en: "This case is not suspended." },
  "case-already-suspended": { id: "Permohonan ini sudah ditangguhkan.", en: "This case is already suspended." },
  "migration-invalid": {
    id: "Migrasi tidak dapat dijalankan: versi asal atau tujuan tidak ada, belum diterbitkan, atau sama; lihat details.",
    en: "The migration cannot run: the source or target version does not exist, is not published, or is the same; see details.",
  },
  "correction-refused": {
    id: "Koreksi ditolak: hanya data yang sudah dimiliki permohonan yang dapat dikoreksi; lihat details.fields.",
    en: "Correction refused: only data the case already holds can be corrected; see details.fields.",
  },
  "message-rejected": { id: "Pesan ditolak oleh proses.", en: "The process rejected the message." },
  "export-too-large": {
    id: "Terlalu banyak permohonan untuk satu ekspor; persempit filternya.",
    en: "Too many cases for one export; narrow the filter.",
  },
  "filter-name-taken": {
    id: "Anda sudah punya filter tersimpan dengan nama ini.",
    en: "You already have a saved filter with this name.",
  },
  "role-exists": { id: "Peran dengan kode ini sudah ada.", en: "A role with this key already exists." },
  "username-taken": { id: "Nama pengguna sudah dipakai.", en: "This username is taken." },
  "password-change-required": {
    id: "Ganti dulu kata sandi sementara Anda.",
    en: "Change your temporary password first.",
  },
  "wrong-password": { id: "Kata sandi saat ini salah.", en: "The current password is wrong." },
  "sso-account": {
    id: "Akun ini masuk melalui SSO; kata sandinya dikelola penyedia identitas.",
    en: "This account signs in through SSO; its password is managed by the identity provider.",
  },
  "roles-invalid": {
    id: "Peran tidak dikenal atau tidak cocok dengan unitnya; lihat details.",
    en: "Unknown roles, or roles that do not fit the unit; see details.",
  },
  "import-invalid": {
    id: "Tidak ada yang diimpor: perbaiki baris yang bermasalah (lihat details.rows), lalu impor lagi.",
    en: "Nothing was imported: fix the rows with problems (see details.rows), then import again.",
  },
  "acting-not-active": {
    id: "Penugasan Plt/Plh ini sudah dicabut.",
    en: "This acting assignment is already revoked.",
  },
  "sso-unavailable": {
    id: "Masuk dengan SSO tidak tersedia di server ini.",
    en: "Single sign-on is not available on this server.",
  },
  "sso-failed": {
    id: "Masuk dengan SSO gagal atau kedaluwarsa. Coba lagi.",
    en: "Single sign-on failed or expired. Try again.",
  },
  "sso-no-access": {
    id: "Akun SSO Anda tidak memiliki kabupaten/kota atau peran di Alur. Hubungi admin.",
    en: "Your SSO account has no district or role in Alur. Contact your admin.",
  },
  "no-other-super-admin": {
    id: "Buat dulu akun super admin yang bukan akun demo; tanpa itu tidak ada yang dapat mengelola Alur.",
    en: "Create a super admin account that is not a demo account first; otherwise nobody could administer Alur.",
  },
  "batch-empty": {
    id: "Tidak ada permohonan pada filter ini yang dapat diproses dengan tindakan tersebut.",
    en: "No case of this filter can take that operation.",
  },
  "batch-count-changed": {
    id: "Jumlah permohonan pada filter ini berubah sejak Anda melihatnya; periksa jumlahnya lagi lalu konfirmasi.",
    en: "The number of cases of this filter changed since you saw it; check the count again, then confirm.",
  },
  "batch-not-running": { id: "Tindakan massal ini tidak sedang berjalan.", en: "This batch is not running." },
  "batch-not-paused": { id: "Tindakan massal ini tidak sedang dijeda.", en: "This batch is not paused." },
  "batch-finished": { id: "Tindakan massal ini sudah selesai.", en: "This batch has already finished." },
  "no-open-incident": { id: "Permohonan ini tidak memiliki insiden terbuka.", en: "This case has no open incident." },
  "workflow-unavailable": {
    id: "Mesin proses sedang tidak dapat dihubungi. Coba lagi sebentar lagi.",
    en: "The process engine cannot be reached right now. Try again shortly.",
  },
  "database-unavailable": {
    id: "Basis data sedang tidak dapat dihubungi. Tidak ada yang hilang; coba lagi sebentar lagi.",
    en: "The database cannot be reached right now. Nothing was lost; try again shortly.",
  },
  "job-not-found": {
    id: "Pekerjaan ini tidak ditemukan untuk kredensial pekerja ini.",
    en: "No such job for this worker credential.",
  },
  "job-lock-expired": {
    id: "Kunci pekerjaan ini sudah habis waktunya atau dipegang pekerja lain; aktifkan ulang pekerjaan.",
    en: "This job's lock expired or another worker holds it; activate the job again.",
  },
  "job-closed": {
    id: "Pekerjaan ini sudah selesai atau dibatalkan oleh proses.",
    en: "This job is already finished or was cancelled by the process.",
  },
  "job-type-not-allowed": {
    id: "Kredensial pekerja ini tidak berwenang untuk jenis pekerjaan tersebut.",
    en: "This worker credential is not allowed to serve that job type.",
  },
  "worker-credential-revoked": {
    id: "Kredensial pekerja ini sudah dicabut.",
    en: "This worker credential is already revoked.",
  },
  "tracking-not-found": {
    id: "Nomor permohonan atau kode pelacakan tidak cocok. Periksa tanda terima Anda.",
    en: "The case number or tracking code does not match. Check your receipt.",
  },
  "tracking-rate-limited": {
    id: "Terlalu banyak percobaan pelacakan dari alamat ini. Coba lagi nanti.",
    en: "Too many tracking attempts from this address. Try again later.",
  },
  "own-account": {
    id: "Akun Anda sendiri tidak dapat dinonaktifkan, diatur ulang kata sandinya, atau diubah peran dan unitnya di sini. Minta admin lain, atau ganti kata sandi di halaman Ganti kata sandi.",
    en: "Your own account cannot be disabled, have its password reset, or its roles and unit changed here. Ask another admin, or change your password on the Change password page.",
  },
  "survey-not-yet": {
    id: "Survei dapat diisi setelah layanan Anda selesai.",
    en: "The survey can be answered once your service is completed.",
  },
  "survey-already-answered": {
    id: "Survei untuk permohonan ini sudah diisi. Terima kasih.",
    en: "The survey for this case has already been answered. Thank you.",
  },
  "application-form-invalid": {
    id: "Isian formulir permohonan belum benar. Periksa isian yang ditandai.",
    en: "The application form is not filled in correctly. Check the marked fields.",
  },
  "documents-missing": {
    id: "Dokumen persyaratan wajib belum diunggah.",
    en: "Required documents have not been uploaded.",
  },
  "application-rate-limited": {
    id: "Terlalu banyak permohonan dari alamat ini. Coba lagi nanti.",
    en: "Too many applications from this address. Try again later.",
  },
  "contact-rate-limited": {
    id: "Terlalu banyak permohonan dengan nomor telepon atau email ini. Coba lagi besok.",
    en: "Too many applications with this phone number or email. Try again tomorrow.",
  },
  "verification-required": {
    id: "Masukkan kode verifikasi yang dikirim ke nomor HP atau email Anda. Minta kode jika belum menerimanya.",
    en: "Enter the verification code sent to your phone or email. Ask for a code if you have none.",
  },
  "verification-invalid": {
    id: "Kode verifikasi salah atau sudah kedaluwarsa.",
    en: "The verification code is wrong or has expired.",
  },
  "verification-attempts": {
    id: "Terlalu banyak percobaan kode verifikasi. Minta kode baru.",
    en: "Too many attempts at the verification code. Ask for a new code.",
  },
  "verification-rate-limited": {
    id: "Terlalu banyak permintaan kode verifikasi. Coba lagi nanti.",
    en: "Too many verification code requests. Try again later.",
  },
  "verification-off": {
    id: "Permohonan daring di daerah ini tidak memakai kode verifikasi.",
    en: "Online applications in this district do not use a verification code.",
  },
  "complaint-rate-limited": {
    id: "Terlalu banyak pengaduan dari alamat, nomor telepon atau email ini. Coba lagi nanti, atau hubungi kantor.",
    en: "Too many complaints from this address, phone number or email. Try again later, or contact the office.",
  },
  "complaint-not-found": {
    id: "Nomor pengaduan atau kode pelacakan tidak cocok. Periksa tanda terima pengaduan Anda.",
    en: "The complaint number or tracking code does not match. Check your complaint receipt.",
  },
  "complaint-already-answered": {
    id: "Pengaduan ini sudah ditanggapi.",
    en: "This complaint has already been answered.",
  },
  "complaint-district-mismatch": {
    id: "Permohonan yang dirujuk bukan milik kabupaten/kota ini.",
    en: "The case referred to does not belong to this district.",
  },
  internal: { id: "Terjadi kesalahan pada server.", en: "Something went wrong on the server." },
} as const satisfies Record<string, Bilingual>;

export type ErrorCode = keyof typeof MESSAGES;

/** An error a handler throws to answer with the shared error shape. */
export class ApiException extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(code);
  }
}

export function errorBody(code: ErrorCode, details?: unknown): ApiError {
  return { code, message: MESSAGES[code], ...(details === undefined ? {} : { details }) };
}

/** app.onError: known errors keep their status; anything else is logged and becomes a bare 500. */
export function renderError(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof ApiException) {
      for (const [k, v] of Object.entries(error.headers ?? {})) c.header(k, v);
      return c.json(errorBody(error.code, error.details), error.status);
    }
    // A lost or refused database connection is an outage, not a bug: the client may retry (the
    // pool reconnects on the next query), and whatever the request changed was rolled back or is
    // completed by its retry.
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error, reqId: c.get("requestId"), path: c.req.path }, "database unavailable");
      c.header("Retry-After", "2");
      return c.json(errorBody("database-unavailable", { retryable: true }), 503);
    }
    // Hono's own HTTPException (e.g. malformed JSON body) carries a client status.
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return c.json(errorBody("validation-failed", { reason: error.message }), status as ContentfulStatusCode);
    }
    logger.error(
      { err: error, reqId: c.get("requestId"), path: c.req.path, method: c.req.method },
      "unhandled API error",
    );
    return c.json(errorBody("internal"), 500);
  };
}

/** The zod hook of every route: validation failures as 400 with the issues (path + message). */
// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route, whatever its input types
export const validationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
    return c.json(errorBody("validation-failed", { target: result.target, issues }), 400);
  }
};
