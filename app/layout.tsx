import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getEnv } from "@/lib/env.ts";
import { StatusIconSymbols } from "./_components/status-icon.tsx";
import "./globals.css";

const DESCRIPTION = "Live status of every component of the commerce platform in every region.";

/** Link previews need absolute addresses: PUBLIC_URL, read when a page renders. A page prerendered by `next build`
 *  (the shared 404) may have no environment to read; its preview links stay relative. */
function siteBase(): URL | null {
  try {
    return new URL(getEnv().PUBLIC_URL);
  } catch {
    return null;
  }
}

export function generateMetadata(): Metadata {
  return {
    metadataBase: siteBase(),
    title: { default: "Commerce platform status – Bellwether", template: "%s – Bellwether" },
    description: DESCRIPTION,
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
        { url: "/favicon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
    manifest: "/site.webmanifest",
    openGraph: {
      type: "website",
      siteName: "Bellwether",
      title: "Commerce platform status",
      description: DESCRIPTION,
      images: [{ url: "/og-image.png", width: 1200, height: 630, alt: "Bellwether · Commerce platform status" }],
    },
    twitter: { card: "summary_large_image" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900 focus:shadow"
        >
          Skip to content
        </a>
        <StatusIconSymbols />
        {children}
      </body>
    </html>
  );
}
