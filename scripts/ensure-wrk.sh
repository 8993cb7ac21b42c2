#!/usr/bin/env bash
# bench site loads the web server with wrk (C, its own process: a load
# generator in Node cannot saturate a bare node:http server here). Install
# Debian's package when it is missing and we are allowed to.
set -euo pipefail
if command -v wrk >/dev/null; then exit 0; fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "wrk is missing: install Debian's 'wrk' package (apt-get install wrk) and run the benchmark again." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing wrk from Debian for the site benchmark…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
command -v wrk >/dev/null || { echo "Installing wrk failed: install Debian's 'wrk' package by hand." >&2; exit 1; }
