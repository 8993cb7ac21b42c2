#!/usr/bin/env bash
# The production-section test backs up and restores with pg_dump and
# pg_restore, as the README tells operators to. Install Debian's PostgreSQL
# client when it is missing and we are allowed to.
set -euo pipefail
if command -v pg_dump >/dev/null && command -v pg_restore >/dev/null; then exit 0; fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "pg_dump is missing: install Debian's 'postgresql-client' package." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing the PostgreSQL client from Debian for the backup test…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql-client >/dev/null
pg_dump --version
