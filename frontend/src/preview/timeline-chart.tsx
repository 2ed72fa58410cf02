/**
 * The Gantt chart: the Pod's phase, its conditions, the sandbox, one lane per container, and a
 * playhead the user drags (scrubbing seeks). Positions are percentages of the chart's end time.
 */

import { type KeyboardEvent, type PointerEvent, memo, useEffect, useMemo, useRef, useState } from "react";

import { type Gantt, buildGantt } from "./gantt";
import { usePreview } from "./preview-store";
import type { PreviewControls } from "./session";

const PHASE_TONE: Record<string, string> = { Pending: "pending", Running: "running", Succeeded: "succeeded", Failed: "failed" };

function pct(t: number, end: number): string {
  return `${(Math.max(0, Math.min(t, end)) / end) * 100}%`;
}

function span(start: number, stop: number, end: number): { left: string; width: string } {
  return { left: pct(start, end), width: `${(Math.max(0, Math.min(stop, end) - start) / end) * 100}%` };
}

function fmt(t: number): string {
  return `${Number.isInteger(t) ? t : t.toFixed(1)}s`;
}

/** Text inside a bar only when it fits: roughly 6.5 px per character at 11 px. */
function fits(text: string, seconds: number, end: number, width: number): boolean {
  return (seconds / end) * width >= text.length * 6.5 + 8;
}

const Chart = memo(function Chart({ gantt, width }: { gantt: Gantt; width: number }) {
  const { end } = gantt;
  return (
    <>
      <div className="g-row g-axis" aria-hidden="true">
        <span className="g-label" />
        <span className="g-cells">
          {gantt.ticks.map((t) => (
            <span key={t} className="g-tick" style={{ left: pct(t, end) }}>
              {fmt(t)}
            </span>
          ))}
        </span>
      </div>
      <div className="g-row g-phase" data-testid="gantt-phase">
        <span className="g-label">Pod phase</span>
        <span className="g-cells">
          {gantt.phases.map((p) => (
            <span
              key={`${p.phase}-${p.start}`}
              className={`g-seg g-phase-${PHASE_TONE[p.phase] ?? "other"}`}
              style={span(p.start, p.end, end)}
              title={`${p.phase} from ${fmt(p.start)}`}
            >
              {fits(p.phase, p.end - p.start, end, width) ? p.phase : ""}
            </span>
          ))}
          {gantt.podMarks.map((m) => (
            <span key={`${m.kind}-${m.t}`} className="g-podmark" style={{ left: pct(m.t, end) }} title={`${fmt(m.t)} ${m.message}`} />
          ))}
        </span>
      </div>
      {gantt.conditions.map((row) => (
        <div key={row.type} className="g-row g-cond" data-testid="gantt-condition" data-type={row.type}>
          <span className="g-label" title={`Pod condition ${row.type}`}>
            {row.type}
          </span>
          <span className="g-cells">
            {row.segments.map((s) => (
              <span
                key={`${s.status}-${s.start}`}
                className={`g-seg g-cond-${s.status.toLowerCase()}`}
                style={span(s.start, s.end, end)}
                title={`${row.type}=${s.status}${s.reason ? ` (${s.reason})` : ""} from ${fmt(s.start)}`}
              />
            ))}
            {row.segments.map((s) => (
              <span
                key={`m-${s.start}`}
                className={`g-marker g-marker-${s.status.toLowerCase()}`}
                style={{ left: pct(s.start, end) }}
                data-testid="gantt-marker"
                data-t={s.start}
                title={`${fmt(s.start)}: ${row.type}=${s.status}`}
              />
            ))}
          </span>
        </div>
      ))}
      <div className="g-row g-sandbox" data-testid="gantt-sandbox">
        <span className="g-label" title="The pause container holds the Pod's network namespace">
          pause (sandbox)
        </span>
        <span className="g-cells">
          {gantt.sandbox ? (
            <span className="g-seg g-sandbox-bar" style={span(gantt.sandbox.start, gantt.sandbox.end, end)} title={`sandbox from ${fmt(gantt.sandbox.start)}`}>
              {fits("network namespace", gantt.sandbox.end - gantt.sandbox.start, end, width) ? "network namespace" : ""}
            </span>
          ) : null}
        </span>
      </div>
      {gantt.lanes.map((lane) => (
        <div key={lane.name} className="g-row g-lane" data-testid="gantt-lane" data-name={lane.name}>
          <span className="g-label g-container" title={lane.name}>
            {lane.name}
          </span>
          <span className="g-cells">
            {lane.segments.map((s) => (
              <span
                key={`${s.state}-${s.start}`}
                className={`g-seg g-tone-${s.tone}`}
                style={span(s.start, s.end, end)}
                data-testid="gantt-segment"
                data-state={s.state}
                title={`${lane.name}: ${s.label} ${fmt(s.start)}–${s.end >= end ? "…" : fmt(s.end)}`}
              >
                {fits(s.label, s.end - s.start, end, width) ? s.label : ""}
              </span>
            ))}
            {lane.marks
              .filter((m) => m.kind === "exit" || m.kind === "sigkill")
              .map((m) => (
                <span key={`${m.kind}-${m.t}`} className={`g-mark g-mark-${m.tone}`} style={{ left: pct(m.t, end) }} title={`${fmt(m.t)} ${m.label}`} />
              ))}
          </span>
        </div>
      ))}
    </>
  );
});

