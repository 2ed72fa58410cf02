import { useEditorApi } from "../store/editor-context";

export function EmptyState({ onOpenPatterns }: { onOpenPatterns: () => void }) {
  const store = useEditorApi();
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>Drag a Pod from the palette, or start from a pattern</h2>
      <p>
        Then drop containers into it, give each a role, add volumes and wire them to the containers that mount them. The
        manifest and its validation follow every change.
      </p>
      <div className="empty-actions">
        <button type="button" className="btn btn-primary" onClick={onOpenPatterns}>
          Open a pattern template
        </button>
        <button type="button" className="btn" onClick={() => store.getState().addFromPalette({ kind: "pod" })}>
          Add an empty Pod
        </button>
      </div>
    </div>
  );
}
