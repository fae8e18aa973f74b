#!/usr/bin/env bash
# baseline-bench.sh: builds the CLINC150 baseline with each embedder and measures it — slice agreement with
# the dataset's intents and domains (ARI, NMI), novelty AUROC of out-of-scope vs unseen in-scope queries, the
# novel rate on unseen in-scope queries against the calibrated target, build time and embedding throughput.
# Usage: bench/baseline-bench.sh [--no-build] [--embedders "minilm hashed"]
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
embedders="minilm hashed"
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0 ;;
        --embedders) embedders="$2"; shift ;;
        -h|--help) sed -n 2,5p "$0"; exit 0 ;;
        *) echo "baseline-bench: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if [ "$build" = 1 ]; then swift build -c release --product slicewatch >&2; fi
bin=${SLICEWATCH:-.build/release/slicewatch}
evalset=samples/evalset/clinc150-evalset.jsonl
inscope=samples/evalset/clinc150-heldout-inscope.jsonl
oos=samples/evalset/clinc150-heldout-oos.jsonl
out=${BENCH_DIR:-/tmp}
case "$embedders" in *minilm*) [ -f models/all-MiniLM-L6-v2/model.safetensors ] || scripts/fetch-model.sh >&2 ;; esac

echo "CLINC150: $(wc -l < $evalset) eval items (10 per intent, 150 intents, 10 domains); held out: $(wc -l < $inscope) in-scope, $(wc -l < $oos) out-of-scope"
echo "machine: $(nproc) cores, $(uname -m)"
for embedder in $embedders; do
    baseline="$out/slicewatch-bench-baseline-$embedder.json"
    start=$(date +%s.%N)
    "$bin" baseline build --evalset "$evalset" --embedder "$embedder" -o "$baseline" 2> "$out/slicewatch-bench-baseline-$embedder.log"
    end=$(date +%s.%N)
    echo
    echo "== $embedder"
    printf 'build: %.1f s wall\n' "$(echo "$end - $start" | bc)"
    grep -o 'k=[0-9]*: [^;]*' "$out/slicewatch-bench-baseline-$embedder.log" | head -1
    "$bin" baseline evaluate "$baseline" --evalset "$evalset" --inscope "$inscope" --out-of-scope "$oos"
done
echo
echo "targets: novelty AUROC >= 0.90 with the sentence encoder; novel rate on unseen in-scope near the calibrated target"
