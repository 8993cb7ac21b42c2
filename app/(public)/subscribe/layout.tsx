// The subscription pages: one narrow column inside the status site's frame (its header is the only one).
import type { ReactNode } from "react";

export default function SubscribeLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="mx-auto max-w-2xl space-y-6 px-4 py-8">
      {children}
    </main>
  );
}
