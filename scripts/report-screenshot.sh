#!/usr/bin/env bash
# report-screenshot.sh HTML PNG [WIDTH] [HEIGHT]: a screenshot of a report page in headless Chromium (Debian's
# `chromium` package), WIDTH (1280) x HEIGHT (4000) CSS pixels; fails when Chromium is missing or writes no PNG.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 HTML PNG [WIDTH] [HEIGHT]" >&2
    exit 2
fi
html=$1
png=$2
width=${3:-1280}
height=${4:-4000}

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "chromium not found: apt-get install -y chromium" >&2
    exit 3
fi
[ -f "$html" ] || { echo "no such file: $html" >&2; exit 2; }
case "$html" in /*) ;; *) html="$PWD/$html" ;; esac

rm -f "$png"
# A throwaway profile keeps runs independent; the flags keep it quiet and offline-friendly in a container.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
timeout 120 "$browser" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
    --no-first-run --no-default-browser-check --disable-extensions --mute-audio \
    --user-data-dir="$profile" --force-device-scale-factor=1 \
    --window-size="$width,$height" --screenshot="$png" "file://$html" >/dev/null 2>&1 || true

if [ ! -s "$png" ]; then
    echo "chromium wrote no screenshot to $png" >&2
    exit 1
fi
echo "$png"
