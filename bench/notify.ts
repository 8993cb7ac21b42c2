// Subscriber fan-out: 100,000 subscribers of one incident through the real
// outbox (the approval, the chunked fan-out, then the sender: leases, rendering, pooled SMTP, sent
// marks) into a local SMTP sink, against a bare pooled nodemailer loop sending
// as many ready-made messages to the same sink. Meanwhile the status page,
// served by the real web server in this process (as `npm start` runs it,
// beside the sender), is timed idle and during the fan-out.
import nodemailer from "nodemailer";
import { renderEventEmail } from "../emails/event-email.ts";
import { findFreePort } from "../lib/database/embedded.ts";
import { createDb } from "../lib/db.ts";
import { FAN_OUT_DEFAULTS } from "../lib/notifications/fan-out.ts";
import { absoluteUrl, type MailSettings, SITE_NAME } from "../lib/mail/settings.ts";
import { subscriberHeaders } from "../lib/mail/subscriber-headers.ts";
import { subscriberLinks } from "../lib/subscribers/links.ts";
import { MAX_PENDING_PER_CONNECTION, SENDER_DEFAULTS, startNotificationSender } from "../lib/notifications/sender.ts";
import { buildIsStale } from "../scripts/build-check.ts";
import { runNextBuild } from "../scripts/boot.ts";
import { type BenchChild, forkChild } from "./child.ts";
import { startBenchDatabase } from "./database.ts";
import { APPROVAL_PAYLOAD as payload, measureApproval, seedSubscribers } from "./notify-approval.ts";
import { TARGET_APPROVAL_MS } from "./notify-approval.ts";
import { count, log, ms, percent, printSummary, ratio, samplePercentile, verdict } from "./report.ts";

const SUBSCRIBERS = 100_000;
const IDLE_SAMPLE_MS = 30_000;
const TARGET_SHARE = 0.5;
const TARGET_P99_FACTOR = 2;
const MAX_CONNECTIONS = SENDER_DEFAULTS.maxConnections;

interface Latency {
  p50: number;
  p99: number;
  samples: number;
}

async function sampled<T>(sampler: BenchChild, work: () => Promise<T>): Promise<{ result: T; latency: Latency }> {
  sampler.process.send("start");
  const result = await work();
  const { samples, errors } = await sampler.ask<{ samples: number[]; errors: number }>("stop");
  if (errors > 0) throw new Error(`notify: ${errors} status page requests failed`);
  return {
    result,
    latency: { p50: samplePercentile(samples, 50), p99: samplePercentile(samples, 99), samples: samples.length },
  };
}

const formatLatency = (l: Latency) => `p50 ${ms(l.p50)}, p99 ${ms(l.p99)} (${count(l.samples)} requests)`;

/** The reference: ready-made messages (rendered once) through the same kind of pool, as fast as it goes. */
async function bareLoop(mail: MailSettings): Promise<number> {
  const transport = nodemailer.createTransport({
    pool: true,
    url: mail.smtpUrl,
    maxConnections: MAX_CONNECTIONS,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  const links = subscriberLinks(mail, { id: "reference", confirmedAt: new Date() });
  const email = renderEventEmail({
    kind: "incident_published",
    payload,
    siteName: SITE_NAME,
    pageUrl: absoluteUrl(mail, payload.path),
    ...links,
  });
  const headers = subscriberHeaders(mail, links);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < SUBSCRIBERS) {
      const i = next++;
      await transport.sendMail({
        from: mail.from,
        to: `bench-${i}@example.test`,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: `<ref-${i}@bench.test>`,
        headers,
      });
    }
  };
  await Promise.all(Array.from({ length: MAX_CONNECTIONS * MAX_PENDING_PER_CONNECTION }, worker));
  const elapsed = performance.now() - started;
  transport.close();
  return elapsed;
}

