#!/usr/bin/env bash
# run-bench.sh: the drift benchmark. Records the drift scenarios (when not up to date), builds one
# baseline from their shared eval set, replays every capture through slicewatch and scores the alerts.
#
#   bench/drift/run-bench.sh                     every scenario in bench/drift/scenarios/
#   bench/drift/run-bench.sh oos-10 control      only these
# Options:
#   --window N         passed to `slicewatch replay` as --window N (default: replay's own default)
#   --baseline-arg A   extra argument for `slicewatch baseline build` (repeatable, e.g. --baseline-arg
#                      --embedder --baseline-arg hashed); a changed argument list rebuilds the baseline
#   --no-build         never run swift build (needs $SLICEWATCH or an existing binary)
#   --no-record        use the recordings in $DRIFT_OUT as they are
# Environment: SLICEWATCH (binary; default .build/release/slicewatch, built with
#   `swift build -c release --product slicewatch` when missing),
#   DRIFT_OUT (default /tmp/slicewatch-drift).
# Outputs in DRIFT_OUT: baseline.json, <scenario>/replay.jsonl (the replay's JSON lines),
#   <scenario>/replay.stderr, bench-results.jsonl (one score.py result per scenario), and the table.
# Needs root for the recording step (tcpdump). Exit status: 0 when every step ran (whatever the
# scores), 1 when a step failed. Scoring rules: see score.py.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${DRIFT_OUT:-/tmp/slicewatch-drift}
SW=${SLICEWATCH:-$ROOT/.build/release/slicewatch}
PY=$(command -v python3)
window="" build=1 record=1 scenarios=() bargs=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --window) window=$2; shift ;;
    --baseline-arg) bargs+=("$2"); shift ;;
    --no-build) build=0 ;;
    --no-record) record=0 ;;
    -*) echo "run-bench.sh: unknown option $1" >&2; exit 2 ;;
    *) scenarios+=("$1") ;;
  esac
  shift
done
if [ ${#scenarios[@]} -eq 0 ]; then
  for f in "$HERE"/scenarios/*.json; do scenarios+=("$(basename "$f" .json)"); done
fi

# 1. slicewatch
if [ ! -x "$SW" ]; then
  if [ $build -eq 0 ]; then echo "run-bench.sh: no slicewatch binary at $SW (--no-build)" >&2; exit 1; fi
  echo "== building slicewatch (release, several minutes)"
  (cd "$ROOT" && swift build -c release --product slicewatch) || exit 1
  SW=$ROOT/.build/release/slicewatch
fi
echo "slicewatch: $SW"

# 2. recordings (reused when up to date)
if [ $record -eq 1 ]; then
  # plus the reference traffic scenarios name
  mapfile -t torecord < <("$PY" -c 'import json,sys
d=sys.argv[1]; names=sys.argv[2:]
refs=[json.load(open(f"{d}/{n}.json")).get("baseline_reference") for n in names]
print("\n".join(dict.fromkeys(names + [r for r in refs if r])))' "$HERE/scenarios" "${scenarios[@]}")
  echo "== recording (or reusing) ${torecord[*]}"
  "$HERE/record.sh" "${torecord[@]}" --out-root "$OUT" || { echo "run-bench.sh: recording failed" >&2; exit 1; }
fi
EVALSET=$OUT/eval_set.jsonl
[ -f "$EVALSET" ] || { echo "run-bench.sh: no eval set at $EVALSET (record first)" >&2; exit 1; }

# 3. one baseline for every scenario (rebuilt when the eval set, the binary or the arguments change)
B=$OUT/baseline.json
key=$( { sha256sum "$EVALSET" "$SW" | cut -d' ' -f1; printf '%s\n' "${bargs[@]+"${bargs[@]}"}"; } | sha256sum | cut -d' ' -f1)
if [ -f "$B" ] && [ "$(cat "$B.key" 2>/dev/null)" = "$key" ]; then
  echo "== baseline up to date: $B"
else
  echo "== building the baseline from $EVALSET"
  t0=$(date +%s.%N)
  "$SW" baseline build --evalset "$EVALSET" -o "$B" "${bargs[@]+"${bargs[@]}"}" || { echo "run-bench.sh: baseline build failed" >&2; exit 1; }
  echo "$key" > "$B.key"
  echo "baseline built in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
fi

# A scenario may name reference traffic ("baseline_reference": "control"): it is replayed against a
# baseline built with --reference on that scenario's capture (errors, latency and mix of normal traffic).
baseline_for() {
  local ref
  ref=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("baseline_reference", ""))' "$HERE/scenarios/$1.json")
  if [ -z "$ref" ]; then echo "$B"; return; fi
  local rb=$OUT/baseline-ref-$ref.json
  local rkey
  rkey=$( { cat "$B.key"; sha256sum "$OUT/$ref/capture.pcap" | cut -d' ' -f1; } | sha256sum | cut -d' ' -f1)
  if [ ! -f "$rb" ] || [ "$(cat "$rb.key" 2>/dev/null)" != "$rkey" ]; then
    echo "== building the baseline with reference traffic $ref" >&2
    "$SW" baseline build --evalset "$EVALSET" --reference "$OUT/$ref/capture.pcap" -o "$rb" "${bargs[@]+"${bargs[@]}"}" >&2 \
      && echo "$rkey" > "$rb.key"
  fi
  echo "$rb"
}

# 4. replay + score
if ! "$SW" replay --help >/dev/null 2>&1; then
  echo "run-bench.sh: this slicewatch has no 'replay' command yet; recordings and baseline are ready in $OUT" >&2
  exit 0
fi
RESULTS=$OUT/bench-results.jsonl
: > "$RESULTS"
failed=0
for s in "${scenarios[@]}"; do
  d=$OUT/$s
  echo "== $s"
  wargs=()
  [ -n "$window" ] && wargs=(--window "$window")
  sb=$(baseline_for "$s")
  [ "$sb" != "$B" ] && echo "  baseline: $sb"
  t0=$(date +%s.%N)
  "$SW" replay "$d/capture.pcap" --baseline "$sb" --format json "${wargs[@]+"${wargs[@]}"}" 2> "$d/replay.stderr" \
    | tee "$d/replay.jsonl" \
    | "$PY" "$HERE/score.py" --scenario-dir "$d" --baseline "$sb" --eval-set "$EVALSET" --results "$RESULTS"
  rc=("${PIPESTATUS[@]}")
  echo "  replay $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s (exit ${rc[0]}), output $d/replay.jsonl"
  if [ "${rc[0]}" -ne 0 ] || [ "${rc[2]}" -ne 0 ]; then
    failed=$((failed + 1))
    echo "  replay or scoring failed; stderr: $(tail -3 "$d/replay.stderr" | tr '\n' ' ')" >&2
  fi
done
echo
"$PY" "$HERE/score.py" --table "$RESULTS"
exit $((failed > 0))
