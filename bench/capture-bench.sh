#!/usr/bin/env bash
# capture-bench.sh: times `slicewatch capture --read` on a synthetic LLM-API pcap against its peers.
#
# Builds slicewatch (swift build -c release) unless SLICEWATCH=path is given, generates the capture with
# bench/gen_capture.py into /tmp (cached by exchange count, seed and generator checksum), then runs each tool
# R times on the warm file and reports the median wall time and the peak RSS (GNU /usr/bin/time %M):
#   slicewatch  slicewatch capture --read FILE > /dev/null          (its summary on stderr is kept)
#   interactions slicewatch interactions --read FILE > /dev/null    (adapters: model calls as interactions)
#   tshark      tshark -r FILE -Y http.request -T fields -e http.file_data > /dev/null
#   tcpflow     tcpflow -r FILE -o DIR                            (raw TCP reassembly to files, DIR on tmpfs)
#   tcpdump     tcpdump -r FILE -w /dev/null                      (the bare read floor)
# Then a table (seconds, exchanges/s, MB/s, peak RSS MB), the target ratios with PASS/MISS, and a second run
# of slicewatch alone on a file --scale times larger, to show its memory does not grow with the file.
# Always exits 0 once it has measured; the targets are reported, not enforced.
#
# Usage: bench/capture-bench.sh [--exchanges N] [--runs R] [--scale K] [--seed S] [--no-build]
#                           [--tshark-runs T] [--no-tshark]
#   --exchanges N  exchanges in the capture (default 20000)
#   --runs R       repetitions per tool; the median is reported (default 5)
#   --scale K      the memory check uses N*K exchanges; 0 skips it (default 5)
#   --seed S       generator seed (default 1)
#   --no-build     do not run swift build (use SLICEWATCH or an existing release build)
#   --tshark-runs T  repetitions for tshark alone (default R; tshark is the slowest: ~80 s a run at 20000)
#   --no-tshark    skip tshark
# Environment: SLICEWATCH=path to the binary (skips the build), BENCH_DIR=where captures go (default /tmp).
set -uo pipefail

EXCHANGES=20000 RUNS=5 SCALE=5 SEED=1 BUILD=1 TSHARK=1 TSHARK_RUNS=
while [ $# -gt 0 ]; do
  case "$1" in
    --exchanges) EXCHANGES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --scale) SCALE=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --tshark-runs) TSHARK_RUNS=$2; shift 2 ;;
    --no-tshark) TSHARK=0; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "capture-bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BENCH_DIR=${BENCH_DIR:-/tmp}
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/capture-bench.XXXXXX")
if [ -d /dev/shm ] && [ -w /dev/shm ]; then FLOWDIR=/dev/shm/capture-bench-tcpflow.$$; else FLOWDIR=$SCRATCH/tcpflow; fi
trap 'rm -rf "$SCRATCH" "$FLOWDIR"' EXIT

