#!/usr/bin/env bash
# The HTML report is tested in Debian's Chromium (playwright-core never downloads a browser).
# Installs it when missing, so `npm test` works on a fresh machine.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: Chromium is missing; install it (Debian: sudo apt-get install -y chromium) and re-run npm test" >&2
  exit 2
fi
echo "ensure-chromium: installing Debian's chromium for the HTML report test…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
