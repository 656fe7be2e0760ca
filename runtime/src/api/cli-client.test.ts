import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TaskDetail } from "@alur/shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, ApiRequestError } from "./cli-client";

// A real HTTP server standing in for an Alur server of another version: the CLI must say so
// instead of printing "undefined" from a field that is not there.
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/api/auth/login") {
      res.end(JSON.stringify({ user: sampleUser(), token: "t0k", expiresAt: "2026-12-03T10:00:00Z" }));
    } else if (req.url === "/api/tasks/old") {
      res.end(JSON.stringify({ taskId: "old", title: "A renamed field" }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ code: "not-found", message: { id: "Tidak ditemukan", en: "Not found" } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function sampleUser() {
  return {
    id: "u1",
    username: "cli",
    displayName: "CLI",
    orgUnitId: "o1",
    district: null,
    roles: ["admin"],
    disabled: false,
  };
}

describe("ApiClient", () => {
  it("refuses an answer that does not match the API's schema, naming the path and field", async () => {
    const client = await ApiClient.connect({ url, user: "cli", password: "x" });
    await expect(client.request(TaskDetail, "GET", "/tasks/old")).rejects.toThrow(
      /unexpected answer from \/tasks\/old \(\w+: .*\); are the CLI and the server the same version\?/,
    );
  });

  it("passes the API's refusal on with its code", async () => {
    const client = await ApiClient.connect({ url, user: "cli", password: "x" });
    const error = await client.request(TaskDetail, "GET", "/tasks/missing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect((error as ApiRequestError).code).toBe("not-found");
    expect((error as ApiRequestError).status).toBe(404);
  });
});
