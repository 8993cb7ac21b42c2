// The browser every test drives: Debian's Chromium headless shell, which
// scripts/ensure-chromium.sh installs when it is missing (Playwright cannot
// download a browser here). The shell renders pages with the same Blink as the
// full browser, without the full browser's UI and compositor: the browser
// tests took a third less CPU with it on this 2-core machine.
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell",
  args: [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
