// Atom 1.0 (RFC 4287) and RSS 2.0 documents from plain entries. Pure;
// lib/public/feeds.ts reads incidents and maintenance into FeedEntry values.
import { xmlAttr, xmlText } from "./xml.ts";

export interface FeedEntry {
  /** Permanent URL of the incident or maintenance page; also the entry's id unless `id` is given. */
  link: string;
  /** A stable id when one page has several entries (each publication of a postmortem). */
  id?: string;
  title: string;
  /** Plain text: the latest update and what it affects. */
  summary: string;
  published: Date;
  updated: Date;
  /** "incident" or "maintenance". */
  category: string;
}

export interface Feed {
  title: string;
  subtitle: string;
  /** The feed's own URL, with its filter. */
  selfUrl: string;
  /** The status page readers land on. */
  siteUrl: string;
  author: string;
  /** When anything in the feed last changed. */
  updated: Date;
  entries: readonly FeedEntry[];
}

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

function atomEntry(entry: FeedEntry): string {
  return [
    "<entry>",
    `<id>${xmlText(entry.id ?? entry.link)}</id>`,
    `<title type="text">${xmlText(entry.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${xmlAttr(entry.link)}"/>`,
    `<published>${entry.published.toISOString()}</published>`,
    `<updated>${entry.updated.toISOString()}</updated>`,
    `<category term="${xmlAttr(entry.category)}"/>`,
    `<summary type="text">${xmlText(entry.summary)}</summary>`,
    "</entry>",
  ].join("\n");
}

export function renderAtom(feed: Feed): string {
  return [
    XML_DECLARATION,
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `<id>${xmlText(feed.selfUrl)}</id>`,
    `<title type="text">${xmlText(feed.title)}</title>`,
    `<subtitle type="text">${xmlText(feed.subtitle)}</subtitle>`,
    `<updated>${feed.updated.toISOString()}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlAttr(feed.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlAttr(feed.siteUrl)}"/>`,
    `<author><name>${xmlText(feed.author)}</name></author>`,
    ...feed.entries.map(atomEntry),
    "</feed>",
    "",
  ].join("\n");
}

function rssItem(entry: FeedEntry): string {
  return [
    "<item>",
    `<title>${xmlText(entry.title)}</title>`,
    `<link>${xmlText(entry.link)}</link>`,
    entry.id
      ? `<guid isPermaLink="false">${xmlText(entry.id)}</guid>`
      : `<guid isPermaLink="true">${xmlText(entry.link)}</guid>`,
    // RSS wants RFC 822 dates; toUTCString writes exactly that form.
    `<pubDate>${entry.updated.toUTCString()}</pubDate>`,
    `<category>${xmlText(entry.category)}</category>`,
    `<description>${xmlText(entry.summary)}</description>`,
    "</item>",
  ].join("\n");
}

export function renderRss(feed: Feed): string {
  return [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "<channel>",
    `<title>${xmlText(feed.title)}</title>`,
    `<link>${xmlText(feed.siteUrl)}</link>`,
    `<description>${xmlText(feed.subtitle)}</description>`,
    "<language>en</language>",
    `<lastBuildDate>${feed.updated.toUTCString()}</lastBuildDate>`,
    `<atom:link href="${xmlAttr(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...feed.entries.map(rssItem),
    "</channel>",
    "</rss>",
    "",
  ].join("\n");
}
