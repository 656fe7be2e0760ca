/**
 * Job-worker tokens: `alurw_<id>_<secret>`. The id (16 hex) finds the credential, the secret (32
 * random bytes, base64url) proves it; only the secret's sha256 is stored, so a database dump
 * cannot act as a worker. The prefix tells a worker token from a session token without a lookup.
 */
import { randomBytes } from "node:crypto";
import { sha256Hex } from "./sessions";

const PATTERN = /^alurw_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function parseWorkerToken(token: string): { id: string; secret: string } | undefined {
  const match = PATTERN.exec(token);
  return match ? { id: match[1] as string, secret: match[2] as string } : undefined;
}

export function newWorkerToken(): { id: string; token: string; secretHash: string } {
  const id = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { id, token: `alurw_${id}_${secret}`, secretHash: sha256Hex(secret) };
}
