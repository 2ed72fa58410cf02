/** Avatars of the others viewing the same library design (header), and the new-revision banner. */

import { useMemo, useState } from "react";

import { type PresenceEntry, collabStore, presenceList, useCollab, useCollabShallow, visibleNotice } from "../collab/collab-store";
import type { Library } from "../hooks/use-library";
import { useEditor, useEditorApi } from "../store/editor-context";
import type { DialogState } from "./dialogs/dialog-host";

const COLOURS = ["#0f766e", "#7c3aed", "#b45309", "#be185d", "#1d4ed8", "#15803d", "#9333ea", "#c2410c"];
const SHOWN = 4;

export function initials(username: string): string {
  const parts = username.split(/[\s._-]+/).filter(Boolean);
  const letters = parts.length > 1 ? (parts[0]?.[0] ?? "") + (parts[1]?.[0] ?? "") : username.slice(0, 1);
  return letters.toUpperCase() || "?";
}

export function colourOf(username: string): string {
  let hash = 0;
  for (const ch of username) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length] ?? "#475569";
}

function who(entry: PresenceEntry): string {
  const tabs = entry.sessions > 1 ? ` (${entry.sessions} tabs)` : "";
  return entry.isMe ? `You, in another tab${tabs}` : `${entry.username} is viewing this design${tabs}`;
}

export function PresenceAvatars() {
  const designOpen = useEditor((s) => s.design.id !== null);
  const { others, me } = useCollabShallow((s) => ({ others: s.viewers, me: s.me }));
  const viewers = useMemo(() => presenceList({ viewers: others, me }), [others, me]);
  if (!designOpen || viewers.length === 0) return null;
  const shown = viewers.slice(0, SHOWN);
  const more = viewers.length - shown.length;
  return (
    <div className="presence" data-testid="presence" aria-label={`Also viewing: ${viewers.map((v) => v.username).join(", ")}`}>
      {shown.map((v) => (
        <span
          key={String(v.id)}
          className={`avatar ${v.isMe ? "is-me" : ""}`}
          style={{ background: colourOf(v.username) }}
          title={who(v)}
          data-testid="presence-avatar"
          data-username={v.username}
        >
          {initials(v.username)}
          {v.sessions > 1 ? <span className="avatar-count">{v.sessions}</span> : null}
        </span>
      ))}
      {more > 0 ? (
        <span className="avatar avatar-more" title={viewers.slice(SHOWN).map((v) => v.username).join(", ")}>
          +{more}
        </span>
      ) : null}
    </div>
  );
}

/**
 * "olivia saved r5: <message>" with Load r5 and Dismiss. Loading never silently drops local edits:
 * with unsaved changes it goes through the conflict dialog (copy, load with mine one Undo away, or
 * save mine on top).
 */
export function RevisionBanner({ library, setDialog }: { library: Library; setDialog: (d: DialogState) => void }) {
  const store = useEditorApi();
  const design = useEditor((s) => s.design);
  const dirty = useEditor((s) => s.doc !== s.savedDoc);
  const me = useCollab((s) => s.me);
  const notice = useCollab((s) => visibleNotice(s, design));
  const [busy, setBusy] = useState(false);
  if (!notice) return null;
  const mine = me !== null && notice.author === me.username;
  const author = mine ? "You" : (notice.author ?? "Someone");
  const label = `r${notice.revision}`;

  const load = async () => {
    if (dirty) {
      setDialog({
        type: "conflict",
        current: notice.revision,
        base: design.revision,
        message: "",
        incoming: { revision: notice.revision, author: notice.author, message: notice.message },
      });
      return;
    }
    setBusy(true);
    const error = await library.loadServerVersion();
    setBusy(false);
    if (error) store.getState().toast("error", `Revision ${notice.revision} could not be loaded: ${error}`);
    else store.getState().toast("ok", `Loaded ${label}${notice.author ? ` by ${notice.author}` : ""}. Undo (Ctrl+Z) brings the previous version back.`);
  };

  return (
    <div className="revision-banner" role="status" data-testid="revision-banner" data-revision={notice.revision}>
      <span className="revision-text">
        <strong>
          {author} saved {label}
          {mine ? " in another window" : ""}
        </strong>
        {notice.message ? `: ${notice.message}` : ""}
        {dirty ? <span className="revision-dirty"> · you have unsaved changes</span> : null}
      </span>
      <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void load()} data-testid="revision-load">
        Load {label}
      </button>
      <button type="button" className="btn btn-small" onClick={() => collabStore.getState().dismiss(notice.revision)} data-testid="revision-dismiss">
        Dismiss
      </button>
    </div>
  );
}
