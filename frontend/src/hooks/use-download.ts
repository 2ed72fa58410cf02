/** Download the manifest as a file (a draft when the design has errors, and the file says so). */

import { useCallback } from "react";

import { exportDesign } from "../api/rest";
import { podName } from "../domain/design";
import { useEditorApi } from "../store/editor-context";

export function fileName(base: string, kind: string, draft: boolean): string {
  const safe = base.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "") || "design";
  return `${safe}-${kind.toLowerCase()}${draft ? "-draft" : ""}.yaml`;
}

export function useDownload(): () => Promise<void> {
  const store = useEditorApi();
  return useCallback(async () => {
    const { doc, exportKind, findings, toast, design } = store.getState();
    if (doc.pods.length === 0) return;
    const draft = findings.some((f) => f.severity === "error");
    const result = await exportDesign({ document: doc, kind: exportKind, format: "yaml", draft });
    if (!result.ok) {
      toast("error", `Download failed: ${result.error.message}`);
      return;
    }
    const base = doc.pods.length === 1 && doc.pods[0] ? podName(doc.pods[0]) : design.name;
    const url = URL.createObjectURL(new Blob([result.value], { type: "application/yaml" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName(base, exportKind, draft);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    if (draft) toast("warn", "Downloaded as a draft: the file starts with a comment listing why the API server would reject it.");
  }, [store]);
}
