import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { StatusIconSymbols } from "./_components/status-icon.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Commerce platform status – Bellwether", template: "%s – Bellwether" },
  description: "Live status of every component of the commerce platform in every region.",
};

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
