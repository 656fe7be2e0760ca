/**
 * The client's address for throttling and the audit log. X-Forwarded-For is honoured only when
 * the socket peer is a trusted proxy (TRUSTED_PROXIES): otherwise any caller could pick its own
 * address and escape the per-address limits. Behind a proxy chain the client is the right-most
 * entry that is not itself a trusted proxy (entries to its left are the caller's to invent).
 */
import { isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { normalize } from "./cidr";

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address || undefined;
  } catch {
    // not served by @hono/node-server and no socket given (in-process app.request)
    return undefined;
  }
}

/** The calling client's address: the socket peer, or what trusted proxies forwarded. */
export function clientAddress(c: Context, isTrusted: (address: string) => boolean): string {
  const peer = peerAddress(c);
  if (!peer) return "unknown";
  let client = normalize(peer);
  if (!isTrusted(client)) return client;
  const forwarded = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => normalize(s.trim()))
    .filter((s) => s !== "");
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = forwarded[i]!;
    // A garbled entry ends the chain: what lies to its left cannot be trusted either.
    if (isIP(hop) === 0) break;
    client = hop;
    if (!isTrusted(hop)) break;
  }
  return client;
}
