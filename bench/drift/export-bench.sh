#!/usr/bin/env bash
# export-bench.sh: the export loop on a recorded scenario — export fresh inputs from its capture, measure how many
# come from the domain the scenario injects (its ground truth), rebuild the baseline with the exported items added
# to the eval set, and replay the same capture against it (quiet means the eval set now covers the drift).
#
#   bench/drift/export-bench.sh [SCENARIO] [DOMAIN]     default: unseen-domain-10 travel
# Environment: SLICEWATCH (default .build/release/slicewatch), DRIFT_OUT (default /tmp/slicewatch-drift; the
# scenario must be recorded there and DRIFT_OUT/baseline.json built: run run-bench.sh first).
# Prints one row per export setting: items, share from DOMAIN, duplicates, alerts before and after the rebuild.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${DRIFT_OUT:-/tmp/slicewatch-drift}
SW=${SLICEWATCH:-$ROOT/.build/release/slicewatch}
scenario=${1:-unseen-domain-10}
domain=${2:-travel}
capture=$OUT/$scenario/capture.pcap
for f in "$SW" "$capture" "$OUT/baseline.json" "$OUT/eval_set.jsonl" "$OUT/$scenario/ground_truth.jsonl"; do
  [ -e "$f" ] || { echo "export-bench.sh: missing $f (record and build with run-bench.sh first)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
alerts() { "$SW" replay "$capture" --baseline "$1" --format json 2>/dev/null | grep -c '"type":"alert","state":"firing"' || true; }
before=$(alerts "$OUT/baseline.json")
printf '%-22s %6s %14s %6s %14s %13s\n' export items "$domain" dups "alerts before" "alerts after"
for setting in "--prefer drifted" "--max 150" "--max 300" "--max 500"; do
  # shellcheck disable=SC2086
  "$SW" export --read "$capture" --baseline "$OUT/baseline.json" --evalset "$OUT/eval_set.jsonl" $setting \
    -o "$work/fresh.jsonl" 2> "$work/export.stderr"
  share=$(python3 - "$work/fresh.jsonl" "$OUT/$scenario/ground_truth.jsonl" "$domain" <<'PY'
import json, sys
truth = {}
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    truth.setdefault(r["user_text"], r.get("domain"))
items = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
hits = sum(1 for o in items if truth.get(o["input"]) == sys.argv[3])
dups = len(items) - len({o["input"].strip().lower() for o in items})
print(f"{len(items)} {hits} {100 * hits / max(1, len(items)):.0f}% {dups}")
PY
)
  read -r n hits pct dups <<< "$share"
  cat "$OUT/eval_set.jsonl" "$work/fresh.jsonl" > "$work/evalset.jsonl"
  "$SW" baseline build --evalset "$work/evalset.jsonl" -o "$work/baseline.json" 2>/dev/null
  printf '%-22s %6s %14s %6s %14s %13s\n' "$setting" "$n" "$hits ($pct)" "$dups" "$before" "$(alerts "$work/baseline.json")"
done
