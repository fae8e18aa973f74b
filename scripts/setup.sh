#!/usr/bin/env bash
# setup.sh: installs the system libraries slicewatch builds against (libpcap, zlib, OpenBLAS, SQLite) and python3
# when missing; `--tests` also installs chromium, in which the HTML report's screenshot test renders the page.
# Safe to run every time; it only calls apt-get when something is absent. Needs root or sudo.
set -euo pipefail
packages=(libpcap-dev zlib1g-dev libopenblas-dev libsqlite3-dev python3)
case "${1:-}" in
  --tests) packages+=(chromium) ;;
  "") ;;
  *) echo "setup: unknown option $1 (only --tests)" >&2; exit 2 ;;
esac
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.0 or newer is needed)" >&2; exit 1; }
