/**
 * A stand-in for a WhatsApp/SMS gateway (third-party SaaS, the one allowed stand-in): records every
 * POST and keeps one message per Idempotency-Key, as such gateways document.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface GatewayRequest {
  key: string | undefined;
  authorization: string | undefined;
  body: { to?: string; text?: string; key?: string };
}

export interface MessageGateway {
  url: string;
  requests: GatewayRequest[];
  /** Messages the gateway would send: one per key. */
  delivered: Map<string, GatewayRequest>;
  /** Answer the next `n` requests with this status instead of 202. */
  failNext(n: number, status: number): void;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.on("data", (c: Buffer) => {
      text += c.toString();
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

export async function startMessageGateway(): Promise<MessageGateway> {
  const requests: GatewayRequest[] = [];
  const delivered = new Map<string, GatewayRequest>();
  let failing = { n: 0, status: 500 };
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as GatewayRequest["body"];
    const key = req.headers["idempotency-key"] as string | undefined;
    const record = { key, authorization: req.headers.authorization, body };
    requests.push(record);
    if (failing.n > 0) {
      failing.n--;
      res.writeHead(failing.status, { "content-type": "application/json" }).end('{"error":"unavailable"}');
      return;
    }
    if (key && !delivered.has(key)) delivered.set(key, record);
    res.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ id: `gw-${key}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    requests,
    delivered,
    failNext(n, status) {
      failing = { n, status };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
