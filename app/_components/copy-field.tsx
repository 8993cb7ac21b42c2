"use client";
// A URL or snippet to copy: the text itself is selectable (one click selects
// all of it), so copying works without JavaScript; with it, a button copies too.
import { useEffect, useState } from "react";

export function CopyField({ value, label, multiline = false }: { value: string; label: string; multiline?: boolean }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(true), []);
  const text = multiline ? (
    <pre className="select-all overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-100 px-3 py-2 text-xs dark:bg-slate-900">
      <code>{value}</code>
    </pre>
  ) : (
    <code className="select-all break-all rounded bg-slate-100 px-2 py-1 text-xs dark:bg-slate-900">{value}</code>
  );
  return (
    <div className="flex flex-wrap items-start gap-2">
      {text}
      {ready && (
        <button
          type="button"
          className="rounded border border-slate-400 px-2 py-0.5 text-xs font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          aria-label={`Copy ${label}`}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      )}
      <span className="sr-only" role="status">
        {copied ? `${label} copied` : ""}
      </span>
    </div>
  );
}
