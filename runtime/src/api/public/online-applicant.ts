/** Who an online applicant is to the audit trail, and how their contact is shown back to them. */

/** The audit actor and `created_by` of a case an applicant started online. */
export const ONLINE_APPLICANT = "public:online";

/** +62812*****432: enough to recognise one's own number, not enough to learn someone else's. */
export function maskPhone(phone: string): string {
  return phone.length <= 8 ? "****" : `${phone.slice(0, 6)}${"*".repeat(phone.length - 9)}${phone.slice(-3)}`;
}

/** d***@contoh.test */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}
