#!/usr/bin/env bash
# replay-bench.sh: what a replay costs per interaction, stage by stage, on one capture of real SDK traffic,
# with tshark on the same file as the peer. The throughput target of the drift replay is 20,000
# interactions/s per core for everything but the sentence encoder, so the figure that matters is CPU
# seconds (user + system, all threads) per interaction, not wall time.
#
# Runs each command R times on the warm file (median CPU, median wall, largest peak RSS):
#   capture       slicewatch capture --read F > /dev/null             packets -> HTTP exchanges
#   interactions  slicewatch interactions --read F > /dev/null        ... -> interactions (adapters, JSON out)
#   replay        slicewatch replay F --baseline HASHED --embed-rate 1   everything, the encoder on ~1 input/s
#                 (its embedding_seconds, from the JSON summary, is taken out for the per-core figure)
#   replay-1core  the same under `taskset -c 0`: all threads on one core, no cross-core hand-offs
#   replay-head   the same replay of the capture's first 2,000 packets: the fixed cost of a run (start-up,
#                 baseline load, threads, summary), taken out for the steady-state figure the target is about
#                 ("sustains"): (interactions - head interactions) / (replay - replay-head - encoder) CPU
#   drift         slicewatch replay --from-jsonl I --baseline HASHED --embed-rate 1   the drift stages alone
#   tshark        tshark -r F -Y http.request -T fields -e http.file_data > /dev/null   (the peer; --tshark-runs)
# HASHED is a hashed n-gram baseline built from the eval set (built once, cached next to the capture).
# With --minilm, also the replay against a MiniLM baseline (peak RSS with the model loaded; needs
# scripts/fetch-model.sh). Always exits 0 once it has measured; the target is reported, not enforced.
#
# Usage: bench/replay-bench.sh [--capture F] [--evalset E] [--runs R] [--tshark-runs T] [--no-tshark]
#                              [--minilm] [--no-build]
#   --capture F   default /tmp/slicewatch-drift/control/capture.pcap: the 20,000-interaction control
#                 recording that bench/drift/run-bench.sh makes (root; official SDKs on loopback)
#   --evalset E   default: the eval set next to it (../eval_set.jsonl), as run-bench.sh writes it
#   --runs R      repetitions per command (default 5); --tshark-runs T for tshark (default 1, ~16 s a run)
# Environment: SLICEWATCH=path to the binary (skips the build).
set -uo pipefail

CAPTURE=/tmp/slicewatch-drift/control/capture.pcap EVALSET= RUNS=5 TSHARK_RUNS=1 TSHARK=1 MINILM=0 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --capture) CAPTURE=$2; shift 2 ;;
    --evalset) EVALSET=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --tshark-runs) TSHARK_RUNS=$2; shift 2 ;;
    --no-tshark) TSHARK=0; shift ;;
    --minilm) MINILM=1; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "replay-bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
[ -n "$EVALSET" ] || EVALSET="$(dirname "$(dirname "$CAPTURE")")/eval_set.jsonl"
if [ ! -f "$CAPTURE" ] || [ ! -f "$EVALSET" ]; then
  echo "replay-bench: need the capture ($CAPTURE) and its eval set ($EVALSET)." >&2
  echo "  Record them with: sudo bench/drift/run-bench.sh control   (or pass --capture and --evalset)" >&2
  exit 2
fi
if [ -z "${SLICEWATCH:-}" ]; then
  if [ "$BUILD" = 1 ]; then swift build -c release --product slicewatch >/dev/null || exit 1; fi
  SLICEWATCH=.build/release/slicewatch
