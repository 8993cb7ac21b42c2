#!/usr/bin/env bash
# The browser tests drive Debian's Chromium headless shell (Playwright cannot
# download a browser here; tests/support/chromium.ts says why the shell).
# Install it when it is missing and we are allowed to.
set -euo pipefail
SHELL_PATH=/usr/bin/chromium-headless-shell
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then exit 0; fi
if [ -x "$SHELL_PATH" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "Chromium is missing: install Debian's 'chromium-headless-shell' package (or set CHROMIUM_PATH)." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing Chromium's headless shell from Debian for the browser tests…"
$SUDO apt-get update -qq
# The shell and the full browser share chromium-common at one version: next to an installed Chromium, take the
# shell of the same version rather than upgrade the common files under that browser.
installed=$(dpkg-query -W -f='${Version}' chromium 2>/dev/null || true)
if [ -n "$installed" ] &&
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "chromium-headless-shell=$installed" >/dev/null; then
  :
else
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null
fi
"$SHELL_PATH" --version