const LEGEND: [string, string][] = [
  ["waiting", "waiting"],
  ["pulling", "pulling"],
  ["starting", "starting"],
  ["running", "running"],
  ["ready", "ready"],
  ["completed", "completed"],
  ["crash", "backoff"],
  ["terminating", "terminating"],
  ["terminated", "terminated"],
];

export function TimelineChart({ controls }: { controls: PreviewControls }) {
  const timeline = usePreview((s) => s.timeline);
  const order = usePreview((s) => s.order);
  const now = usePreview((s) => s.now);
  const gantt = useMemo(() => (timeline ? buildGantt(timeline.events, { order, duration: timeline.duration }) : null), [timeline, order]);
  const track = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  const dragging = useRef(false);

  useEffect(() => {
    const el = track.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || 600));
    observer.observe(el);
    setWidth(el.clientWidth || 600);
    return () => observer.disconnect();
  }, [gantt !== null]);

  if (!gantt || !timeline) return <div className="gantt gantt-empty muted">The timeline appears when the simulation has run.</div>;
  const end = gantt.end;
  const duration = gantt.duration;

  const timeFrom = (clientX: number): number => {
    const box = track.current?.getBoundingClientRect();
    if (!box || box.width <= 0) return now;
    return Math.max(0, Math.min(duration, ((clientX - box.left) / box.width) * end));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const box = track.current?.getBoundingClientRect();
    if (!box || e.clientX < box.left) return; // the label column
    dragging.current = true;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    controls.seek(timeFrom(e.clientX));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) controls.seek(timeFrom(e.clientX));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    dragging.current = false;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
    controls.seek(timeFrom(e.clientX));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? duration / 10 : Math.max(0.5, duration / 100);
    const to = { ArrowLeft: now - step, ArrowRight: now + step, Home: 0, End: duration }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    controls.seek(Math.max(0, Math.min(duration, to)));
  };

  return (
    <div className="gantt-wrap">
      <div
        className="gantt"
        data-testid="timeline"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <Chart gantt={gantt} width={width} />
        <div className="g-overlay" ref={track} data-testid="timeline-track" data-duration={duration} data-end={end}>
          <div
            className="g-playhead"
            style={{ left: pct(now, end) }}
            role="slider"
            tabIndex={0}
            aria-label="Playhead: drag or use the arrow keys to move through time"
            aria-valuemin={0}
            aria-valuemax={duration}
            aria-valuenow={Math.round(now * 10) / 10}
            aria-valuetext={`${fmt(Math.round(now * 10) / 10)} of ${fmt(duration)}`}
            onKeyDown={onKeyDown}
            data-testid="playhead"
            data-t={Math.round(now * 1000) / 1000}
          >
            <span className="g-knob" />
          </div>
          {duration < end ? <div className="g-beyond" style={{ left: pct(duration, end) }} title="The simulation ends here" /> : null}
        </div>
      </div>
      <div className="gantt-legend" aria-label="Legend">
        {LEGEND.map(([tone, label]) => (
          <span key={tone} className="legend-item">
            <span className={`legend-swatch g-tone-${tone}`} />
            {label}
          </span>
        ))}
      </div>
    </div>
  );
}
