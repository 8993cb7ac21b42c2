// A Channel is how one kind of subscriber is reached. The outbox sender
// (sender.ts) leases rows, picks the channel by Subscriber.channel, and
// drives it: deliver, and on an error ask the channel to classify it — retry
// later, permanent (this notification fails), or hard bounce (the subscriber
// is suppressed at once) — and whether repeated permanent failures suppress.
// Leases, backoff, suppression and the exactly-once bookkeeping stay in the
// sender, the same for every channel.
import type { DeliveryFailure } from "../domain/delivery.ts";
import type { SubscriberChannel } from "../generated/prisma/enums.ts";
import type { SubscriberLinks } from "../subscribers/links.ts";
import type { EventPayload } from "./events.ts";
import type { LeasedNotification } from "./outbox.ts";

export interface ChannelDelivery {
  notification: LeasedNotification;
  payload: EventPayload;
  links: SubscriberLinks;
}

export interface ClassifiedFailure {
  kind: DeliveryFailure;
  /** For Notification.lastError and the log: never a secret. */
  message: string;
  /** Nothing answered for the whole channel (the mail server is down): pause it instead of burning attempts. */
  channelDown: boolean;
}

export interface Channel {
  readonly name: SubscriberChannel;
  /** Deliveries in flight at most. */
  readonly capacity: number;
  /** Permanent failures in a row after which the subscriber is suppressed; null: only a hard bounce suppresses. */
  readonly suppressAfterPermanentFailures: number | null;
  /** Resolves once the receiver accepted it, with the id a repeat would carry too (Message-ID, delivery id). */
  deliver(delivery: ChannelDelivery): Promise<{ messageId: string }>;
  classify(error: unknown): ClassifiedFailure;
  close(): void;
}
