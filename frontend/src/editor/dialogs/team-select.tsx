/** Which team a new or forked design belongs to ("Just me" is the personal team). */

import type { Team } from "../../api/rest";

export function TeamSelect({ id, label, teams, value, onChange }: { id: string; label: string; teams: Team[]; value: string; onChange: (team: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Just me</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </div>
  );
}
