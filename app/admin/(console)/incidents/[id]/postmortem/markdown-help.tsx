// What Markdown the sections take, shown once above them.
const EXAMPLES: [string, string][] = [
  ["**bold**, _italic_, `code`", "emphasis and inline code"],
  ["[status page](https://status.example.com)", "a link (http, https or mailto)"],
  ["- item", "a list (1. for a numbered one)"],
  ["| Region | Minutes |\n|---|---:|\n| us-central1.gcp | 42 |", "a table"],
  ["```\nkubectl rollout undo\n```", "a code block"],
];

export function MarkdownHelp() {
  return (
    <details className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800">
      <summary className="cursor-pointer font-medium">Markdown help</summary>
      <p className="mt-2">Sections are Markdown. Raw HTML and images are not shown; readers get exactly the preview.</p>
      <table className="mt-2 w-full border-collapse">
        <caption className="sr-only">Markdown you can use</caption>
        <thead>
          <tr>
            <th scope="col" className="border-b border-slate-300 py-1 text-left dark:border-slate-700">
              Type
            </th>
            <th scope="col" className="border-b border-slate-300 py-1 text-left dark:border-slate-700">
              For
            </th>
          </tr>
        </thead>
        <tbody>
          {EXAMPLES.map(([code, what]) => (
            <tr key={what}>
              <td className="border-b border-slate-200 py-1 pr-3 align-top dark:border-slate-800">
                <pre className="whitespace-pre-wrap font-mono text-xs">{code}</pre>
              </td>
              <td className="border-b border-slate-200 py-1 align-top dark:border-slate-800">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
