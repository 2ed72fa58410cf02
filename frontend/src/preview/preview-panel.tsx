/**
 * The preview panel (loaded on demand): scenario, playback controls, the current explanation, the
 * timeline and a log of what happened so far. The session behind it talks to /ws/preview/.
 */

import { useEffect, useMemo, useRef } from "react";

import { socketUrl } from "../api/socket";
import { podName } from "../domain/design";
import { useEditor, useEditorApi } from "../store/editor-context";
import { SPEEDS, type ScenarioInfo, type Speed, scenarioKey } from "./model";
import { previewStore, usePreview } from "./preview-store";
import { type PreviewControls, createPreviewSession, previewedPod } from "./session";
import { TimelineChart } from "./timeline-chart";

const LOG_LIMIT = 80;

function usePreviewSession(): PreviewControls {
  const editor = useEditorApi();
  const session = useMemo(() => createPreviewSession(editor, previewStore, { url: socketUrl("/ws/preview/", window.location) }), [editor]);
  useEffect(() => {
    session.start();
    return () => session.stop();
  }, [session]);
  return session.controls;
}

function fmt(t: number): string {
  return `${t.toFixed(1)}s`;
}

function speedLabel(speed: Speed): string {
  return speed === "instant" ? "instant" : `${speed}×`;
}

