/**
 * Connecting to Temporal as configured (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, mTLS certificates
 * or an API key, e.g. for Temporal Cloud). The same options serve the client (Connection) and the
 * worker (NativeConnection).
 */
import { readFileSync } from "node:fs";
import type { Env } from "../env";

type TemporalEnv = Pick<
  Env,
  | "TEMPORAL_ADDRESS"
  | "TEMPORAL_NAMESPACE"
  | "TEMPORAL_TLS_CERT"
  | "TEMPORAL_TLS_KEY"
  | "TEMPORAL_TLS_CA"
  | "TEMPORAL_API_KEY"
>;

export interface TemporalConnectionOptions {
  address: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer } | boolean;
  apiKey?: string;
}

/** A PEM given inline or as a file path. */
function pem(value: string): Buffer {
  return value.includes("-----BEGIN") ? Buffer.from(value) : readFileSync(value);
}

/**
 * Connection options for `address` (default TEMPORAL_ADDRESS, else 127.0.0.1:7233): mTLS when a
 * certificate and key are set, TLS with an API key, plain otherwise.
 */
export function connectionOptions(env: TemporalEnv, address?: string): TemporalConnectionOptions {
  const options: TemporalConnectionOptions = { address: address ?? env.TEMPORAL_ADDRESS ?? "127.0.0.1:7233" };
  if (env.TEMPORAL_TLS_CERT || env.TEMPORAL_TLS_KEY) {
    if (!env.TEMPORAL_TLS_CERT || !env.TEMPORAL_TLS_KEY) {
      throw new Error("TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together.");
    }
    options.tls = {
      clientCertPair: { crt: pem(env.TEMPORAL_TLS_CERT), key: pem(env.TEMPORAL_TLS_KEY) },
      ...(env.TEMPORAL_TLS_CA ? { serverRootCACertificate: pem(env.TEMPORAL_TLS_CA) } : {}),
    };
  } else if (env.TEMPORAL_TLS_CA) {
    options.tls = { serverRootCACertificate: pem(env.TEMPORAL_TLS_CA) };
  }
  if (env.TEMPORAL_API_KEY) {
    options.apiKey = env.TEMPORAL_API_KEY;
    options.tls ??= true;
  }
  return options;
}