fi
[ -x /usr/bin/time ] || { echo "replay-bench: needs GNU time (apt-get install time)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DIR=$(dirname "$CAPTURE")
HASHED="$DIR/replay-bench-hashed-baseline.json"
if [ ! -f "$HASHED" ] || [ "$EVALSET" -nt "$HASHED" ]; then
  echo "building the hashed baseline from $EVALSET ..." >&2
  "$SLICEWATCH" baseline build --evalset "$EVALSET" --embedder hashed -o "$HASHED" >/dev/null || exit 1
fi
cat "$CAPTURE" > /dev/null  # warm the page cache
"$SLICEWATCH" interactions --read "$CAPTURE" > "$WORK/interactions.jsonl" 2>/dev/null
N=$(wc -l < "$WORK/interactions.jsonl")
# The first 2,000 packets of the capture (classic pcap: 24-byte file header, 16-byte record headers).
python3 - "$CAPTURE" "$WORK/head.pcap" <<'PY'
import struct, sys
src, dst = open(sys.argv[1], "rb"), open(sys.argv[2], "wb")
header = src.read(24)
order = "<" if header[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
dst.write(header)
for _ in range(2000):
    record = src.read(16)
    if len(record) < 16: break
    dst.write(record + src.read(struct.unpack(order + "IIII", record)[2]))
PY
HEAD_N=$("$SLICEWATCH" interactions --read "$WORK/head.pcap" 2>/dev/null | wc -l)
echo "capture: $CAPTURE ($(du -m "$CAPTURE" | cut -f1) MB, $N interactions), $(nproc) cores, runs: $RUNS"

# measure NAME RUNS COMMAND...: prints "NAME cpu wall rss" (medians; rss the largest).
measure() {
  local name=$1 runs=$2; shift 2
  local log="$WORK/$name.times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S %e %M" -o "$log.one" "$@" > /dev/null 2>&1
    tail -1 "$log.one" >> "$log"
  done
  local cpu wall rss
  cpu=$(awk '{ print $1 + $2 }' "$log" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  wall=$(awk '{ print $3 }' "$log" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  rss=$(awk '$4 > m { m = $4 } END { printf "%.1f", m / 1024 }' "$log")
  echo "$name $cpu $wall $rss"
}

{
  measure capture "$RUNS" "$SLICEWATCH" capture --read "$CAPTURE"
  measure interactions "$RUNS" "$SLICEWATCH" interactions --read "$CAPTURE"
  measure replay "$RUNS" "$SLICEWATCH" replay "$CAPTURE" --baseline "$HASHED" --embed-rate 1
  # The encoder's own time in that replay (the hashed embedder, on the sampled interactions), from the summary.
  echo "encoder $("$SLICEWATCH" replay "$CAPTURE" --baseline "$HASHED" --embed-rate 1 --format json 2>/dev/null \
    | tail -1 | sed -n 's/.*"embedding_seconds":\([0-9.e-]*\).*/\1/p') 0 0"
  # The same replay with all its threads on one core: the target's "one core", without cross-core hand-offs.
  if command -v taskset > /dev/null; then
    measure replay-1core "$RUNS" taskset -c 0 "$SLICEWATCH" replay "$CAPTURE" --baseline "$HASHED" --embed-rate 1
  fi
  measure replay-head "$RUNS" "$SLICEWATCH" replay "$WORK/head.pcap" --baseline "$HASHED" --embed-rate 1
  measure drift "$RUNS" "$SLICEWATCH" replay --from-jsonl "$WORK/interactions.jsonl" --baseline "$HASHED" --embed-rate 1
  if [ "$MINILM" = 1 ]; then
    MINI="$DIR/replay-bench-minilm-baseline.json"
    if [ ! -f "$MINI" ] || [ "$EVALSET" -nt "$MINI" ]; then
      "$SLICEWATCH" baseline build --evalset "$EVALSET" -o "$MINI" >/dev/null 2>&1 || echo "replay-bench: MiniLM baseline failed (scripts/fetch-model.sh?)" >&2
    fi
    [ -f "$MINI" ] && measure replay-minilm "$RUNS" "$SLICEWATCH" replay "$CAPTURE" --baseline "$MINI" --embed-rate 1
  fi
  if [ "$TSHARK" = 1 ] && command -v tshark > /dev/null; then
    measure tshark "$TSHARK_RUNS" tshark -r "$CAPTURE" -Y http.request -T fields -e http.file_data
  fi
} > "$WORK/results"

printf "\n| command | CPU s | wall s | peak RSS MB | interactions/s per core |\n|---|---:|---:|---:|---:|\n"
while read -r name cpu wall rss; do
  [ "$name" = encoder ] && continue
  count=$N
  [ "$name" = replay-head ] && count=$HEAD_N
  printf "| %s | %s | %s | %s | %s |\n" "$name" "$cpu" "$wall" "$rss" "$(awk -v n="$count" -v c="$cpu" 'BEGIN { printf "%d", n / c }')"
done < "$WORK/results"
echo
awk -v n="$N" -v h="$HEAD_N" '
  { cpu[$1] = $2 }
  END {
    r = n / (cpu["replay"] - cpu["encoder"])
    printf "replay, everything but the encoder (%.3f s of embedding taken out): %d interactions/s per core\n", cpu["encoder"], r
    s = (n - h) / (cpu["replay"] - cpu["replay-head"] - cpu["encoder"])
    printf "steady state, the fixed %.3f s of a run (replay-head, %d interactions) also out: %d interactions/s per core (target 20,000: %s)\n", cpu["replay-head"], h, s, (s >= 20000 ? "PASS" : "MISS")
    if ("replay-1core" in cpu) printf "the same, all threads pinned to one core: %d interactions/s\n", n / (cpu["replay-1core"] - cpu["encoder"])
    if ("tshark" in cpu) printf "tshark takes %.1fx the CPU of slicewatch capture and %.1fx that of the whole replay\n", cpu["tshark"] / cpu["capture"], cpu["tshark"] / cpu["replay"]
  }' "$WORK/results"
