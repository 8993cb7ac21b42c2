// Where a subscriber is reached: its email address, or its webhook URL. The
// database guarantees one of them by channel (Subscriber_channel_address_check).
export function subscriberAddress(row: { email: string | null; webhookUrl: string | null }): string {
  const address = row.email ?? row.webhookUrl;
  if (address === null) throw new Error("A subscriber has neither an email address nor a webhook URL.");
  return address;
}
