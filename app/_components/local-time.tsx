"use client";
// A time is written by the server in UTC, so the page reads correctly without
// JavaScript; in the browser it is rewritten in the reader's own time zone,
// with the UTC text kept on hover (title).
import { useEffect, useState } from "react";
import { formatUtcDateTime } from "@/lib/domain/time-display.ts";

const LOCAL: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};

export function LocalTime({ at }: { at: string }) {
  const utc = formatUtcDateTime(new Date(at));
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    setLocal(new Intl.DateTimeFormat(undefined, LOCAL).format(new Date(at)));
  }, [at]);
  return (
    <time dateTime={at} title={utc} data-zone={local === null ? "utc" : "local"}>
      {local ?? utc}
    </time>
  );
}
