/** The editor store, provided through React context (one store per editor; tests make their own). */

import { type ReactNode, createContext, useContext, useState } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";

import type { DesignDocument } from "../domain/design";
import { type EditorStore, type EditorStoreApi, createEditorStore } from "./editor-store";

const EditorContext = createContext<EditorStoreApi | null>(null);

export function EditorProvider({ initial, children }: { initial?: DesignDocument; children: ReactNode }) {
  const [store] = useState(() => createEditorStore(initial));
  return <EditorContext.Provider value={store}>{children}</EditorContext.Provider>;
}

export function useEditorApi(): EditorStoreApi {
  const store = useContext(EditorContext);
  if (!store) throw new Error("useEditor must be used within EditorProvider");
  return store;
}

export function useEditor<T>(selector: (state: EditorStore) => T): T {
  return useStore(useEditorApi(), selector);
}

/** For selectors that build a new object or array each time: compared shallowly. */
export function useEditorShallow<T>(selector: (state: EditorStore) => T): T {
  return useStore(useEditorApi(), useShallow(selector));
}
