import { useEffect, useState } from "react";

import { type Health, watchHealth } from "../api/socket";

export function ConnectionBadge() {
  const [health, setHealth] = useState<Health>("connecting");
  const [rtt, setRtt] = useState<number | undefined>();
  useEffect(
    () =>
      watchHealth((next, roundTrip) => {
        setHealth(next);
        setRtt(roundTrip);
      }),
    [],
  );
  const label = { connecting: "Connecting…", online: "Live", offline: "Offline" }[health];
  return (
    <span className={`badge badge-${health}`} data-testid="connection" data-state={health}>
      {label}
      {health === "online" && rtt !== undefined ? ` · ${rtt} ms` : ""}
    </span>
  );
}
