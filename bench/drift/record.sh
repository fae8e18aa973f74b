#!/usr/bin/env bash
# record.sh: records slicewatch's drift scenarios as real captures (tcpdump on lo) of the official
# OpenAI and Anthropic Python SDKs (plus httpx and curl) talking to a local fake model server.
#
#   bench/drift/record.sh                       every scenario in bench/drift/scenarios/ (same as "all")
#   bench/drift/record.sh oos-10 control        the named scenarios
#   bench/drift/record.sh fixtures              the small committed captures: records bench/drift/fixtures/*
#                                               and copies them to samples/captures/drift/ and the eval set
#                                               to samples/evalset/drift-evalset.jsonl (--no-export: don't)
# Options (passed to recorder/record.py): --out-root DIR (default $DRIFT_OUT or /tmp/slicewatch-drift),
#   --force (record again even when up to date), --scale X (multiply request counts, for quick tries).
#
# Outputs: OUT_ROOT/<scenario>/{capture.pcap,ground_truth.jsonl,phases.json,summary.json,eval_set.jsonl,...}
# and OUT_ROOT/eval_set.jsonl (the one eval set all scenarios share). A scenario whose outputs are up
# to date (same scenario file, eval-set spec, data and recorder code, verified) is reused, not recorded.
#
# Needs root (tcpdump on lo). Installs what is missing: tcpdump, tshark and curl with apt-get, and a
# virtualenv at $DRIFT_VENV (default /tmp/slicewatch-drift-venv) with recorder/requirements.txt from PyPI.
# Exit status: 0 when every scenario was recorded (or reused) and verified with tshark.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VENV=${DRIFT_VENV:-/tmp/slicewatch-drift-venv}
REQ="$HERE/recorder/requirements.txt"

case "${1:-}" in -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
if [ "$(id -u)" -ne 0 ]; then
  echo "record.sh: run as root (tcpdump captures on the loopback interface)" >&2
  exit 2
fi

missing=()
for tool in tcpdump tshark curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq tcpdump tshark curl >/dev/null
fi

# the virtualenv: created once; packages installed only when a pinned version is missing
PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
if ! "$VENV/bin/python" - "$REQ" <<'PYEOF'
import sys
from importlib.metadata import version, PackageNotFoundError
ok = True
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, _, want = line.partition("==")
    try:
        ok &= (version(name) == want) if want else True
    except PackageNotFoundError:
        ok = False
sys.exit(0 if ok else 1)
PYEOF
then
  echo "installing $(grep -v '^#' "$REQ" | paste -sd' ') into $VENV" >&2
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQ"
fi

exec "$VENV/bin/python" "$HERE/recorder/record.py" --python "$VENV/bin/python" "$@"
