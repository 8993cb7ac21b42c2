import { describe, expect, it } from "vitest";
import { eventKinds, type EventPayload } from "../lib/notifications/events.ts";
import { findDanger, XSS_PAYLOADS } from "../tests/support/xss-corpus.ts";
import { renderEventEmail } from "./event-email.ts";
import { escapeHtml, oneLine } from "./layout.ts";
import { renderAlreadySubscribedEmail, renderConfirmEmail } from "./subscription-email.ts";

const links = {
  siteName: "Acme Status",
  pageUrl: "https://status.acme.test/incidents/cm123",
  manageUrl: "https://status.acme.test/subscribe/manage?token=m.abc",
  unsubscribeUrl: "https://status.acme.test/subscribe/unsubscribe?token=u.abc",
};

const payload: EventPayload = {
  title: "Checkout errors in us-central1",
  path: "/incidents/cm123",
  status: "identified",
  impact: "major",
  message: "We found the cause.\n\nA fix is rolling out.",
  affected: [{ component: "Checkout", region: "us-central1.gcp", status: "major_outage" }],
  scheduledStart: "2026-03-02T14:00:00.000Z",
  scheduledEnd: "2026-03-02T16:00:00.000Z",
  at: "2026-03-01T10:00:00.000Z",
};

/** Every URL an email refers to, in HTML attributes of any kind. */
function referencedUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:href|src|background|action)\s*=\s*"([^"]*)"/gi)].map((m) =>
    m[1]!.replace(/&amp;/g, "&"),
  );
}

