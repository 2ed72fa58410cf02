/** The Pod's pause (infra) container and the namespaces its containers share. */

import type { JsonObject } from "../../domain/json";
import { PAUSE_EXPLAIN, namespaceFacts } from "../../domain/namespaces";

export function PauseIndicator({ spec }: { spec: JsonObject }) {
  const facts = namespaceFacts(spec);
  return (
    <div className="pause-row" data-testid="pause-indicator">
      <span className="pause-chip" title={PAUSE_EXPLAIN}>
        <span className="pause-dot" aria-hidden="true" /> pause · holds the network namespace
      </span>
      <span className="shares-label">shared:</span>
      {facts.map((fact) => (
        <span
          key={fact.key}
          className={`ns-chip ns-${fact.tone}`}
          title={`${fact.explain}\nSecurity cost: ${fact.cost}`}
          data-testid={`ns-${fact.key}`}
          data-tone={fact.tone}
        >
          {fact.label}
        </span>
      ))}
    </div>
  );
}
