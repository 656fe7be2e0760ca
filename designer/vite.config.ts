import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The runtime serves designer/dist at `/` on 8080; in dev Vite serves the app and proxies `/api` there. */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://localhost:8080", changeOrigin: false } },
  },
  build: {
    target: "es2022",
    // the modeler chunk (bpmn-js + properties panel) is big by nature and lazy-loaded
    chunkSizeWarningLimit: 2500,
  },
});
