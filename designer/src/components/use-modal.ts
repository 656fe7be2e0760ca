/**
 * A `<dialog>` shown modally while the component is mounted: showModal traps focus and Esc
 * closes it (the dialog's onCancel decides what closing means). Returns the ref for the dialog.
 */
import { useEffect, useRef } from "react";

export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
