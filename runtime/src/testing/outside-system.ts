/**
 * A stand-in for an outside system an http connector calls (e.g. DTKS), on loopback: it answers
 * with `status` (500 until a test switches it to 200) and counts the calls, so a test can take the
 * system down and bring it back.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface OutsideSystem {
  /** The HTTP status the next calls get. */
  status: number;
  /** Calls answered so far. */
  calls: number;
  /** The address of `path` on this server. */
  url(path: string): string;
  close(): Promise<void>;
}

export async function startOutsideSystem(bodies: { ok: unknown; failing: unknown }): Promise<OutsideSystem> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      system.calls++;
      res.writeHead(system.status, { "content-type": "application/json" });
      res.end(JSON.stringify(system.status === 200 ? bodies.ok : bodies.failing));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const system: OutsideSystem = {
    status: 500,
    calls: 0,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return system;
}
