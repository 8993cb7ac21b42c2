// The strict XML parse of these documents happens in a real browser in
// tests/integration/public-feeds.test.ts; here, the pieces a reader relies on.
import { describe, expect, it } from "vitest";
import { type Feed, renderAtom, renderRss } from "./feed-format.ts";

const feed: Feed = {
  title: "Bellwether status",
  subtitle: "Incidents & maintenance",
  selfUrl: "https://status.example.com/feed.atom?region=eu.gcp&component=checkout",
  siteUrl: "https://status.example.com/",
  author: "Bellwether",
  updated: new Date("2026-03-01T12:00:00Z"),
  entries: [
    {
      link: "https://status.example.com/incidents/abc",
      title: `<script>&"checkout"`,
      summary: "Investigating: errors\u0000 in <checkout>",
      published: new Date("2026-03-01T10:00:00Z"),
      updated: new Date("2026-03-01T11:00:00Z"),
      category: "incident",
    },
  ],
};

describe("renderAtom", () => {
  const atom = renderAtom(feed);

  it("is an Atom feed with a self link, an id and RFC 3339 dates", () => {
    expect(atom.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(
      true,
    );
    expect(atom).toContain(
      '<link rel="self" type="application/atom+xml" href="https://status.example.com/feed.atom?region=eu.gcp&amp;component=checkout"/>',
    );
    expect(atom).toContain("<updated>2026-03-01T11:00:00.000Z</updated>");
    expect(atom).toContain("<id>https://status.example.com/incidents/abc</id>");
  });

  it("escapes titles and summaries and drops characters XML cannot carry", () => {
    expect(atom).toContain('<title type="text">&lt;script&gt;&amp;"checkout"</title>');
    expect(atom).toContain('<summary type="text">Investigating: errors in &lt;checkout&gt;</summary>');
    expect(atom).not.toContain("<script>");
  });
});

describe("renderRss", () => {
  const rss = renderRss(feed);

  it("is RSS 2.0 with RFC 822 dates and a permanent guid", () => {
    expect(rss).toContain('<rss version="2.0"');
    expect(rss).toContain("<pubDate>Sun, 01 Mar 2026 11:00:00 GMT</pubDate>");
    expect(rss).toContain('<guid isPermaLink="true">https://status.example.com/incidents/abc</guid>');
  });

  it("escapes the same way", () => {
    expect(rss).toContain('<title>&lt;script&gt;&amp;"checkout"</title>');
    expect(rss).not.toContain("<script>");
  });
});
