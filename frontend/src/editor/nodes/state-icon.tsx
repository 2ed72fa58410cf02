/** Small inline icons for container states (SVG: no icon font, the same in every browser). */

import type { StateTone } from "../../preview/pod-state";

const PATHS: Record<StateTone, string> = {
  // clock
  idle: "M8 2.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11Z",
  waiting: "M8 1.8a6.2 6.2 0 1 0 0 12.4A6.2 6.2 0 0 0 8 1.8Zm0 1.6a4.6 4.6 0 1 1 0 9.2 4.6 4.6 0 0 1 0-9.2ZM7.2 4.5v4l3 1.8.8-1.3-2.2-1.3V4.5Z",
  // arrow down into a tray
  pulling: "M7 2h2v6.2l2.3-2.3 1.4 1.4L8 12 3.3 7.3l1.4-1.4L7 8.2ZM2.5 12.5h11V14h-11Z",
  // gear-ish dot
  starting: "M8 4a4 4 0 1 0 0 8 4 4 0 0 0 0-8Zm0 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4Z",
  // play
  running: "M4.5 2.5v11l9-5.5Z",
  // check in a circle
  ready: "M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm-1 9.6L4 8.1l1.2-1.2L7 8.7l3.8-3.8L12 6.1Z",
  // check
  completed: "M6.2 12.2 2.3 8.3l1.4-1.4 2.5 2.5 6.1-6.1 1.4 1.4Z",
  // circular arrow
  crash: "M8 2.2a5.8 5.8 0 1 0 5.6 7.3l-1.7-.5A4 4 0 1 1 8 4v1.9l3.2-2.8L8 .3Z",
  // stop square
  terminating: "M3.5 3.5h9v9h-9Z",
  // cross
  terminated: "M4.2 2.8 8 6.6l3.8-3.8 1.4 1.4L9.4 8l3.8 3.8-1.4 1.4L8 9.4l-3.8 3.8-1.4-1.4L6.6 8 2.8 4.2Z",
};

export function StateIcon({ tone, size = 13 }: { tone: StateTone; size?: number }) {
  return (
    <svg className="state-icon" width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[tone]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
