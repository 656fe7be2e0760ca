/**
 * Benchmark: opening a 300-flow-node BPMN model (with DI) in the designer until the canvas is
 * interactive (every shape drawn and a click on a task selects it and fills the properties panel),
 * in headless Chromium against a real `alur serve` (embedded mode, fresh data dir). Also reports
 * the gzipped JS the workspace pages load, and the phases of each opening from the app's
 * `alur:*` performance marks. Prints JSON; the median must stay under 1.5 s and the workspace JS
 * under 500 kB gzipped.
 *
 *   npm run -w @alur/designer build && npx tsx bench/modeler-open.bench.ts [--runs 9] [--nodes 300]
 *     [--dist <dir> --dist <other dir>] [--profile]
 *
 * Each `--dist` (default designer/dist) is a build served by its own static front (headers as
 * runtime/src/server/static-designer.ts sends them) passing /api to the one server, and the runs
 * alternate between them: two builds compared in one process see the same
 * machine load, which on a shared box matters more than anything measured. `--profile` adds one
 * run per build under Chromium's sampling profiler and prints where the main thread's time went.
 *
 * The anchor (issue 18, item 8): the same XML opened by bare bpmn-js in the same browser and
 * session — a page with nothing but the `bpmn-js` Modeler (bundled here with esbuild from the
 * installed package), which fetches the same version answer from the API, imports its XML, and is
 * timed the same way (every shape drawn, a click selects the task; there is no properties panel).
 * Its runs alternate with the designer's, and `anchorRatio` is the designer's median over it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { embeddedEnv, spawnServe, stopServe } from "@alur/runtime/testing";
import { build } from "esbuild";
import { chromium, type Page } from "playwright-core";

const TARGET_MEDIAN_MS = 1500;
const TARGET_WORKSPACE_JS_KB = 500;
const ROOT = path.resolve(import.meta.dirname, "..");
const DIST = path.join(ROOT, "designer", "dist");

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const runs = option("--runs", 9);
const nodeCount = option("--nodes", 300);
const profile = process.argv.includes("--profile");
const dists = process.argv.flatMap((arg, i) => (arg === "--dist" ? [path.resolve(process.argv[i + 1] ?? "")] : []));
if (dists.length === 0) dists.push(DIST);

/**
 * A process of `count` flow nodes (start, user tasks with roles and SLA, an exclusive split/join
 * every 10 tasks, end) laid out in rows of 12, with BPMNShape/BPMNEdge DI for every element.
 */