export async function run(): Promise<void> {
  const secret = "bench-secret-".repeat(4);
  Object.assign(process.env, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: process.env.AUTH_SECRET || secret,
  });
  if (buildIsStale()) runNextBuild();
  const database = await startBenchDatabase("notify");
  process.env.DATABASE_URL = database.url;
  const db = createDb(database.url, { max: 4 });
  const sink = forkChild("./smtp-sink-process.ts");
  const stops: (() => Promise<void> | void)[] = [sink.stop];
  try {
    const { url: smtpUrl } = await sink.next<{ url: string }>();
    const mail: MailSettings = {
      smtpUrl,
      from: "Status <status@bench.test>",
      publicUrl: "https://status.bench.test",
      secret,
    };

    const target = await seedSubscribers(db, SUBSCRIBERS);
    log(
      `${count(SUBSCRIBERS)} confirmed subscribers (¼ everything, ¼ everything tier-1 only, ¼ the region, ¼ the component)`,
    );

    const { startWebServer } = await import("../lib/http/web.ts");
    const web = await startWebServer({ host: "127.0.0.1", port: await findFreePort() });
    stops.push(web.close);
    const sampler = forkChild("./page-latency-process.ts", { args: [`${web.url.replace("localhost", "127.0.0.1")}/`] });
    stops.push(sampler.stop);
    await sampler.next();
    log(`status page at ${web.url}/ (real web server in this process, as npm start runs it beside the sender)`);

    // Next loads a route's code on its first requests: warm it up before anything is measured.
    await sampled(sampler, () => new Promise((r) => setTimeout(r, 5_000)));
    log(`sampling the idle status page for ${IDLE_SAMPLE_MS / 1000} s …`);
    const idle = await sampled(sampler, () => new Promise((r) => setTimeout(r, IDLE_SAMPLE_MS)));
    log(`idle status page: ${formatLatency(idle.latency)}`);

    log(
      `reference: a bare pooled nodemailer loop, ${count(SUBSCRIBERS)} ready-made messages, ${MAX_CONNECTIONS} connections …`,
    );
    const reference = await sampled(sampler, () => bareLoop(mail));
    const referenceRate = SUBSCRIBERS / (reference.result / 1000);
    const afterReference = await sink.ask<{ count: number; distinct: number }>("count");
    log(
      `reference: ${count(referenceRate)} msg/s (${ms(reference.result)}; sink got ${count(afterReference.count)}); status page meanwhile: ${formatLatency(reference.latency)}`,
    );
    await sink.ask("reset");

    const approval = await measureApproval(db, target, payload, SUBSCRIBERS);
    if (approval.rows !== SUBSCRIBERS || approval.oneStatementRows !== SUBSCRIBERS)
      throw new Error(`notify: ${approval.rows} outbox rows for ${SUBSCRIBERS} subscribers`);

    log(`the outbox sender: ${count(SUBSCRIBERS)} emails …`);
    const senderDb = createDb(database.url, { max: 4 });
    const fanOut = await sampled(sampler, async () => {
      const started = performance.now();
      const sender = startNotificationSender(senderDb, { mail, maxConnections: MAX_CONNECTIONS });
      while (sender.stats.sent + sender.stats.failed < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 100));
      const elapsed = performance.now() - started;
      await sender.stop();
      return { elapsed, stats: sender.stats };
    });
    await senderDb.$disconnect();
    const senderRate = SUBSCRIBERS / (fanOut.result.elapsed / 1000);
    const received = await sink.ask<{ count: number; distinct: number }>("count");
    const [{ sent }] = (await db.$queryRawUnsafe<{ sent: number }[]>(
      `SELECT count(*)::int AS sent FROM "Notification" WHERE "state" = 'sent'`,
    )) as [{ sent: number }];
    const exact = received.count === SUBSCRIBERS && received.distinct === SUBSCRIBERS && sent === SUBSCRIBERS;
    log(
      `sender: ${count(senderRate)} msg/s (${ms(fanOut.result.elapsed)}); sink got ${count(received.count)} (${count(received.distinct)} distinct Message-IDs), ${count(sent)} rows sent`,
    );
    log(`status page during the fan-out: ${formatLatency(fanOut.latency)}`);

    const p99Factor = fanOut.latency.p99 / idle.latency.p99;
    printSummary("notify", [
      [
        "fan-out",
        `${count(SUBSCRIBERS)} subscribers of one incident, one local SMTP sink (child process), ${MAX_CONNECTIONS} pooled connections, no DKIM`,
      ],
      [
        "approval",
        `p50 ${ms(approval.approvalMs)} of ${approval.approvals} (approveProposal; its transaction writes the event only) — target ≤ ${TARGET_APPROVAL_MS} ms: ${verdict(approval.approvalMs <= TARGET_APPROVAL_MS)}`,
      ],
      [
        "approval telling nobody",
        `p50 ${ms(approval.silentMs)} (the floor, taking turns with the above); with 100,000 subscribers ${ratio(approval.approvalMs, approval.silentMs)} of it`,
      ],
      [
        "one-statement outbox write",
        `${ms(approval.oneStatementMs)} for ${count(approval.oneStatementRows)} rows (what the approval's transaction held before); approval ${percent(approval.approvalMs, approval.oneStatementMs)} of it`,
      ],
      [
        "chunked fan-out",
        `${count(approval.rows)} rows in chunks of ${count(FAN_OUT_DEFAULTS.chunkSize)}, complete ${ms(approval.fanOutMs)} after the approval started (${ratio(approval.fanOutMs, approval.oneStatementMs)} of one statement)`,
      ],
      ["outbox sender", `${count(senderRate)} msg/s (lease, render, send, record; ${ms(fanOut.result.elapsed)})`],
      ["bare nodemailer loop", `${count(referenceRate)} msg/s (one ready-made message, same pool)`],
      [
        "ratio to reference",
        `${percent(senderRate, referenceRate)} — target ≥ ${TARGET_SHARE * 100} %: ${verdict(senderRate >= TARGET_SHARE * referenceRate)}`,
      ],
      ["status page idle", formatLatency(idle.latency)],
      ["status page in fan-out", formatLatency(fanOut.latency)],
      [
        "p99 fan-out / idle",
        `${ratio(fanOut.latency.p99, idle.latency.p99)} — target ≤ ${TARGET_P99_FACTOR}×: ${verdict(p99Factor <= TARGET_P99_FACTOR)}`,
      ],
      ["exactly once", exact ? "OK (every subscriber one message, every row sent)" : "MISMATCH"],
    ]);
    if (!exact) throw new Error("notify: the sink did not get exactly one message per subscriber");
  } finally {
    for (const stop of stops.reverse()) await stop();
    await db.$disconnect();
    await database.stop();
  }
}