function ScenarioPicker({ controls }: { controls: PreviewControls }) {
  const timeline = usePreview((s) => s.timeline);
  const scenario = usePreview((s) => s.scenario);
  const fallback: ScenarioInfo[] = [{ kind: "normal", title: "Normal start", description: "", container: null }];
  const choices = timeline?.scenarios.length ? timeline.scenarios : fallback;
  const current = scenarioKey(scenario);
  const known = choices.some((c) => scenarioKey(c) === current);
  const selected = choices.find((c) => scenarioKey(c) === current);
  return (
    <label className="pv-field" title={selected?.description ?? ""}>
      <span className="pv-field-label">Scenario</span>
      <select
        value={current}
        data-testid="preview-scenario"
        onChange={(e) => {
          const choice = choices.find((c) => scenarioKey(c) === e.target.value);
          if (choice) controls.chooseScenario({ kind: choice.kind, ...(choice.container ? { container: choice.container } : {}) });
        }}
      >
        {known ? null : <option value={current}>{scenario.kind}</option>}
        {choices.map((c) => (
          <option key={scenarioKey(c)} value={scenarioKey(c)}>
            {c.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function PodPicker({ controls }: { controls: PreviewControls }) {
  const pods = useEditor((s) => s.doc.pods);
  const choice = usePreview((s) => s.podChoice);
  const doc = useEditor((s) => s.doc);
  if (pods.length < 2) return null;
  const current = previewedPod(doc, choice)?.id ?? "";
  return (
    <label className="pv-field">
      <span className="pv-field-label">Pod</span>
      <select value={current} data-testid="preview-pod" onChange={(e) => controls.choosePod(e.target.value)}>
        {pods.map((p) => (
          <option key={p.id} value={p.id}>
            {podName(p)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Controls({ controls }: { controls: PreviewControls }) {
  const playing = usePreview((s) => s.cursor.playing);
  const speed = usePreview((s) => s.cursor.speed);
  const ready = usePreview((s) => s.timeline !== null && s.status === "online");
  const atEnd = usePreview((s) => s.timeline !== null && s.cursor.position >= s.timeline.events.length);
  return (
    <div className="pv-controls" role="group" aria-label="Playback">
      <button type="button" className="btn btn-icon" onClick={controls.restart} disabled={!ready} title="Restart from 0 s" aria-label="Restart" data-testid="preview-restart">
        ↺
      </button>
      {playing ? (
        <button type="button" className="btn btn-play" onClick={controls.pause} disabled={!ready} aria-label="Pause" data-testid="preview-pause">
          ❚❚ Pause
        </button>
      ) : (
        <button type="button" className="btn btn-play btn-primary" onClick={controls.play} disabled={!ready} aria-label={atEnd ? "Play again" : "Play"} data-testid="preview-play">
          ▶ {atEnd ? "Replay" : "Play"}
        </button>
      )}
      <button type="button" className="btn" onClick={controls.step} disabled={!ready || atEnd} title="Next event, then pause" data-testid="preview-step">
        Step ▸|
      </button>
      <span className="pv-speeds" role="radiogroup" aria-label="Speed">
        {SPEEDS.map((s) => (
          <button
            key={String(s)}
            type="button"
            role="radio"
            aria-checked={speed === s}
            className={`pv-speed ${speed === s ? "is-active" : ""}`}
            onClick={() => controls.setSpeed(s)}
            data-testid={`preview-speed-${s}`}
          >
            {speedLabel(s)}
          </button>
        ))}
      </span>
    </div>
  );
}

function Status({ controls }: { controls: PreviewControls }) {
  const status = usePreview((s) => s.status);
  const retry = usePreview((s) => s.retryInMs);
  const findings = usePreview((s) => s.findings);
  const now = usePreview((s) => s.now);
  const duration = usePreview((s) => s.timeline?.duration ?? 0);
  return (
    <span className="pv-status-line">
      <span className="pv-clock" data-testid="preview-clock">
        {fmt(now)} / {fmt(duration)}
      </span>
      {findings && findings.errors ? (
        <span className="pv-note" title="The preview shows what the kubelet would do; the API server would refuse the design as it is">
          {findings.errors} error{findings.errors === 1 ? "" : "s"} in the design
        </span>
      ) : null}
      {status === "online" ? null : (
        <span className={`pv-conn pv-conn-${status}`} data-testid="preview-connection" data-state={status}>
          {status === "connecting" ? "Connecting…" : status === "offline" ? `Connection lost · retrying${retry ? ` in ${Math.ceil(retry / 1000)}s` : ""}` : "Disconnected"}
          {status === "offline" ? (
            <button type="button" className="link" onClick={controls.reconnect}>
              retry now
            </button>
          ) : null}
        </span>
      )}
    </span>
  );
}

function Explanation() {
  const current = usePreview((s) => s.view.current);
  const empty = useEditor((s) => s.doc.pods.length === 0);
  const error = usePreview((s) => s.error);
  return (
    <div className="pv-explain-row">
      <p className="pv-explain" data-testid="preview-explanation" aria-live="polite">
        {current ? (
          <>
            <span className="pv-explain-t">{fmt(current.t)}</span>
            {current.message}
          </>
        ) : empty ? (
          "Add a Pod to the canvas to preview how it starts."
        ) : (
          <span className="muted">Press Play (or Step) to watch the Pod start: every step is explained here.</span>
        )}
      </p>
      {error ? (
        <p className="pane-error pv-error" role="alert" data-testid="preview-error">
          {error.message}
          <button type="button" className="link" onClick={() => previewStore.getState().setError(null)} aria-label="Dismiss the error">
            ×
          </button>
        </p>
      ) : null}
    </div>
  );
}

function EventLog() {
  const timeline = usePreview((s) => s.timeline);
  const position = usePreview((s) => s.cursor.position);
  const list = useRef<HTMLOListElement>(null);
  const events = timeline ? timeline.events.slice(Math.max(0, Math.min(position, timeline.events.length) - LOG_LIMIT), position) : [];
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [position, timeline]);
  return (
    <section className="pv-log" aria-label="What happened so far">
      <h3>What happened</h3>
      <ol ref={list} data-testid="preview-log">
        {events.map((e) => (
          <li key={e.seq} data-testid="log-entry" data-kind={e.kind} data-container={e.container ?? ""} className={e.container ? "" : "is-pod"}>
            <span className="pv-log-t">{fmt(e.t)}</span>
            <span className="pv-log-text">{e.message}</span>
          </li>
        ))}
        {events.length === 0 ? <li className="muted">Nothing yet.</li> : null}
      </ol>
    </section>
  );
}

export default function PreviewPanel({ onClose }: { onClose: () => void }) {
  const controls = usePreviewSession();
  return (
    <section className="preview-panel" aria-label="Startup preview" data-testid="preview-panel">
      <div className="pv-bar">
        <strong className="pv-title">Startup preview</strong>
        <ScenarioPicker controls={controls} />
        <PodPicker controls={controls} />
        <Controls controls={controls} />
        <Status controls={controls} />
        <button type="button" className="btn btn-small pv-close" onClick={onClose} aria-label="Close the preview" data-testid="preview-close">
          Close ×
        </button>
      </div>
      <Explanation />
      <div className="pv-body">
        <TimelineChart controls={controls} />
        <EventLog />
      </div>
    </section>
  );
}
