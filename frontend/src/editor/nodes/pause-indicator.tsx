/** The Pod's pause (infra) container and the namespaces its containers share. */

import type { JsonObject } from "../../domain/json";
import { PAUSE_EXPLAIN, namespaceFacts } from "../../domain/namespaces";
import type { SandboxState } from "../../preview/pod-state";

const SANDBOX_TEXT: Record<SandboxState, string> = {
  none: "pause · not created yet",
  up: "pause · sandbox up",
  removed: "pause · removed",
};

/** ``sandbox``: while previewing, whether the pause container exists yet (the strip lights up). */
export function PauseIndicator({ spec, sandbox }: { spec: JsonObject; sandbox?: SandboxState | undefined }) {
  const facts = namespaceFacts(spec);
  return (
    <div className={`pause-row ${sandbox ? `sandbox-${sandbox}` : ""}`} data-testid="pause-indicator" data-sandbox={sandbox}>
      <span className="pause-chip" title={PAUSE_EXPLAIN}>
        <span className="pause-dot" aria-hidden="true" /> {sandbox ? SANDBOX_TEXT[sandbox] : "pause · holds the network namespace"}
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
