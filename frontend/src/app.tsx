import { ReactFlowProvider } from "@xyflow/react";
import { useState } from "react";

import { useDesignChannel } from "./collab/use-design-channel";
import { AppHeader } from "./editor/app-header";
import { Canvas } from "./editor/canvas";
import { type DialogState, DialogHost } from "./editor/dialogs/dialog-host";
import { FindingsPanel } from "./editor/findings-panel";
import { Palette } from "./editor/palette";
import { RevisionBanner } from "./editor/presence";
import { SidePanel } from "./editor/side-panel";
import { Toasts } from "./editor/toasts";
import { Toolbar } from "./editor/toolbar";
import { useUndoRedoKeys } from "./hooks/use-keyboard";
import { useLibrary } from "./hooks/use-library";
import { useLiveValidation } from "./hooks/use-live-validation";
import { useLocalDraft } from "./hooks/use-local-draft";
import { useStartup } from "./hooks/use-startup";
import { PreviewHost } from "./preview/preview-host";
import { EditorProvider } from "./store/editor-context";

function Editor() {
  const [dialog, setDialog] = useState<DialogState>(null);
  const library = useLibrary();
  const versions = useStartup();
  useLiveValidation();
  useLocalDraft();
  useUndoRedoKeys();
  useDesignChannel();
  return (
    <div className="app">
      <AppHeader setDialog={setDialog} />
      <div className="workspace">
        <Palette />
        <main className="canvas-column">
          <Toolbar versions={versions} />
          <RevisionBanner library={library} setDialog={setDialog} />
          <Canvas onOpenPatterns={() => setDialog({ type: "library", templates: true })} />
          <FindingsPanel />
        </main>
        <SidePanel />
      </div>
      <PreviewHost />
      <Toasts />
      <DialogHost dialog={dialog} setDialog={setDialog} library={library} />
    </div>
  );
}

export function App() {
  return (
    <EditorProvider>
      <ReactFlowProvider>
        <Editor />
      </ReactFlowProvider>
    </EditorProvider>
  );
}