describe("event emails", () => {
  it.each(eventKinds)("%s: a subject, HTML and text with the page, manage and unsubscribe links", (kind) => {
    const email = renderEventEmail({ kind, payload, ...links });
    // A postmortem is read on the incident's page, where it starts at #postmortem.
    const pageUrl = kind === "postmortem_published" ? `${links.pageUrl}#postmortem` : links.pageUrl;
    expect(email.subject).toContain(payload.title);
    expect(email.subject).not.toMatch(/[\r\n]/);
    for (const body of [email.html, email.text]) {
      expect(body).toContain(pageUrl);
      expect(body).toContain(links.manageUrl);
      expect(body).toContain(links.unsubscribeUrl);
      expect(body).toContain("Checkout");
    }
    expect(email.text).toContain("We found the cause.\n\nA fix is rolling out.");
    expect(email.text).not.toMatch(/<[a-z]/i);
    // No external assets: nothing to load, only the three links to follow.
    expect(referencedUrls(email.html).sort()).toEqual([links.manageUrl, pageUrl, links.unsubscribeUrl].sort());
    expect(email.html).not.toMatch(/<img|<link|<script|@import|url\(/i);
  });

  it("names what happened in the subject, the way a reader scans an inbox", () => {
    const subject = (kind: (typeof eventKinds)[number], p: Partial<EventPayload> = {}) =>
      renderEventEmail({ kind, payload: { ...payload, ...p }, ...links }).subject;
    expect(subject("incident_published", { status: "investigating" })).toBe(
      "Incident: Checkout errors in us-central1 — Investigating",
    );
    expect(subject("incident_updated")).toBe("Update: Checkout errors in us-central1 — Identified");
    expect(subject("incident_resolved")).toBe("Resolved: Checkout errors in us-central1");
    expect(subject("maintenance_scheduled")).toBe(
      "Scheduled maintenance: Checkout errors in us-central1 — 2 Mar 2026, 14:00 UTC",
    );
    expect(subject("maintenance_reminder")).toBe(
      "Reminder: maintenance Checkout errors in us-central1 starts 2 Mar 2026, 14:00 UTC",
    );
    expect(subject("postmortem_published")).toBe("Postmortem: Checkout errors in us-central1");
  });

  it("escapes everything a person typed, and keeps it readable in the text part", () => {
    const hostile: EventPayload = {
      ...payload,
      title: `<script>alert("t")</script> & "quotes"`,
      message: `<img src=x onerror=alert(1)> <a href="javascript:evil()">click</a>\nsecond line`,
      affected: [{ component: "<b>Check</b>out", region: `eu" onmouseover="x`, status: "<i>down</i>" }],
    };
    const email = renderEventEmail({ kind: "incident_updated", payload: hostile, ...links });
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toContain("<b>Check");
    expect(email.html).not.toContain('href="javascript:');
    expect(email.html).not.toContain('" onmouseover="');
    expect(email.html).toContain("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;");
    expect(email.html).toContain(
      "&lt;img src=x onerror=alert(1)&gt; &lt;a href=&quot;javascript:evil()&quot;&gt;click&lt;/a&gt;<br>second line",
    );
    expect(referencedUrls(email.html).every((u) => u.startsWith("https://status.acme.test/"))).toBe(true);
    expect(email.text).toContain(`<script>alert("t")</script> & "quotes"`);
    expect(email.subject).toBe(`Update: <script>alert("t")</script> & "quotes" — Identified`);
  });

  it("keeps a typed title from adding header lines to the subject", () => {
    const email = renderEventEmail({
      kind: "incident_published",
      payload: { ...payload, title: "Down\r\nBcc: everyone@example.com" },
      ...links,
    });
    expect(email.subject).toBe("Incident: Down Bcc: everyone@example.com — Identified");
  });
});

describe("subscription emails", () => {
  it("asks to confirm, says until when, and escapes the scope it repeats", () => {
    const email = renderConfirmEmail({
      siteName: "Acme Status",
      confirmUrl: "https://status.acme.test/subscribe/confirm?token=abc",
      expiresAt: "2026-03-03T10:00:00.000Z",
      scopeDescription: "<Checkout> in eu",
    });
    expect(email.subject).toBe("Confirm your subscription to Acme Status");
    expect(email.html).toContain("&lt;Checkout&gt; in eu");
    expect(email.text).toContain("Confirm subscription: https://status.acme.test/subscribe/confirm?token=abc");
    expect(email.text).toContain("3 Mar 2026, 10:00 UTC");
    expect(referencedUrls(email.html)).toEqual(["https://status.acme.test/subscribe/confirm?token=abc"]);
  });

  it("tells an existing subscriber that nothing changed, with their links", () => {
    const email = renderAlreadySubscribedEmail({
      siteName: "Acme Status",
      manageUrl: links.manageUrl,
      unsubscribeUrl: links.unsubscribeUrl,
    });
    expect(email.text).toContain("Nothing has changed");
    expect(email.text).toContain(links.unsubscribeUrl);
  });
});

describe("escapeHtml and oneLine", () => {
  it("escape the five characters and flatten control characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(oneLine("a\u0000b\tc\n\nd")).toBe("a b c d");
    expect(oneLine("x".repeat(300), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("the postmortem email", () => {
  const postmortem = (message: string) =>
    renderEventEmail({ kind: "postmortem_published", payload: { ...payload, message }, ...links });

  it("links to the postmortem on the incident's page and says it was published", () => {
    const email = postmortem(
      "Checkout failed for 40 minutes. See the runbook (https://runbooks.example.test/checkout).",
    );
    expect(email.html).toContain(`href="${links.pageUrl}#postmortem"`);
    expect(email.text).toContain("Checkout failed for 40 minutes.");
    expect(email.text).toContain("Published 1 Mar 2026, 10:00 UTC");
    expect(email.text).toContain("We have published our postmortem");
    // The summary's own link stays text: the only links are the page, manage and unsubscribe.
    expect(referencedUrls(email.html)).not.toContain("https://runbooks.example.test/checkout");
    const updated = renderEventEmail({
      kind: "postmortem_published",
      payload: { ...payload, status: "postmortem_updated" },
      ...links,
    });
    expect(updated.text).toContain("We have updated our postmortem");
  });

  it("escapes the summary it carries: no payload of the XSS corpus, even unconverted, leaves anything that could run", () => {
    // The layout's own <meta> tags and inline styles are by design; nothing else may appear.
    const danger = (html: string) =>
      findDanger(html).filter((d) => d !== "<meta> element" && !d.startsWith("style attribute"));
    for (const markdown of XSS_PAYLOADS) {
      const email = postmortem(markdown);
      expect(danger(email.html), markdown).toEqual([]);
      expect(referencedUrls(email.html).sort(), markdown).toEqual(
        [links.manageUrl, `${links.pageUrl}#postmortem`, links.unsubscribeUrl].sort(),
      );
    }
  });

  it("keeps a long summary short", () => {
    const email = postmortem("word ".repeat(1000));
    expect(email.text.length).toBeLessThan(3000);
    expect(email.text).toContain("…");
  });
});