export function largeModelXml(
  count: number,
  processId = "bench_besar",
): { xml: string; shapes: number; edges: number } {
  type N = { id: string; kind: "start" | "task" | "split" | "join" | "end"; name: string };
  const nodes: N[] = [{ id: "mulai", kind: "start", name: "Mulai" }];
  let task = 0;
  while (nodes.length < count - 1) {
    const remaining = count - 1 - nodes.length;
    if (task > 0 && task % 10 === 0 && remaining >= 4) {
      const g = nodes.length;
      nodes.push({ id: `cek_${g}`, kind: "split", name: `Berkas lengkap ${g}?` });
      nodes.push({ id: `t_${++task}`, kind: "task", name: `Langkah ${task}` });
      nodes.push({ id: `gabung_${g}`, kind: "join", name: "" });
    } else nodes.push({ id: `t_${++task}`, kind: "task", name: `Langkah ${task}` });
  }
  nodes.push({ id: "selesai", kind: "end", name: "Selesai" });

  const perRow = 12;
  const pos = new Map<string, { x: number; y: number; w: number; h: number }>();
  nodes.forEach((n, i) => {
    const row = Math.floor(i / perRow);
    const col = row % 2 === 0 ? i % perRow : perRow - 1 - (i % perRow);
    const [w, h] = n.kind === "task" ? [100, 80] : n.kind === "start" || n.kind === "end" ? [36, 36] : [50, 50];
    pos.set(n.id, { x: 150 + col * 160 + (100 - w) / 2, y: 80 + row * 200 + (80 - h) / 2, w, h });
  });
  const flows: { id: string; from: string; to: string; cond?: string }[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const a = nodes[i]!;
    const b = nodes[i + 1]!;
    flows.push({ id: `f_${i}`, from: a.id, to: b.id, cond: a.kind === "split" ? "=lengkap = true" : undefined });
    // the "incomplete" branch of a split skips its task straight to the join
    if (a.kind === "split") flows.push({ id: `f_${i}_lewati`, from: a.id, to: nodes[i + 2]!.id });
  }
  const incoming = (id: string) =>
    flows.filter((f) => f.to === id).map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`);
  const outgoing = (id: string) =>
    flows.filter((f) => f.from === id).map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`);
  const tag = {
    start: "startEvent",
    task: "userTask",
    split: "exclusiveGateway",
    join: "exclusiveGateway",
    end: "endEvent",
  };
  const roles = ["front-office", "back-office", "pekerja-sosial", "kepala-bidang"];
  const elements = nodes.map((n, i) => {
    const ext =
      n.kind === "task"
        ? `<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${roles[i % roles.length]}" /><alur:task slaValue="1" slaUnit="workingDays" /></bpmn:extensionElements>`
        : "";
    const dflt = n.kind === "split" ? ` default="${flows.find((f) => f.from === n.id && !f.cond)?.id}"` : "";
    return `<bpmn:${tag[n.kind]} id="${n.id}" name="${n.name}"${dflt}>${ext}${incoming(n.id).join("")}${outgoing(n.id).join("")}</bpmn:${tag[n.kind]}>`;
  });
  const flowXml = flows.map((f) =>
    f.cond
      ? `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.from}" targetRef="${f.to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${f.cond}</bpmn:conditionExpression></bpmn:sequenceFlow>`
      : `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.from}" targetRef="${f.to}" />`,
  );
  const shapes = nodes.map((n) => {
    const p = pos.get(n.id)!;
    return `<bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"><dc:Bounds x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" /></bpmndi:BPMNShape>`;
  });
  const box = (id: string) => {
    const p = pos.get(id)!;
    return { cx: p.x + p.w / 2, cy: p.y + p.h / 2, hw: p.w / 2, hh: p.h / 2 };
  };
  // edges leave and enter at shape borders, as a modeller's DI does; skip flows go over the top
  const waypoints = (f: (typeof flows)[number]): [number, number][] => {
    const a = box(f.from);
    const b = box(f.to);
    if (f.id.endsWith("_lewati")) {
      const top = Math.min(a.cy - a.hh, b.cy - b.hh) - 30;
      return [
        [a.cx, a.cy - a.hh],
        [a.cx, top],
        [b.cx, top],
        [b.cx, b.cy - b.hh],
      ];
    }
    if (a.cy === b.cy) {
      const dir = Math.sign(b.cx - a.cx);
      return [
        [a.cx + dir * a.hw, a.cy],
        [b.cx - dir * b.hw, b.cy],
      ];
    }
    const midY = (a.cy + a.hh + b.cy - b.hh) / 2;
    return [
      [a.cx, a.cy + a.hh],
      [a.cx, midY],
      [b.cx, midY],
      [b.cx, b.cy - b.hh],
    ];
  };
  const edges = flows.map((f) => {
    const points = waypoints(f).map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`);
    return `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">${points.join("")}</bpmndi:BPMNEdge>`;
  });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0" id="Definitions_${processId}" targetNamespace="https://alur.id/bench">
<bpmn:process id="${processId}" name="Model besar (${count} elemen)" isExecutable="true">
${elements.join("\n")}
${flowXml.join("\n")}
</bpmn:process>
<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="${processId}">
${shapes.join("\n")}
${edges.join("\n")}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
  return { xml, shapes: nodes.length, edges: flows.length };
}

/** Starts `alur serve` as e2e's global setup does: embedded Temporal + PGlite in a fresh data dir. */
async function startServer(): Promise<{ baseUrl: string; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "alur-bench-"));
  const proc = await spawnServe({ env: await embeddedEnv(dataDir), timeoutMs: 180_000 });
  const stop = async () => {
    await stopServe(proc);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl: proc.baseUrl, dataDir, stop };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The entry script and its modulepreloads from index.html: what every page loads first. */
function initialJsFromBuild(dist: string): { files: string[]; gzipKb: number } {
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dist, f))).length, 0);
  return { files, gzipKb: Math.round(bytes / 102.4) / 10 };
}

/** Gzipped size of every script a page loads until the network is idle. */
async function pageJsKb(page: Page, url: string, dist: string): Promise<{ kb: number; scripts: number }> {
  const seen = new Set<string>();
  const listener = (res: { url(): string; request(): { resourceType(): string } }) => {
    if (res.request().resourceType() === "script") seen.add(new URL(res.url()).pathname);
  };
  page.on("response", listener);
  await page.goto(url, { waitUntil: "networkidle" });
  page.off("response", listener);
  let bytes = 0;
  for (const p of seen) {
    const file = path.join(dist, p);
    if (existsSync(file)) bytes += gzipSync(readFileSync(file)).length;
  }
  return { kb: Math.round(bytes / 102.4) / 10, scripts: seen.size };
}

