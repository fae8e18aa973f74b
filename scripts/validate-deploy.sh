#!/usr/bin/env bash
# validate-deploy.sh: checks deploy/ (Dockerfile aside, which needs a Docker engine): parses every YAML and JSON
# file, checks the slicewatch_* metrics the Prometheus rules and the Grafana dashboard use against the families the
# code defines, the SLICEWATCH_* variables against docs/configuration.md, renders the kustomize base and overlays
# (kubectl), runs `slicewatch config check` on the rendered configurations (a slicewatch binary), promtool on the
# rules and the dashboard's queries, and systemd-analyze verify on the unit. Optional tools that are missing are
# skipped with a message. Exit status 1 when a check fails. The checks themselves: scripts/validate_deploy.py.
#
# Usage: scripts/validate-deploy.sh [--install-tools] [--allow-pending]
#   --install-tools   also install promtool (Debian package prometheus, without recommends) when it is missing
#   --allow-pending   metric families announced by the quality work but not yet in Sources are warnings
# The binary: $SLICEWATCH_BIN, else .build/release/slicewatch, else .build/debug/slicewatch (never built here).
# Needs root or sudo only to install python3-yaml (and promtool) when missing, like scripts/setup.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

install_tools=0
args=()
for a in "$@"; do
  case "$a" in
    --install-tools) install_tools=1 ;;
    --allow-pending) args+=(--allow-pending) ;;
    *) echo "validate-deploy: unknown option $a (--install-tools, --allow-pending)" >&2; exit 2 ;;
  esac
done

apt_install() {
  local SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "validate-deploy: installing $*" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# A Python 3 with PyYAML: the one on PATH, else Debian's (python3-yaml installs into it).
PY=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then PY="$candidate"; break; fi
done
if [ -z "$PY" ]; then
  apt_install python3 python3-yaml
  PY=/usr/bin/python3
  "$PY" -c 'import yaml' || { echo "validate-deploy: PyYAML still missing" >&2; exit 1; }
fi

if [ "$install_tools" -eq 1 ] && ! command -v promtool >/dev/null; then
  apt_install prometheus
fi

BIN="${SLICEWATCH_BIN:-}"
if [ -z "$BIN" ]; then
  for b in .build/release/slicewatch .build/debug/slicewatch; do
    [ -x "$b" ] && { BIN="$b"; break; }
  done
fi
[ -n "$BIN" ] && args+=(--binary "$BIN")

echo "validate-deploy: the Dockerfile is not built here (it needs a Docker engine): docker build -f deploy/docker/Dockerfile ."
if command -v hadolint >/dev/null; then
  hadolint deploy/docker/Dockerfile && echo "  ok    hadolint deploy/docker/Dockerfile" || { echo "  FAIL  hadolint"; exit 1; }
else
  echo "  skip  hadolint not found: the Dockerfile is not linted"
fi
exec "$PY" scripts/validate_deploy.py "${args[@]}"
