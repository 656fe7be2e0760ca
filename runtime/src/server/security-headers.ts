/**
 * Security headers on every answer of the server (web app, API, downloads): scripts, styles,
 * fonts and connections only from the Alur server itself, never inline script, never framed.
 */
import { secureHeaders } from "hono/secure-headers";

/** The Content-Security-Policy; inline *styles* stay allowed because bpmn-js, React Flow and form-js set style attributes. */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:", "blob:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", "blob:"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    // an office server is often reached over plain HTTP on the LAN: HSTS would be ignored or, behind
    // a TLS proxy, is the proxy's to set
    strictTransportSecurity: false,
  });
}
