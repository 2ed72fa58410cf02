/** Which dialog is open, and what a save outcome leads to (done, sign in, or the conflict). */

import type { SaveOutcome, Library } from "../../hooks/use-library";
import { useEditorApi } from "../../store/editor-context";
import { ConflictDialog } from "./conflict-dialog";
import { ForkDialog } from "./fork-dialog";
import { HistoryDialog } from "./history-dialog";
import { ImportDialog } from "./import-dialog";
import { LibraryDialog } from "./library-dialog";
import { SaveDialog } from "./save-dialog";
import { SignInDialog } from "./signin-dialog";

export type DialogState =
  | null
  | { type: "library"; templates: boolean }
  | { type: "import" }
  | { type: "save" }
  | { type: "signin" }
  | { type: "history" }
  | { type: "fork" }
  | {
      type: "conflict";
      current: number | null;
      base: number | null;
      message: string;
      /** Someone else's save announced on the design socket (not a refused save of ours). */
      incoming?: { revision: number; author: string | null; message: string };
    };

export function DialogHost({ dialog, setDialog, library }: { dialog: DialogState; setDialog: (d: DialogState) => void; library: Library }) {
  const store = useEditorApi();
  const close = () => setDialog(null);
  const settle = (outcome: SaveOutcome, message = "") => {
    if (outcome.kind === "signin") setDialog({ type: "signin" });
    else if (outcome.kind === "conflict") setDialog({ type: "conflict", current: outcome.current, base: outcome.base, message });
    else if (outcome.kind === "error") store.getState().toast("error", outcome.message);
    else {
      setDialog(null);
      const { design } = store.getState();
      store.getState().toast("ok", `Saved “${design.name}”${outcome.revision !== null ? ` as revision ${outcome.revision}` : ""}.`);
    }
  };
  if (!dialog) return null;
  switch (dialog.type) {
    case "library":
      return <LibraryDialog library={library} templates={dialog.templates} onClose={close} />;
    case "import":
      return <ImportDialog onClose={close} />;
    case "save":
      return <SaveDialog library={library} onClose={close} onOutcome={settle} />;
    case "signin":
      return <SignInDialog onClose={close} />;
    case "history":
      return <HistoryDialog library={library} onClose={close} />;
    case "fork":
      return <ForkDialog library={library} onClose={close} onOutcome={settle} />;
    case "conflict":
      return (
        <ConflictDialog
          library={library}
          current={dialog.current}
          base={dialog.base}
          message={dialog.message}
          incoming={dialog.incoming}
          onClose={close}
          onOutcome={(o) => settle(o, dialog.message)}
        />
      );
  }
}
