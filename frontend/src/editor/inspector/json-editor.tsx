/** Everything the form does not cover: the element's Kubernetes object as editable JSON. */

import { useEffect, useId, useState } from "react";

import { type Json, deepEqual } from "../../domain/json";

export function JsonEditor({ label, value, onApply, validate }: { label: string; value: Json; onApply: (v: Json) => void; validate?: (v: Json) => string | null }) {
  const id = useId();
  const pretty = JSON.stringify(value, null, 2);
  const [text, setText] = useState(pretty);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(pretty);
    setError(null);
  }, [pretty]);
  let dirty = false;
  try {
    dirty = !deepEqual(JSON.parse(text), value);
  } catch {
    dirty = true;
  }
  const apply = () => {
    let parsed: Json;
    try {
      parsed = JSON.parse(text) as Json;
    } catch (exc) {
      setError(`Not valid JSON: ${exc instanceof Error ? exc.message : String(exc)}`);
      return;
    }
    const problem = validate?.(parsed) ?? null;
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    onApply(parsed);
  };
  return (
    <div className="field json-field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} data-field="json" className="mono" rows={Math.min(18, pretty.split("\n").length + 1)} value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} />
      {error ? <small className="field-error">{error}</small> : null}
      <div className="json-actions">
        <button type="button" className="btn btn-small btn-primary" disabled={!dirty} onClick={apply}>
          Apply JSON
        </button>
        <button type="button" className="btn btn-small" disabled={!dirty} onClick={() => setText(pretty)}>
          Revert
        </button>
      </div>
    </div>
  );
}
