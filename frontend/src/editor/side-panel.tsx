import { useEditor, useEditorApi } from "../store/editor-context";
import { Inspector } from "./inspector/inspector";
import { YamlPane } from "./yaml-pane";

export function SidePanel() {
  const panel = useEditor((s) => s.panel);
  const store = useEditorApi();
  return (
    <aside className="side-panel" aria-label="Details">
      <div className="tabs" role="tablist">
        {(["inspector", "yaml"] as const).map((p) => (
          <button key={p} type="button" role="tab" aria-selected={panel === p} className={panel === p ? "is-active" : ""} onClick={() => store.getState().setPanel(p)}>
            {p === "inspector" ? "Inspector" : "YAML"}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel">
        {panel === "inspector" ? <Inspector /> : <YamlPane active={panel === "yaml"} />}
      </div>
    </aside>
  );
}