# ---- tools -------------------------------------------------------------------------------------------------
need_pkgs=()
for pair in tshark:tshark tcpflow:tcpflow tcpdump:tcpdump /usr/bin/time:time python3:python3; do
  cmd=${pair%%:*} pkg=${pair##*:}
  command -v "$cmd" >/dev/null 2>&1 || need_pkgs+=("$pkg")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "capture-bench: installing ${need_pkgs[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  else
    echo "capture-bench: missing ${need_pkgs[*]} (install them, or run as root to have them installed)" >&2
  fi
fi
[ -x /usr/bin/time ] || { echo "capture-bench: GNU time (/usr/bin/time) is required" >&2; exit 1; }
command -v python3 >/dev/null || { echo "capture-bench: python3 is required" >&2; exit 1; }

SKIP_WHY=""
if [ -z "${SLICEWATCH:-}" ]; then
  if [ "$BUILD" = 1 ] && command -v swift >/dev/null 2>&1; then
    echo "building slicewatch (swift build -c release --product slicewatch) ..."
    if (cd "$ROOT" && swift build -c release --product slicewatch) >"$SCRATCH/build.log" 2>&1; then
      SLICEWATCH="$(cd "$ROOT" && swift build -c release --show-bin-path)/slicewatch"
    else
      tail -n 20 "$SCRATCH/build.log" | sed 's/^/  build: /'
      SKIP_WHY="swift build -c release failed (last lines above)"
    fi
  elif [ "$BUILD" = 1 ]; then
    SKIP_WHY="swift is not on PATH and SLICEWATCH is not set"
  else
    SLICEWATCH="$ROOT/.build/release/slicewatch"
  fi
fi
if [ -z "$SKIP_WHY" ] && [ ! -x "${SLICEWATCH:-}" ]; then
  SKIP_WHY="SLICEWATCH=${SLICEWATCH:-} is not an executable file"
fi
HAVE_SW=1; [ -n "$SKIP_WHY" ] && HAVE_SW=0

# ---- capture files -----------------------------------------------------------------------------------------
GEN_SUM=$(sha1sum "$HERE/gen_capture.py" | cut -c1-8)
# capture_file N: prints the path of a cached capture of N exchanges, generating it first if needed.
capture_file() {
  local n=$1 f="$BENCH_DIR/slicewatch-bench-$1-s$SEED-$GEN_SUM.pcap"
  if [ ! -s "$f" ]; then
    echo "generating $f ..." >&2
    local t0=$(date +%s%N)
    python3 "$HERE/gen_capture.py" --exchanges "$n" --seed "$SEED" -o "$f.part" >&2 || { rm -f "$f.part"; return 1; }
    mv "$f.part" "$f"
    echo "  generated in $(( ($(date +%s%N) - t0) / 1000000 )) ms" >&2
  else
    echo "using cached $f" >&2
  fi
  cat "$f" >/dev/null  # warm the page cache so every tool starts alike
  echo "$f"
}

FILE=$(capture_file "$EXCHANGES") || { echo "capture-bench: generation failed" >&2; exit 1; }
SIZE=$(stat -c %s "$FILE")

# ---- measuring ---------------------------------------------------------------------------------------------
declare -A MED RSS ERR
# measure NAME CMD...: runs CMD $RUNS times (stdout to /dev/null, stderr kept in $SCRATCH/NAME.err);
# sets MED[NAME] (median wall seconds) and RSS[NAME] (largest peak RSS in KB over the runs).
measure() {
  local name=$1; shift
  local times=() rss=0 i t0 t1 r
  for ((i = 1; i <= RUNS; i++)); do
    [ "$name" = tcpflow ] && { rm -rf "$FLOWDIR"; mkdir -p "$FLOWDIR"; }
    t0=$(date +%s%N)
    /usr/bin/time -f '%e %M' -o "$SCRATCH/time" "$@" >/dev/null 2>"$SCRATCH/$name.err"
    local rc=$?
    t1=$(date +%s%N)
    [ $rc -ne 0 ] && ERR[$name]="exit status $rc"
    r=$(tail -n 1 "$SCRATCH/time" | awk '{print $2}')
    [ "${r:-0}" -gt "$rss" ] && rss=$r
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
    printf '  %-10s run %d/%d: %s s, %s MB\n' "$name" "$i" "$RUNS" "${times[-1]}" "$(( r / 1024 ))"
  done
  MED[$name]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  RSS[$name]=$rss
  [ "$name" = tcpflow ] && rm -rf "$FLOWDIR"
}

# slicewatch_count FILE: the exchange count in slicewatch's stderr summary (empty when none is found).
slicewatch_count() {
  grep -oiE '[0-9][0-9,_]*[[:space:]]+(http[[:space:]]+)?exchanges|exchanges[^0-9\n]{0,20}[0-9][0-9,_]*' "$1" \
    | head -n 1 | tr -dc '0-9'
}

# ---- header ------------------------------------------------------------------------------------------------
echo
echo "== capture benchmark =="
echo "machine:   $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r)"
echo "capture:   $FILE"
echo "           $EXCHANGES exchanges, $SIZE bytes ($(awk -v s="$SIZE" 'BEGIN { printf "%.1f MB", s / 1e6 }')), $RUNS runs per tool${TSHARK_RUNS:+ ($TSHARK_RUNS for tshark)}, median reported"
echo "versions:"
if [ "$HAVE_SW" = 1 ]; then
  echo "  slicewatch $SLICEWATCH ($("$SLICEWATCH" --version 2>/dev/null | head -n 1 || true))"
  command -v swift >/dev/null && echo "  $(swift --version 2>&1 | grep -m1 -i 'swift version')"
else
  echo "  slicewatch: skipped: $SKIP_WHY"
fi
command -v tshark >/dev/null && echo "  $(tshark --version 2>/dev/null | head -n 1)"
command -v tcpflow >/dev/null && echo "  $(tcpflow -V 2>&1 | head -n 1)"
command -v tcpdump >/dev/null && echo "  $(tcpdump --version 2>&1 | head -n 2 | paste -sd ',' | sed 's/,/, /')"
echo "  $(python3 --version)"
echo

# ---- runs --------------------------------------------------------------------------------------------------
TOOLS=()
SW_COUNT=""
if [ "$HAVE_SW" = 1 ]; then
  measure slicewatch "$SLICEWATCH" capture --read "$FILE"; TOOLS+=(slicewatch)
  echo "  slicewatch summary (stderr of the last run):"
  sed 's/^/    /' "$SCRATCH/slicewatch.err" | tail -n 20
  SW_COUNT=$(slicewatch_count "$SCRATCH/slicewatch.err")
  echo "  slicewatch reported exchanges: ${SW_COUNT:-none found in its summary}"
  # The interactions command: the same capture read as OpenAI/Anthropic model calls (adapters, SSE assembly).
  measure interactions "$SLICEWATCH" interactions --read "$FILE"; TOOLS+=(interactions)
  IN_COUNT=$(grep -oE '^  interactions [0-9]+' "$SCRATCH/interactions.err" | grep -oE '[0-9]+' | tail -n 1 || true)
  echo "  slicewatch interactions reported: ${IN_COUNT:-none found in its summary}"
fi
if [ "$TSHARK" = 1 ] && command -v tshark >/dev/null; then
  RUNS_SAVED=$RUNS; RUNS=${TSHARK_RUNS:-$RUNS}
  measure tshark tshark -r "$FILE" -Y http.request -T fields -e http.file_data; TOOLS+=(tshark)
  RUNS=$RUNS_SAVED
fi
if command -v tcpflow >/dev/null; then
  measure tcpflow tcpflow -r "$FILE" -o "$FLOWDIR"; TOOLS+=(tcpflow)
fi
if command -v tcpdump >/dev/null; then
  measure tcpdump tcpdump -r "$FILE" -w /dev/null; TOOLS+=(tcpdump)
fi

# ---- table -------------------------------------------------------------------------------------------------
echo
printf '%-11s %10s %14s %10s %14s\n' tool "median s" "exchanges/s" "MB/s" "peak RSS MB"
for t in "${TOOLS[@]}"; do
  awk -v t="$t" -v s="${MED[$t]}" -v n="$EXCHANGES" -v b="$SIZE" -v r="${RSS[$t]}" -v e="${ERR[$t]:-}" 'BEGIN {
    printf "%-11s %10.3f %14.0f %10.1f %14.1f%s\n", t, s, (s > 0 ? n / s : 0), (s > 0 ? b / 1e6 / s : 0), r / 1024,
      (e != "" ? "   (" e ")" : "") }'
