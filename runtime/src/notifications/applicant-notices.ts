/**
 * Notices to the applicant of an online application (store/public-applications.noticeApplicant):
 * at receipt (written with the case, public-apply.handlers.ts), at each request the model makes of
 * the applicant (a `notify` task with `audience="applicant"`) and when the case completes. In
 * Indonesian, with the tracking page's link; each once (dedupe key), sent through the delivery
 * outbox by email and the WhatsApp/SMS gateway.
 */
import { caseNumberOf } from "../store/cases";
import type { Db } from "../store/db";
import { noticeApplicant } from "../store/public-applications";

/** The catalogue's applicant notices are written for the counter ("Sampaikan kepada pemohon: …"). */
const FOR_THE_COUNTER = /^\s*sampaikan kepada pemohon:\s*/i;

/** A request to the applicant (missing documents and the like), once per job of the notify task. */
export async function noticeApplicantRequest(
  db: Db,
  input: { caseId: string; jobKey: string; title: string; message: string },
): Promise<boolean> {
  const caseNumber = await caseNumberOf(db, input.caseId);
  const message = input.message.replace(FOR_THE_COUNTER, "").trim();
  return noticeApplicant(db, {
    caseId: input.caseId,
    title: `Permohonan ${caseNumber}: ${input.title}`,
    body:
      `${message}\n` +
      "Waktu layanan berhenti sampai kekurangan dilengkapi. Unggah dokumen yang diminta di halaman " +
      "pelacakan dengan nomor permohonan dan kode pelacakan Anda: {link}",
    dedupeKey: `applicant:${input.caseId}:request:${input.jobKey}`,
  });
}

/** The case completed: the applicant may collect (or download) the result, and is asked to answer the survey. */
export async function noticeApplicationCompleted(db: Db, caseId: string): Promise<boolean> {
  const caseNumber = await caseNumberOf(db, caseId);
  return noticeApplicant(db, {
    caseId,
    title: `Permohonan ${caseNumber} selesai`,
    body:
      `Permohonan Anda dengan nomor ${caseNumber} telah selesai diproses. ` +
      "Lihat hasilnya dan unduh dokumen yang diterbitkan di halaman pelacakan: {link}\n" +
      "Di halaman itu pula Anda dapat mengisi Survei Kepuasan Masyarakat (SKM) untuk membantu kami " +
      "memperbaiki layanan.",
    dedupeKey: `applicant:${caseId}:completed`,
  });
}

/** A step the applicant does opened (role `applicant`): what it asks for, and where to upload it. */
export async function noticeApplicantStep(
  db: Db,
  task: { id: string; case_id: string; name: string | null; element_id: string },
): Promise<boolean> {
  const caseNumber = await caseNumberOf(db, task.case_id);
  const step = task.name ?? task.element_id;
  return noticeApplicant(db, {
    caseId: task.case_id,
    title: `Permohonan ${caseNumber}: ${step}`,
    body:
      `Dinas Sosial meminta Anda: ${step}.\n` +
      "Waktu layanan berhenti sampai kekurangan dilengkapi. Unggah dokumen yang diminta di halaman " +
      "pelacakan dengan nomor permohonan dan kode pelacakan Anda: {link}",
    dedupeKey: `applicant:${task.case_id}:step:${task.id}`,
  });
}
