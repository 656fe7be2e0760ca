/**
 * Asks before unsaved edits are lost: in-app navigation through the router's blocker (a dialog
 * to stay or leave), closing or reloading the tab through the browser's own beforeunload prompt.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";

export function LeaveGuard({ when }: { when: boolean }) {
  const { t } = useTranslation();
  // a change of query string only (e.g. a tab of the same page) keeps the model open
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname,
  );
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // older browsers show the prompt only with a returnValue set
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [when]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (blocker.state === "blocked" && !dialog.open) dialog.showModal();
    if (blocker.state !== "blocked" && dialog.open) dialog.close();
  }, [blocker.state]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="leave-title"
      data-testid="leave-dialog"
      onCancel={() => blocker.reset?.()}
    >
      <h2 id="leave-title">{t("designer.leaveTitle")}</h2>
      <p>{t("designer.leaveConfirm")}</p>
      <div className="page-actions">
        <button type="button" className="btn btn-primary" onClick={() => blocker.reset?.()}>
          {t("designer.stay")}
        </button>
        <button type="button" className="btn" onClick={() => blocker.proceed?.()}>
          {t("designer.leave")}
        </button>
      </div>
    </dialog>
  );
}
