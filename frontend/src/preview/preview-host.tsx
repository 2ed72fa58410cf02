/**
 * Where the preview panel goes: loaded on first use (its code is a separate chunk), and fenced
 * so that a failure in it (or in loading it) shows a message instead of breaking the editor.
 */

import { Component, type ReactNode, Suspense, lazy, useCallback, useEffect } from "react";

import { useEditorApi } from "../store/editor-context";
import { previewStore, usePreview } from "./preview-store";

const PreviewPanel = lazy(() => import("./preview-panel"));

type BoundaryProps = { children: ReactNode; onClose: () => void };

class PreviewBoundary extends Component<BoundaryProps, { error: string | null; attempt: number }> {
  override state = { error: null as string | null, attempt: 0 };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.error !== null) {
      return (
        <section className="preview-panel preview-failed" role="alert" data-testid="preview-failed">
          <p>
            The preview stopped working: {this.state.error}.{" "}
            <button type="button" className="link" onClick={() => this.setState({ error: null, attempt: this.state.attempt + 1 })}>
              Try again
            </button>{" "}
            ·{" "}
            <button type="button" className="link" onClick={this.props.onClose}>
              Close
            </button>
          </p>
        </section>
      );
    }
    return <div key={this.state.attempt} className="preview-slot">{this.props.children}</div>;
  }
}

export function usePreviewToggle(): [boolean, (open: boolean) => void] {
  const open = usePreview((s) => s.open);
  const editor = useEditorApi();
  const setOpen = useCallback(
    (next: boolean) => {
      previewStore.getState().setOpen(next);
      // The canvas changes size: fit the Pods into what is left once the panel has laid out.
      editor.setState({ viewRequest: editor.getState().viewRequest + 1 });
    },
    [editor],
  );
  return [open, setOpen];
}

export function PreviewHost() {
  const [open, setOpen] = usePreviewToggle();
  useEffect(() => () => previewStore.getState().setOpen(false), []);
  if (!open) return null;
  const close = () => setOpen(false);
  return (
    <PreviewBoundary onClose={close}>
      <Suspense fallback={<section className="preview-panel preview-loading muted">Loading the preview…</section>}>
        <PreviewPanel onClose={close} />
      </Suspense>
    </PreviewBoundary>
  );
}
