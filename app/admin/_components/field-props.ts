// Input styling and accessibility props, shared by server and client components.
export const INPUT_CLASS =
  "mt-1 w-full rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900";

/** Props that tie an input to its hint and error (for screen readers). */
export function describedBy(id: string, error: string | undefined, hint = false) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": ids || undefined };
}