done

# ---- targets -----------------------------------------------------------------------------------------------
echo
echo "targets:"
# verdict LABEL VALUE OP LIMIT: prints the comparison and PASS or MISS (OP is >=, <= or <).
verdict() {
  awk -v l="$1" -v v="$2" -v op="$3" -v lim="$4" 'BEGIN {
    ok = (op == ">=") ? (v >= lim) : (op == "<=") ? (v <= lim) : (v < lim)
    printf "  %-42s %8.2f   target %-2s %-4s  %s\n", l, v, op, lim, ok ? "PASS" : "MISS" }'
}
if [ "$HAVE_SW" = 1 ]; then
  SW=${MED[slicewatch]}
  if [ -n "${MED[tshark]:-}" ]; then
    verdict "tshark time / slicewatch time" "$(awk -v a="${MED[tshark]}" -v b="$SW" 'BEGIN { print (b > 0 ? a / b : 0) }')" ">=" 10
    verdict "tshark time / interactions time" "$(awk -v a="${MED[tshark]}" -v b="${MED[interactions]}" 'BEGIN { print (b > 0 ? a / b : 0) }')" ">=" 10
  else
    echo "  tshark time / slicewatch time: not measured (tshark skipped)"
  fi
  if [ -n "${MED[tcpflow]:-}" ]; then
    verdict "slicewatch time / tcpflow time" "$(awk -v a="$SW" -v b="${MED[tcpflow]}" 'BEGIN { print (b > 0 ? a / b : 0) }')" "<=" 2
  else
    echo "  slicewatch time / tcpflow time: not measured (tcpflow missing)"
  fi
  verdict "slicewatch peak RSS MB" "$(awk -v r="${RSS[slicewatch]}" 'BEGIN { print r / 1024 }')" "<" 64
  if [ "${SW_COUNT:-}" = "$EXCHANGES" ]; then
    printf '  %-42s %8s   target =  %-4s  PASS\n' "slicewatch exchanges reported" "$SW_COUNT" "$EXCHANGES"
  else
    printf '  %-42s %8s   target =  %-4s  MISS (timings suspect)\n' "slicewatch exchanges reported" "${SW_COUNT:-none}" "$EXCHANGES"
  fi
