import { useEffect } from "react";

import { useEditor, useEditorApi } from "../store/editor-context";

const LIFETIME_MS = 6000;

export function Toasts() {
  const toasts = useEditor((s) => s.toasts);
  const store = useEditorApi();
  useEffect(() => {
    if (!toasts.length) return;
    const timers = toasts.map((t) => setTimeout(() => store.getState().dismissToast(t.id), LIFETIME_MS));
    return () => timers.forEach(clearTimeout);
  }, [toasts, store]);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} data-testid="toast" data-tone={t.tone}>
          <span>{t.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => store.getState().dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
