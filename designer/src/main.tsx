import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { isPublicPath } from "./app/public-paths";
import { setupI18n } from "./i18n";
import "./app/styles.css";

// A public page starts the public app, which leaves the staff app's router undownloaded; both
// start after the stored language's dictionary is there (no flash of the other language).
const [, root] = await Promise.all([setupI18n(), startingApp()]);
const container = document.getElementById("root");
if (container) createRoot(container).render(<StrictMode>{root}</StrictMode>);

async function startingApp() {
  if (isPublicPath(window.location.pathname)) {
    const { PublicApp } = await import("./app/public-app");
    return <PublicApp />;
  }
  const { App } = await import("./app/app");
  return <App />;
}
