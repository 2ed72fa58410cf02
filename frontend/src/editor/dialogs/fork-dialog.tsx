import { useEffect, useState } from "react";

import { type Team, listTeams } from "../../api/rest";
import type { Library, SaveOutcome } from "../../hooks/use-library";
import { Modal } from "./modal";
import { TeamSelect } from "./team-select";

export function ForkDialog({ library, onClose, onOutcome }: { library: Library; onClose: () => void; onOutcome: (o: SaveOutcome) => void }) {
  const [teams, setTeams] = useState<Team[]>([]);
  const [team, setTeam] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void listTeams().then((r) => r.ok && setTeams(r.value));
  }, []);
  const run = async () => {
    setBusy(true);
    const outcome = await library.fork(team || null);
    setBusy(false);
    if (outcome.kind === "error") setError(outcome.message);
    else onOutcome(outcome);
  };
  return (
    <Modal title="Fork this design" onClose={onClose} testId="fork-dialog">
      <p>A fork is your own copy with its own history; the original stays untouched.</p>
      <TeamSelect id="fork-team" label="Owner" teams={teams} value={team} onChange={setTeam} />
      {error ? <p className="pane-error" role="alert">{error}</p> : null}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run()}>
          Fork
        </button>
      </div>
    </Modal>
  );
}