/**
 * Starts a case of the catalogue's SJPP recommendation (Bekasi), whose first task has a form, with
 * its six requirement documents; returns the case and that task.
 */
async function startCaseWithForm(baseUrl: string, frontOfficePassword: string) {
  const login = (await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "bks.front-office", password: frontOfficePassword, mode: "token" }),
  }).then((r) => r.json())) as { token: string };
  const auth = { authorization: `Bearer ${login.token}` };
  const form = new FormData();
  form.set(
    "data",
    JSON.stringify({
      processId: "rekomendasi_sjpp_3216",
      district: "3216",
      applicant: { name: "Pemohon Uji" },
      variables: {},
    }),
  );
  const pdf = new Blob(["%PDF-1.4\n%%EOF\n"], { type: "application/pdf" });
  for (let i = 1; i <= 6; i++) form.set(`document:syarat0${i}`, pdf, `syarat0${i}.pdf`);
  const started = await fetch(`${baseUrl}/api/cases`, {
    method: "POST",
    headers: { ...auth, "idempotency-key": crypto.randomUUID() },
    body: form,
  });
  if (!started.ok) throw new Error(`start case: ${started.status} ${await started.text()}`);
  const { id: caseId, caseNumber } = (await started.json()) as { id: string; caseNumber: string };
  for (let attempt = 0; attempt < 60; attempt++) {
    const inbox = (await fetch(`${baseUrl}/api/tasks?scope=unassigned&q=${encodeURIComponent(caseNumber)}`, {
      headers: auth,
    }).then((r) => r.json())) as { items: { id: string }[] };
    const taskId = inbox.items[0]?.id;
    if (taskId) return { caseId, taskId };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the case's first task did not appear");
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".png": "image/png",
  ".json": "application/json",
};

/**
 * A build served as the runtime serves designer/dist (hashed assets cached for a year, the SPA
 * fallback to index.html), with /api passed through to the one `alur serve`.
 */
async function serveDist(
  dist: string,
  apiBase: string,
  extra: Record<string, { type: string; body: string }> = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const indexHtml = readFileSync(path.join(dist, "index.html"));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://front");
    if (url.pathname.startsWith("/api/")) {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === "string" && k !== "host" && k !== "connection") headers.set(k, v);
        }
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        fetch(`${apiBase}${url.pathname}${url.search}`, { method: req.method, headers, body })
          .then(async (answer) => {
            const out: Record<string, string | string[]> = {};
            answer.headers.forEach((v, k) => {
              if (!["content-encoding", "content-length", "transfer-encoding", "set-cookie"].includes(k)) out[k] = v;
            });
            const cookies = answer.headers.getSetCookie();
            if (cookies.length > 0) out["set-cookie"] = cookies;
            res.writeHead(answer.status, out);
            res.end(Buffer.from(await answer.arrayBuffer()));
          })
          .catch((error: unknown) => {
            res.writeHead(502);
            res.end(String(error));
          });
      });
      return;
    }
    const own = extra[url.pathname];
    if (own) {
      res.writeHead(200, { "content-type": own.type });
      res.end(own.body);
      return;
    }
    const file = path.join(dist, path.normalize(url.pathname));
    if (file.startsWith(dist) && url.pathname !== "/" && existsSync(file)) {
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        ...(url.pathname.startsWith("/assets/") ? { "cache-control": "public, max-age=31536000, immutable" } : {}),
      });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[".html"]! });
    res.end(indexHtml);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The anchor page: bare bpmn-js (the designer's installed version) and nothing else. */
async function bareModelerPage(): Promise<Record<string, { type: string; body: string }>> {
  const designerDir = path.join(ROOT, "designer");
  const bundled = await build({
    stdin: {
      contents: `import Modeler from "bpmn-js/lib/Modeler";
        window.openBare = async (url) => {
          const answer = await fetch(url, { headers: { accept: "application/json" } });
          const { bpmnXml } = await answer.json();
          window.bareModeler?.destroy();
          window.bareModeler = new Modeler({ container: "#canvas" });
          await window.bareModeler.importXML(bpmnXml);
        };`,
      resolveDir: designerDir,
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const assets = path.join(designerDir, "node_modules", "bpmn-js", "dist", "assets");
  const cssDir = existsSync(assets) ? assets : path.join(ROOT, "node_modules", "bpmn-js", "dist", "assets");
  const css = ["diagram-js.css", "bpmn-js.css"].map((f) => readFileSync(path.join(cssDir, f), "utf8")).join("\n");
  return {
    "/bench/bare.html": {
      type: TYPES[".html"]!,
      body: `<!doctype html><html><head><link rel="stylesheet" href="/bench/bare.css"></head><body style="margin:0"><div id="canvas" style="width:100vw;height:100vh"></div><script src="/bench/bare.js"></script></body></html>`,
    },
    "/bench/bare.js": { type: TYPES[".js"]!, body: bundled.outputFiles[0]!.text },
    "/bench/bare.css": { type: TYPES[".css"]!, body: css },
  };
}

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};

/** Self time by function and by script from a CPU profile, the largest first. */
function summarize(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byNode = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) {
    byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const fn = new Map<string, number>();
  const script = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = byNode.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.replace(/^https?:\/\/[^/]+/, "") : "(native)";
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    script.set(file, (script.get(file) ?? 0) + ms);
  }
  // who the five costliest functions were called by: their heaviest call paths, 7 frames up
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || "(anonymous)"}@${n.callFrame.url.split("/").pop() ?? ""}:${n.callFrame.lineNumber + 1}`;
  const keyOf = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    return `${functionName || "(anonymous)"} ${url ? url.replace(/^https?:\/\/[^/]+/, "") : "(native)"}:${lineNumber + 1}`;
  };
  const hot = new Set(
    [...fn]
      .filter(([k]) => !k.startsWith("("))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([k]) => k),
  );
  const stacks = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = byNode.get(node.id) ?? 0;
    if (ms === 0 || !hot.has(keyOf(node))) continue;
    const chain: string[] = [];
    for (let p: ProfileNode | undefined = node; p && chain.length < 7; p = parent.get(p.id)) chain.push(label(p));
    const key = chain.join(" < ");
    stacks.set(key, (stacks.get(key) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${Math.round(v)} ms ${k}`);
  return { byScript: top(script, 12), byFunction: top(fn, 25), hotStacks: top(stacks, 12) };
}

