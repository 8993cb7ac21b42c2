// Postmortem Markdown as HTML. `html` comes only from lib/markdown/render.ts
// (renderMarkdown), directly or through a published snapshot that stored its
// output: sanitized there — no raw HTML, no on* attributes, no javascript: links.
export function MarkdownHtml({ html, className = "" }: { html: string; className?: string }) {
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by renderMarkdown (rehype-sanitize), see above
    <div className={`markdown ${className}`} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
