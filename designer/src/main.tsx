import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import { setupI18n } from "./i18n";
import "./app/styles.css";

// the stored language's dictionary is there before the first render (no flash of the other language)
await setupI18n();
const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
