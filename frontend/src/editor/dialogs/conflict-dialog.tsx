/** A stale save: someone saved after the revision this canvas started from. Never discard either side. */

import { useState } from "react";

import type { Library, SaveOutcome } from "../../hooks/use-library";
import { useEditor } from "../../store/editor-context";
import { Modal } from "./modal";

type Incoming = { revision: number; author: string | null; message: string };

export function ConflictDialog({
  library,
  current,
  base,
  message,
  incoming,
  onClose,
  onOutcome,
}: {
  library: Library;
  current: number | null;
  base: number | null;
  message: string;
  /** Opened from the new-revision banner: nothing was refused, the user chooses how to catch up. */
  incoming?: Incoming | undefined;
  onClose: () => void;
  onOutcome: (o: SaveOutcome) => void;
}) {
  const name = useEditor((s) => s.design.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<SaveOutcome | string | null>) => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    if (typeof result === "string") setError(result);
    else if (result && result.kind === "error") setError(result.message);
    else if (result) onOutcome(result);
    else onOutcome({ kind: "saved", revision: null });
  };
  const who = incoming?.author ?? "Someone";
  return (
    <Modal title={incoming ? `${who} saved revision ${incoming.revision}` : "Someone saved this design meanwhile"} onClose={onClose} testId="conflict-dialog">
      {incoming ? (
        <p>
          {who} saved revision {incoming.revision}
          {incoming.message ? ` (“${incoming.message}”)` : ""} while you were editing revision {base ?? "?"}. Your changes are not saved yet: loading
          their revision must not lose them. Choose what to do; your canvas stays as it is until you do.
        </p>
      ) : (
        <p>
          You started from revision {base ?? "?"}, but the library now has revision {current ?? "a newer one"}. Saving would overwrite their changes,
          so nothing was saved. Choose what to do; your canvas stays as it is until you do.
        </p>
      )}
      <ul className="choice-list">
        <li>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run(() => library.create(`${name} (my copy)`, message || "Saved as a copy after a conflict", null))} data-testid="conflict-copy">
            Save mine as a copy
          </button>
          <span>Keeps both: theirs stays in “{name}”, yours becomes a new design.</span>
        </li>
        <li>
          <button type="button" className="btn" disabled={busy} onClick={() => void run(() => library.loadServerVersion())} data-testid="conflict-reload">
            {incoming ? `Load r${incoming.revision}` : "Load the server's version"}
          </button>
          <span>Shows their revision; yours stays one Undo (Ctrl+Z) away.</span>
        </li>
        <li>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void run(() => library.overwrite(message || "Saved over a newer revision", current))} data-testid="conflict-overwrite">
            Save mine on top
          </button>
          <span>Adds yours as the newest revision; theirs stays in the history.</span>
        </li>
      </ul>
      {error ? <p className="pane-error" role="alert">{error}</p> : null}
    </Modal>
  );
}
