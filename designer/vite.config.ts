import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

/** The runtime serves designer/dist at `/` on 8080; in dev Vite serves the app and proxies `/api` there. */
export default defineConfig({
  plugins: [
    react(),
    // gzip at the highest level once at build time (the server sends these files as they are, instead
    // of compressing each answer): offices reach Alur over plain HTTP, where browsers take no brotli
    compression({ algorithms: [defineAlgorithm("gzip", { level: 9 })], include: /\.(js|css|svg|json|html)$/ }),
  ],
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://localhost:8080", changeOrigin: false } },
  },
  build: {
    target: "es2022",
    // the modeler chunk (bpmn-js + properties panel) is big by nature and lazy-loaded
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // what every page runs on, in one file: a phone on 3G pays one request's headers for
            // it instead of a dozen small chunks' (issue 16's 150 kB budget for a public page).
            // Not the routers: the staff app's (react-router) and the public app's (wouter) each
            // go with their own app, so a public page never downloads react-router.
            {
              name: "framework",
              test: /node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/](query-core|react-query)|i18next|react-i18next|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/,
            },
            // the small parts the public pages share (frame, messages, formats, the code fields):
            // one request instead of six, each of which would cost its own headers
            {
              name: "public-kit",
              test: /src[\\/](components[\\/](error-message|query-state|format|document-input)|features[\\/]public[\\/](public-frame|tracking-fields))\.tsx?$/,
            },
          ],
        },
      },
    },
  },
});
