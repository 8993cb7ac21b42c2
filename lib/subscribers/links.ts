// The links every message to a subscriber carries, whatever its channel:
// manage, unsubscribe (a page with one button) and RFC 8058 one-click.
import { absoluteUrl, type LinkSettings } from "../mail/settings.ts";
import { signSubscriberLink } from "./tokens.ts";

export interface SubscriberLinks {
  /** The page to change the scope or unsubscribe. */
  manageUrl: string;
  /** A page with one button; a GET never unsubscribes (link scanners follow GETs). */
  unsubscribeUrl: string;
  /** RFC 8058: a POST here unsubscribes at once. */
  oneClickUrl: string;
}

export function subscriberLinks(
  settings: LinkSettings,
  subscriber: { id: string; confirmedAt: Date },
): SubscriberLinks {
  const manage = encodeURIComponent(
    signSubscriberLink(settings.secret, "manage", subscriber.id, subscriber.confirmedAt),
  );
  const unsubscribe = encodeURIComponent(
    signSubscriberLink(settings.secret, "unsubscribe", subscriber.id, subscriber.confirmedAt),
  );
  return {
    manageUrl: absoluteUrl(settings, `/subscribe/manage?token=${manage}`),
    unsubscribeUrl: absoluteUrl(settings, `/subscribe/unsubscribe?token=${unsubscribe}`),
    oneClickUrl: absoluteUrl(settings, `/api/subscribers/unsubscribe?token=${unsubscribe}`),
  };
}
