/** Save a new revision (with a message), or the first save of a new design (with a name and team). */

import { useEffect, useState } from "react";

import { type Team, listTeams } from "../../api/rest";
import type { Library, SaveOutcome } from "../../hooks/use-library";
import { useEditor } from "../../store/editor-context";
import { Modal } from "./modal";
import { TeamSelect } from "./team-select";

export function SaveDialog({ library, onClose, onOutcome }: { library: Library; onClose: () => void; onOutcome: (o: SaveOutcome, message: string) => void }) {
  const design = useEditor((s) => s.design);
  const isNew = design.id === null;
  const [name, setName] = useState(design.name === "Untitled design" ? "" : design.name);
  const [message, setMessage] = useState(isNew ? "First version" : "");
  const [teams, setTeams] = useState<Team[]>([]);
  const [team, setTeam] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!isNew) return;
    void listTeams().then((r) => r.ok && setTeams(r.value));
  }, [isNew]);

  const run = async () => {
    setBusy(true);
    const outcome = isNew ? await library.create(name.trim(), message, team || null) : await library.save(message);
    setBusy(false);
    if (outcome.kind === "error") setError(outcome.message);
    else onOutcome(outcome, message);
  };

  return (
    <Modal title={isNew ? "Save to the library" : `Save a new revision of “${design.name}”`} onClose={onClose} testId="save-dialog">
      {isNew ? (
        <div className="field">
          <label htmlFor="save-name">Name</label>
          <input id="save-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. WAR + Tomcat" />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="save-message">What changed?</label>
        <input id="save-message" value={message} onChange={(e) => setMessage(e.target.value)} placeholder="e.g. add a log shipper" />
      </div>
      {isNew && teams.length ? (
        <TeamSelect id="save-team" label="Team" teams={teams} value={team} onChange={setTeam} />
      ) : null}
      {error ? <p className="pane-error" role="alert">{error}</p> : null}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={busy || (isNew && !name.trim())} onClick={() => void run()} data-testid="save-run">
          {busy ? "Saving…" : "Save"}
        </button>
      </div>
    </Modal>
  );
}
