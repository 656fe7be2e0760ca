/**
 * Serves the built web app (designer/dist) with a single-page-app fallback to index.html, gzip'd
 * for clients that accept it: the public pages are meant for phones on slow networks. The assets
 * are gzip'd at build time (level 9, `.gz` beside each file) and sent as they are.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import { compress } from "hono/compress";
import { REPO_ROOT } from "../env";

const DESIGNER_DIST = path.join(REPO_ROOT, "designer", "dist");

export function mountDesigner(app: Hono, distDir = DESIGNER_DIST): boolean {
  const indexFile = path.join(distDir, "index.html");
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile, "utf8");
  const root = path.relative(process.cwd(), distDir) || ".";
  app.use(
    "/assets/*",
    serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => {
        // file names carry a content hash: cache them for a year
        c.header("Cache-Control", "public, max-age=31536000, immutable");
      },
    }),
  );
  app.use("/*", serveStatic({ root }));
  app.get("*", compress(), (c) => {
    if (c.req.path.startsWith("/api/")) return c.notFound();
    return c.html(indexHtml);
  });
  return true;
}
