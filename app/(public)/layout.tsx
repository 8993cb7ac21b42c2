// The status site's frame (app/_components/public-frame.tsx): one header with
// the subscribe control, one footer; no session, nothing that needs JavaScript.
// The feeds are announced in the head so that feed readers find them from any page.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { PublicFrame } from "../_components/public-frame.tsx";

export const metadata: Metadata = {
  alternates: {
    types: {
      "application/atom+xml": [{ url: "/feed.atom", title: "Incidents and maintenance (Atom)" }],
      "application/rss+xml": [{ url: "/feed.rss", title: "Incidents and maintenance (RSS)" }],
      "text/calendar": [{ url: "/calendar.ics", title: "Scheduled maintenance (iCalendar)" }],
    },
  },
};

export default function PublicLayout({ children }: { children: ReactNode }) {
  return <PublicFrame>{children}</PublicFrame>;
}
