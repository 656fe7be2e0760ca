/**
 * How an applicant's contact is read, without zod, so the public pages can check it with the
 * API's own rule (`ApplicantPhone` in `@alur/shared/api` uses the same function) at no weight.
 */

/**
 * An Indonesian mobile number as E.164 (+62…), however it is written (0812…, 62812…, +62 812…;
 * spaces, dashes, brackets and dots ignored), or null when it is not one.
 */
export function indonesianMobile(written: string): string | null {
  const digits = written.trim().replace(/[\s.()-]/g, "");
  if (!/^(\+62|62|0)8\d{7,12}$/.test(digits)) return null;
  return `+62${digits.replace(/^(\+62|62|0)/, "")}`;
}
