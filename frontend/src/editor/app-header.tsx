/** The header: title, which design is open (and whether it has unsaved changes), library actions. */

import { me } from "../api/rest";
import { emptyDesign } from "../domain/design";
import { clearDraft } from "../hooks/use-local-draft";
import { designUrl } from "../hooks/use-library";
import { useEditor, useEditorApi } from "../store/editor-context";
import { AccountMenu } from "./account-menu";
import { ConnectionBadge } from "./connection-badge";
import type { DialogState } from "./dialogs/dialog-host";
import { PresenceAvatars } from "./presence";

export function AppHeader({ setDialog }: { setDialog: (d: DialogState) => void }) {
  const store = useEditorApi();
  const design = useEditor((s) => s.design);
  const dirty = useEditor((s) => s.doc !== s.savedDoc && s.doc.pods.length + s.savedDoc.pods.length > 0);
  const saved = design.id !== null;

  const startSave = async () => {
    const who = await me();
    if (!who.ok && (who.error.status === 401 || who.error.status === 403)) setDialog({ type: "signin" });
    else setDialog({ type: "save" });
  };
  const startNew = () => {
    const state = store.getState();
    if (dirty && !window.confirm("Start a new design? Unsaved changes of this one stay in this browser's draft for it.")) return;
    if (state.design.id === null) clearDraft(null);
    state.loadDocument(emptyDesign(state.doc.kubernetes_version), { id: null, name: "Untitled design", revision: null });
    window.history.replaceState(null, "", designUrl(null));
  };

  return (
    <header className="app-header">
      <h1>Pod Designer</h1>
      <span className="design-title" data-testid="design-title">
        {design.name}
        {design.revision !== null ? <span className="rev"> · rev {design.revision}</span> : null}
        {dirty ? <span className="unsaved" data-testid="unsaved"> · unsaved changes</span> : null}
      </span>
      <nav className="header-actions" aria-label="Library">
        <button type="button" className="hbtn" onClick={startNew}>
          New
        </button>
        <button type="button" className="hbtn" onClick={() => setDialog({ type: "library", templates: false })} data-testid="open-library">
          Open…
        </button>
        <button type="button" className="hbtn" onClick={() => setDialog({ type: "library", templates: true })} data-testid="open-patterns">
          Patterns…
        </button>
        <button type="button" className="hbtn" onClick={() => setDialog({ type: "import" })} data-testid="import-open">
          Import YAML…
        </button>
        <button type="button" className="hbtn hbtn-primary" onClick={() => void startSave()} data-testid="save">
          Save
        </button>
        <button type="button" className="hbtn" disabled={!saved} onClick={() => setDialog({ type: "history" })} data-testid="history">
          History
        </button>
        <button type="button" className="hbtn" disabled={!saved} onClick={() => setDialog({ type: "fork" })}>
          Fork
        </button>
      </nav>
      <PresenceAvatars />
      <AccountMenu />
      <ConnectionBadge />
    </header>
  );
}