else
  echo "  all skipped: slicewatch was not run ($SKIP_WHY)"
fi

# ---- memory with a larger file -----------------------------------------------------------------------------
if [ "$SCALE" -gt 0 ] 2>/dev/null && [ "$HAVE_SW" = 1 ]; then
  BIG_N=$(( EXCHANGES * SCALE ))
  echo
  echo "== memory check: $BIG_N exchanges (--scale $SCALE) =="
  BIG=$(capture_file "$BIG_N") || { echo "capture-bench: generation failed" >&2; exit 0; }
  BIG_SIZE=$(stat -c %s "$BIG")
  SMALL_RSS=${RSS[slicewatch]}
  RUNS_SAVED=$RUNS; RUNS=$(( RUNS < 3 ? RUNS : 3 ))
  measure slicewatch "$SLICEWATCH" capture --read "$BIG"
  RUNS=$RUNS_SAVED
  BIG_COUNT=$(slicewatch_count "$SCRATCH/slicewatch.err")
  awk -v n="$BIG_N" -v b="$BIG_SIZE" -v s="${MED[slicewatch]}" -v r="${RSS[slicewatch]}" -v r0="$SMALL_RSS" -v c="${BIG_COUNT:-none}" 'BEGIN {
    printf "  file %.1f MB, median %.3f s (%.0f exchanges/s), reported exchanges %s\n", b / 1e6, s, (s > 0 ? n / s : 0), c
    printf "  slicewatch peak RSS %.1f MB at %dx the file (%.1f MB at 1x, growth x%.2f)\n", r / 1024, '"$SCALE"', r0 / 1024, (r0 > 0 ? r / r0 : 0) }'
  verdict "slicewatch peak RSS MB at --scale $SCALE" "$(awk -v r="${RSS[slicewatch]}" 'BEGIN { print r / 1024 }')" "<" 64
elif [ "$SCALE" -gt 0 ] 2>/dev/null; then
  echo
  echo "memory check skipped: slicewatch was not run ($SKIP_WHY)"
fi
exit 0
