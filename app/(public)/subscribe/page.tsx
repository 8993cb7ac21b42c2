// GET /subscribe?region=…|component=…|incident=… – status emails by address, for everything or chosen
// regions and components (a region's or component's link opens with it chosen), or for one open incident.
import type { Metadata } from "next";
import { db } from "@/lib/db.ts";
import { findFollowableIncident } from "@/lib/subscribers/follow-incident.ts";
import { getSubscriptionChoices } from "@/lib/subscribers/scope.ts";
import { presetScope } from "@/lib/subscribers/scope-preset.ts";
import { FollowIncidentForm } from "./follow-form.tsx";
import { SubscribeForm } from "./subscribe-form.tsx";
import { WebhookSubscribeForm } from "./webhook-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Subscribe to status updates" };

type Query = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** Email or webhook: two links, so the choice works without JavaScript and can be linked to; a preset scope stays. */
function ChannelSwitch({ webhook, keep }: { webhook: boolean; keep: Record<string, string | undefined> }) {
  const tab = (active: boolean) =>
    `rounded px-3 py-1.5 font-semibold ${active ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "underline"}`;
  const href = (channel?: string) => {
    const query = new URLSearchParams(
      Object.entries({ ...keep, channel }).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    return query ? `/subscribe?${query}` : "/subscribe";
  };
  return (
    <nav aria-label="How to receive updates" className="flex gap-2">
      <a href={href()} className={tab(!webhook)} aria-current={webhook ? undefined : "page"}>
        By email
      </a>
      <a href={href("webhook")} className={tab(webhook)} aria-current={webhook ? "page" : undefined}>
        By webhook (JSON or Slack)
      </a>
    </nav>
  );
}

const NOTE = "rounded border-l-4 border-sky-600 bg-sky-50 px-4 py-3 text-sky-950 dark:bg-sky-950 dark:text-sky-100";

function OtherWays() {
  return (
    <section aria-labelledby="other-ways" className="space-y-2 border-t border-slate-200 pt-6 dark:border-slate-800">
      <h2 id="other-ways" className="text-lg font-semibold">
        Other ways to follow
      </h2>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          Feeds:{" "}
          <a className="underline" href="/feed.atom">
            Atom
          </a>
          ,{" "}
          <a className="underline" href="/feed.rss">
            RSS
          </a>{" "}
          and the{" "}
          <a className="underline" href="/calendar.ics">
            maintenance calendar
          </a>
          .
        </li>
        <li>
          The JSON API, status badges and an embeddable widget:{" "}
          <a className="underline" href="/developers">
            for developers
          </a>
          .
        </li>
      </ul>
    </section>
  );
}

export default async function SubscribePage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const incidentId = one(query.incident);
  const incident = incidentId ? await findFollowableIncident(db(), incidentId) : null;
  if (incident) {
    return (
      <>
        <h1 className="text-2xl font-bold">Get updates on this incident</h1>
        <FollowIncidentForm incident={incident} />
        <p>
          Or{" "}
          <a className="underline" href="/subscribe">
            subscribe to regions and components
          </a>{" "}
          to hear about every incident that touches them.
        </p>
        <OtherWays />
      </>
    );
  }
  const choices = await getSubscriptionChoices(db());
  const preset = presetScope(choices, { region: one(query.region), component: one(query.component) });
  const webhook = one(query.channel) === "webhook";
  return (
    <>
      <h1 className="text-2xl font-bold">Subscribe to status updates</h1>
      {incidentId && (
        <p role="status" className={NOTE}>
          That incident has resolved, so there are no more updates to follow. Subscribe to what it touched instead.
        </p>
      )}
      <ChannelSwitch webhook={webhook} keep={{ region: one(query.region), component: one(query.component) }} />
      {webhook ? (
        <p className="text-slate-700 dark:text-slate-300">
          Get a signed HTTP POST — JSON, or a Slack message — when an incident or maintenance that touches what you
          choose starts, changes or ends, and when its postmortem is published. Every request carries links to change
          your choices or unsubscribe.
        </p>
      ) : (
        <p className="text-slate-700 dark:text-slate-300">
          Get an email when an incident or maintenance that touches what you choose starts, changes or ends, and when
          its postmortem is published. We send a confirmation link first; every email has a link to change your choices
          or unsubscribe in one click.
        </p>
      )}
      {preset && (
        <p className={NOTE} data-testid="preset-scope">
          Chosen for you: <strong>{preset.label}</strong>. Change it below if you want more.
        </p>
      )}
      {webhook ? (
        <WebhookSubscribeForm choices={choices} scope={preset?.scope} />
      ) : (
        <SubscribeForm choices={choices} scope={preset?.scope} />
      )}
      <OtherWays />
    </>
  );
}
