/**
 * The API reference page: Swagger UI from the installed swagger-ui-dist package, served by the API
 * itself (an office network without internet still has its docs), started by a script file, not
 * inline script, so it runs under the strict Content-Security-Policy.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context";

const SWAGGER_UI_DIR = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const ASSETS = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
} as const;

/** Mounts /docs and its assets under /docs/*; `basePath` is where the server mounts the API. */
export function mountDocs(app: OpenAPIHono<AppEnv>, basePath: string): void {
  const assets = new Map<string, Buffer>();
  const asset = (name: keyof typeof ASSETS) => {
    let bytes = assets.get(name);
    if (!bytes) {
      bytes = readFileSync(path.join(SWAGGER_UI_DIR, name));
      assets.set(name, bytes);
    }
    return bytes;
  };
  const start = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: ${JSON.stringify(`${basePath}/openapi.json`)}, dom_id: "#docs", deepLinking: true, validatorUrl: null });
});
`;
  const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Alur API</title>
    <link rel="stylesheet" href="${basePath}/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="docs"></div>
    <script src="${basePath}/docs/swagger-ui-bundle.js"></script>
    <script src="${basePath}/docs/start.js"></script>
  </body>
</html>
`;
  app.get("/docs", (c) => c.html(page));
  app.get("/docs/start.js", (c) => c.body(start, 200, { "content-type": "text/javascript; charset=utf-8" }));
  for (const name of Object.keys(ASSETS) as (keyof typeof ASSETS)[]) {
    app.get(`/docs/${name}`, (c) =>
      c.body(new Uint8Array(asset(name)), 200, {
        "content-type": ASSETS[name],
        "cache-control": "public, max-age=3600",
      }),
    );
  }
}
