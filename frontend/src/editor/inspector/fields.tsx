/** Small labelled form controls; each carries ``data-field`` so a finding can focus it. */

import { type ReactNode, useEffect, useId, useState } from "react";

import type { Parsed } from "../../domain/fields";

export function Section({ title, docs, children, open = true }: { title: string; docs?: string; children: ReactNode; open?: boolean }) {
  return (
    <details className="form-section" open={open}>
      <summary>
        <span>{title}</span>
        {docs ? (
          <a href={docs} target="_blank" rel="noreferrer" className="docs-link" onClick={(e) => e.stopPropagation()}>
            Kubernetes docs ↗
          </a>
        ) : null}
      </summary>
      <div className="section-body">{children}</div>
    </details>
  );
}

type Common = { label: string; field: string; hint?: string };

export function TextField({ label, field, hint, value, onChange, placeholder, mono }: Common & { value: string; onChange: (v: string) => void; placeholder?: string; mono?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} data-field={field} className={mono ? "mono" : ""} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} spellCheck={false} />
      {hint ? <small>{hint}</small> : null}
    </div>
  );
}

export function NumberField({ label, field, hint, value, onChange, step }: Common & { value: number | undefined; onChange: (v: number | undefined) => void; step?: number }) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? "" : String(value));
  useEffect(() => {
    setText((t) => (Number(t) === value && t !== "" ? t : value === undefined ? "" : String(value)));
  }, [value]);
  return (
    <div className="field field-number">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-field={field}
        type="number"
        step={step ?? 1}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = e.target.value === "" ? undefined : Number(e.target.value);
          if (n === undefined || Number.isFinite(n)) onChange(n);
        }}
      />
      {hint ? <small>{hint}</small> : null}
    </div>
  );
}

export function CheckField({ label, field, hint, checked, onChange }: Common & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} data-field={field} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {hint ? <small>{hint}</small> : null}
    </div>
  );
}

export function SelectField<T extends string>({ label, field, hint, value, options, onChange }: Common & { value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-field={field} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? <small>{hint}</small> : null}
    </div>
  );
}

/**
 * A textarea holding text that parses into a value. The text stays as typed (a trailing newline, a
 * half-written line) while the parsed value is committed; it is reset only when the value changes
 * from elsewhere (undo, another field).
 */
export function ParsedArea<T>({ label, field, hint, text: formatted, parse, onChange, rows = 3 }: Common & { text: string; parse: (text: string) => Parsed<T>; onChange: (v: T) => void; rows?: number }) {
  const id = useId();
  const [text, setText] = useState(formatted);
  const [errors, setErrors] = useState<string[]>([]);
  useEffect(() => {
    const same = (a: string, b: string) => JSON.stringify(parse(a).value) === JSON.stringify(parse(b).value);
    setText((t) => (same(t, formatted) ? t : formatted));
    // Only an outside change of the value resets the text (format and parse are fixed per field).
  }, [formatted]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        data-field={field}
        rows={rows}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parse(e.target.value);
          setErrors(parsed.errors);
          if (parsed.errors.length === 0) onChange(parsed.value);
        }}
      />
      {errors.length ? <small className="field-error">{errors.join("; ")}</small> : hint ? <small>{hint}</small> : null}
    </div>
  );
}
