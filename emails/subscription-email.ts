// The emails of the subscription itself: confirm your address, and — when
// the address is already subscribed — a link to manage it instead (so the
// form's answer never tells anyone whether an address is subscribed).
import { type EmailContent, escapeHtml, formatUtc, type RenderedEmail, renderHtml, renderText } from "./layout.ts";

export interface ConfirmEmailData {
  siteName: string;
  confirmUrl: string;
  /** ISO time the link stops working. */
  expiresAt: string;
  /** In words, e.g. "everything" or "Checkout in europe-west1.gcp". */
  scopeDescription: string;
}

export function renderConfirmEmail(data: ConfirmEmailData): RenderedEmail {
  const expires = `The link works until ${formatUtc(data.expiresAt)}.`;
  const scope = `You asked for updates about ${data.scopeDescription}.`;
  const content: EmailContent = {
    siteName: data.siteName,
    preheader: "Confirm your subscription to status updates",
    tone: "neutral",
    badge: "Confirm your subscription",
    heading: `Confirm your subscription to ${data.siteName}`,
    bodyHtml: `<p style="margin:0 0 14px;line-height:1.5">${escapeHtml(scope)} Confirm that this is your address and we will email you when something you chose starts, changes or ends.</p><p style="margin:0 0 14px;line-height:1.5">${escapeHtml(expires)}</p>`,
    bodyText: `${scope} Confirm that this is your address and we will email you when something you chose starts, changes or ends.\n\n${expires}`,
    action: { label: "Confirm subscription", url: data.confirmUrl },
    footer: { note: "If you did not ask for this, ignore this email: nothing is sent to you unless you confirm." },
  };
  return {
    subject: `Confirm your subscription to ${data.siteName}`,
    html: renderHtml(content),
    text: renderText(content),
  };
}

export interface AlreadySubscribedEmailData {
  siteName: string;
  manageUrl: string;
  unsubscribeUrl: string;
}

export function renderAlreadySubscribedEmail(data: AlreadySubscribedEmailData): RenderedEmail {
  const body =
    "Someone — probably you — asked to subscribe this address, which already receives our status updates. Nothing has changed. To choose other regions or components, or to stop the emails, use the links below.";
  const content: EmailContent = {
    siteName: data.siteName,
    preheader: "You are already subscribed",
    tone: "neutral",
    badge: "Already subscribed",
    heading: `You are already subscribed to ${data.siteName}`,
    bodyHtml: `<p style="margin:0 0 14px;line-height:1.5">${escapeHtml(body)}</p>`,
    bodyText: body,
    action: { label: "Manage your subscription", url: data.manageUrl },
    footer: {
      note: "If you did not ask for this, ignore this email.",
      manageUrl: data.manageUrl,
      unsubscribeUrl: data.unsubscribeUrl,
    },
  };
  return {
    subject: `You are already subscribed to ${data.siteName}`,
    html: renderHtml(content),
    text: renderText(content),
  };
}
