/**
 * The public face's addresses (no sign-in): opened, they start the public app (public-app.tsx),
 * which carries a small router instead of the staff app's, so a phone downloads less (issue 16's
 * page budget). The staff pages /survei-kepuasan and /pengaduan-masuk are not among them. Only
 * main.tsx imports this (it stays in the entry); the routes themselves are public-routes.ts, and
 * public-paths.test.ts holds the two together.
 */
const PUBLIC_PATH = /^\/(?:publik\/[^/]+(?:\/[^/]+(?:\/ajukan)?)?|lacak|survei|pengaduan(?:\/lacak)?)\/?$/;

/** Whether a pathname is one of the public pages. */
export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATH.test(pathname);
}