if (!existsSync(path.join(DIST, "index.html")) && dists.includes(DIST)) {
  console.error("designer/dist is missing: run `npm run -w @alur/designer build` first");
  process.exit(2);
}
const model = largeModelXml(nodeCount);
const server = await startServer();
const anchorFiles = await bareModelerPage();
const fronts = await Promise.all(dists.map((d) => serveDist(d, server.baseUrl, anchorFiles)));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
try {
  const credentials = JSON.parse(readFileSync(path.join(server.dataDir, "demo-credentials.json"), "utf8")) as {
    username: string;
    password: string;
  }[];
  const password = (u: string) => credentials.find((c) => c.username === u)?.password ?? "";
  // the model is saved as a draft through the API, as the designer's "save draft" would
  const login = (await fetch(`${server.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "bks.admin", password: password("bks.admin"), mode: "token" }),
  }).then((r) => r.json())) as { token: string };
  const deployed = await fetch(`${server.baseUrl}/api/processes`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${login.token}` },
    body: JSON.stringify({ bpmnXml: model.xml, district: "3216", publish: false }),
  });
  if (!deployed.ok) throw new Error(`deploy: ${deployed.status} ${await deployed.text()}`);
  const versionId = ((await deployed.json()) as { version: { id: string } }).version.id;

  /** One signed-in admin page per build, each on its own origin. */
  const signIn = async (i: number, front: (typeof fronts)[number]) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${front.url}/masuk`);
    await page.locator('input[name="username"]').fill("bks.admin");
    await page.locator('input[name="password"]').fill(password("bks.admin"));
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith("/masuk"));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    return {
      dist: dists[i]!,
      front,
      page,
      cdp,
      errors,
      times: [] as number[],
      busy: [] as number[],
      typeLabel: "",
      phases: {} as Record<string, number[]>,
      /** The requests of the last opening, in ms after the click: where the waiting went. */
      requests: [] as { path: string; startMs: number; endMs: number }[],
    };
  };
  const sessions: Awaited<ReturnType<typeof signIn>>[] = [];
  for (const [i, front] of fronts.entries()) sessions.push(await signIn(i, front));
  // the anchor runs in a page of the first build's signed-in session (the same cookie, origin and API)
  const anchorPage = await sessions[0]!.page.context().newPage();
  await anchorPage.goto(`${sessions[0]!.front.url}/bench/bare.html`);
  const anchorTimes: number[] = [];
  const openBareOnce = async (): Promise<number> => {
    await anchorPage.reload();
    await anchorPage.waitForFunction(
      () => typeof (window as unknown as { openBare?: unknown }).openBare === "function",
    );
    const t0 = performance.now();
    await anchorPage.evaluate(
      (url) => (window as unknown as { openBare: (u: string) => Promise<void> }).openBare(url),
      `/api/processes/versions/${versionId}`,
    );
    await anchorPage.waitForFunction(
      (n) => document.querySelectorAll(".djs-container .djs-element.djs-shape").length >= n,
      model.shapes,
      { timeout: 60_000, polling: 16 },
    );
    const target = anchorPage.locator('.djs-container [data-element-id="t_1"]').first();
    const bounds = await target.boundingBox();
    if (!bounds) throw new Error("anchor: task t_1 is not on screen");
    await anchorPage.mouse.click(bounds.x + bounds.width * 0.3, bounds.y + bounds.height * 0.3);
    await anchorPage.locator(".djs-element.selected[data-element-id='t_1']").waitFor();
    return performance.now() - t0;
  };

  /**
   * One opening of the model from the catalogue until interactive: every shape drawn, and a click
   * on a task selects it and the properties panel shows it (its type label is reported). Returns
   * wall time and the renderer main thread's CPU time (ThreadTime: unlike wall time it is not
   * inflated when other jobs share the machine's cores).
   */
  const openOnce = async (s: (typeof sessions)[number]): Promise<{ ms: number; busyMs: number }> => {
    const busySeconds = async () => {
      const { metrics } = (await s.cdp.send("Performance.getMetrics")) as {
        metrics: { name: string; value: number }[];
      };
      return metrics.find((m) => m.name === "ThreadTime")?.value ?? 0;
    };
    const { page } = s;
    // a fresh document on the catalogue each run; the admin opens the model from its row, so every
    // run loads the designer chunk, fetches the model and mounts a new Modeler
    await page.goto(`${s.front.url}/katalog`);
    const open = page.locator(`a[href="/desainer/${versionId}"]`).first();
    await open.waitFor();
    // an admin reads the catalogue before choosing: the page has settled (what it loads while idle, too)
    await page.waitForLoadState("networkidle");
    const busy0 = await busySeconds();
    const clickedAt = await page.evaluate(() => performance.now());
    const t0 = performance.now();
    await open.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll(".djs-container .djs-element.djs-shape").length >= n,
      model.shapes,
      { timeout: 60_000, polling: 16 },
    );
    const drawnMs = performance.now() - t0;
    const target = page.locator('.djs-container [data-element-id="t_1"]').first();
    const bounds = await target.boundingBox();
    if (!bounds) throw new Error("task t_1 is not on screen");
    await page.mouse.click(bounds.x + bounds.width * 0.3, bounds.y + bounds.height * 0.3);
    await page.locator(".djs-element.selected[data-element-id='t_1']").waitFor();
    await page.locator(".bio-properties-panel-header-label", { hasText: "Langkah 1" }).waitFor();
    const ms = performance.now() - t0;
    // the app's own marks (alur:*) of this opening, in ms after the click
    const marks = await page.evaluate(
      (since) =>
        performance
          .getEntriesByType("mark")
          .filter((m) => m.name.startsWith("alur:") && m.startTime >= since)
          .map((m) => [m.name, m.startTime - since] as const),
      clickedAt,
    );
    for (const [name, at] of [...marks, ["bench:shapes-drawn", drawnMs] as const, ["bench:interactive", ms] as const]) {
      s.phases[name] = [...(s.phases[name] ?? []), at];
    }
    s.typeLabel = (await page.locator(".bio-properties-panel-header-type").textContent()) ?? "";
    s.requests = await page.evaluate(
      (since) =>
        performance
          .getEntriesByType("resource")
          .filter((r) => r.startTime >= since)
          .map((r) => ({
            path: new URL(r.name).pathname,
            startMs: Math.round(r.startTime - since),
            endMs: Math.round((r as PerformanceResourceTiming).responseEnd - since),
          })),
      clickedAt,
    );
    return { ms, busyMs: ((await busySeconds()) - busy0) * 1000 };
  };

  for (let run = 0; run < runs + 1; run++) {
    for (const s of sessions) {
      const { ms, busyMs } = await openOnce(s);
      // the first run warms the browser's cache; it is reported apart
      if (run > 0) {
        s.times.push(ms);
        s.busy.push(busyMs);
      } else console.error(`cold run (${s.dist}): ${Math.round(ms)} ms wall, ${Math.round(busyMs)} ms main-thread CPU`);
    }
    const bare = await openBareOnce();
    if (run > 0) anchorTimes.push(bare);
  }
  const profiles: Record<string, ReturnType<typeof summarize>> = {};
  if (profile) {
    for (const s of sessions) {
      await s.cdp.send("Profiler.enable");
      await s.cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await s.cdp.send("Profiler.start");
      await openOnce(s);
      const { profile: p } = (await s.cdp.send("Profiler.stop")) as {
        profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
      };
      profiles[s.dist] = summarize(p);
    }
  }
  const first = sessions[0]!;
  const shapesDrawn = await first.page.locator(".djs-container .djs-element.djs-shape").count();
  const connectionsDrawn = await first.page.locator(".djs-container .djs-element.djs-connection").count();

  // JS of the workspace pages (staff never load the modeler chunk), as front office sees them,
  // including a task with a form-js form and a case page with its diagram viewer
  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await staffPage.goto(`${first.front.url}/masuk`);
  await staffPage.locator('input[name="username"]').fill("bks.front-office");
  await staffPage.locator('input[name="password"]').fill(password("bks.front-office"));
  await staffPage.locator('button[type="submit"]').click();
  await staffPage.waitForURL((u) => !u.pathname.startsWith("/masuk"));
  const { caseId, taskId } = await startCaseWithForm(server.baseUrl, password("bks.front-office"));
  const workspace: Record<string, { kb: number; scripts: number }> = {};
  const routes = ["/tugas", "/permohonan/baru", "/katalog", `/tugas/${taskId}`, `/permohonan/${caseId}`];
  for (const route of routes) {
    const fresh = await browser.newContext();
    await fresh.addCookies(await staff.cookies());
    const p = await fresh.newPage();
    await p.addInitScript(() => localStorage.setItem("alur.session", "1"));
    workspace[route.replace(/[0-9a-f-]{36}/, ":id")] = await pageJsKb(p, `${first.front.url}${route}`, first.dist);
    await fresh.close();
  }
  await staff.close();
  const initial = initialJsFromBuild(first.dist);
  const builds = sessions.map((s) => ({
    dist: path.relative(ROOT, s.dist) || s.dist,
    timesMs: s.times.map((t) => Math.round(t)),
    medianMs: Math.round(median(s.times)),
    mainThreadCpuMs: s.busy.map((t) => Math.round(t)),
    medianMainThreadCpuMs: Math.round(median(s.busy)),
    medianOk: median(s.times) < TARGET_MEDIAN_MS,
    pageErrors: s.errors,
    panelTypeLabel: s.typeLabel,
    ...(profile ? { lastOpeningRequests: s.requests } : {}),
    // median ms after the click of each phase mark (the cold run included); marks that come after
    // the bench's click on a task (e.g. validation) are absent when they were not reached by then
    medianPhasesMs: Object.fromEntries(
      Object.entries(s.phases)
        .map(([name, at]) => [name, Math.round(median(at))] as const)
        .sort((a, b) => a[1] - b[1]),
    ),
    ...(profiles[s.dist] ? { profile: profiles[s.dist] } : {}),
  }));
  const result = {
    benchmark: "modeler-open",
    model: { flowNodes: model.shapes, sequenceFlows: model.edges, shapesDrawn, connectionsDrawn },
    runs,
    ...builds[0]!,
    ...(builds.length > 1 ? { builds } : {}),
    anchor: {
      what: "bare bpmn-js Modeler: fetch the same version answer, importXML, every shape drawn, a click selects t_1",
      timesMs: anchorTimes.map((t) => Math.round(t)),
      medianMs: Math.round(median(anchorTimes)),
    },
    anchorRatio: Math.round((median(sessions[0]!.times) / median(anchorTimes)) * 100) / 100,
    targetAnchorRatio: 1.3,
    loadAverage: (await import("node:os")).loadavg().map((l) => Math.round(l * 10) / 10),
    targetMedianMs: TARGET_MEDIAN_MS,
    initialJsGzipKb: initial.gzipKb,
    initialJsFiles: initial.files,
    workspacePagesJsGzipKb: workspace,
    workspaceJsOk: Object.values(workspace).every((w) => w.kb < TARGET_WORKSPACE_JS_KB),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  for (const front of fronts) await front.close();
  await server.stop();
}
