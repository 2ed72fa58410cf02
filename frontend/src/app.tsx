import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";

import { type Health, watchHealth } from "./api/socket";

function ConnectionBadge() {
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

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Pod Designer</h1>
        <span className="tagline">Design Kubernetes Pods visually, export manifests you can trust.</span>
        <ConnectionBadge />
      </header>
      <main className="canvas" data-testid="canvas">
        <ReactFlowProvider>
          <ReactFlow nodes={[]} edges={[]} fitView proOptions={{ hideAttribution: false }}>
            <Background gap={16} />
            <Controls />
            <MiniMap pannable zoomable />
          </ReactFlow>
        </ReactFlowProvider>
      </main>
    </div>
  );
}
