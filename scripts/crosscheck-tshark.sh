#!/usr/bin/env bash
# crosscheck-tshark.sh: compares what slicewatch reads from a capture with what tshark (an
# independent HTTP dissector) reads from the same file.
#
#   scripts/crosscheck-tshark.sh [SLICEWATCH_BINARY] FILE...
#
# SLICEWATCH_BINARY defaults to $SLICEWATCH_BIN or .build/release/slicewatch (built with
# `swift build -c release` when missing). tshark is installed with apt-get when missing.
# For each FILE it runs `slicewatch capture --read FILE` (one JSON line per HTTP exchange on
# stdout) and tshark, and compares:
#   (a) the number of HTTP requests,
#   (b) the multiset of non-empty request bodies (tshark decodes chunked and gzip bodies too),
#   (c) the multiset of final response status codes (1xx interim responses such as
#       "100 Continue" are left out on both sides: tshark lists them as responses of their own).
# Only requests / responses that slicewatch marks complete are compared, because tshark drops
# a message it cannot finish reassembling (e.g. at the cut of a truncated file); the others
# are counted in the report line.
# Prints one line per file: "OK file: ..." or "MISMATCH file: ..." (with details); exits 1 on
# any mismatch, 2 on a usage or tool error.
#
# Test hooks (no slicewatch binary needed): CROSSCHECK_JSONL=path.jsonl uses that file as
# slicewatch's output for every FILE instead of running the binary.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
case "$1" in -h|--help) usage ;; esac

is_capture() {  # pcap (either byte order, µs or ns) or pcapng magic
  local magic
  magic=$(head -c 4 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')
  case "$magic" in a1b2c3d4|d4c3b2a1|a1b23c4d|4d3cb2a1|0a0d0d0a) return 0 ;; esac
  return 1
}

BIN=""
if [ -f "$1" ] && [ -x "$1" ] && ! is_capture "$1"; then
  BIN=$1
  shift
fi
[ $# -ge 1 ] || usage

if [ -z "${CROSSCHECK_JSONL:-}" ]; then
  if [ -z "$BIN" ]; then
    BIN=${SLICEWATCH_BIN:-}
    if [ -z "$BIN" ]; then
      if [ -x .build/release/slicewatch ]; then
        BIN=.build/release/slicewatch
      else
        BIN="$ROOT/.build/release/slicewatch"
        if [ ! -x "$BIN" ]; then
          echo "crosscheck: building slicewatch (swift build -c release)" >&2
          (cd "$ROOT" && swift build -c release >&2) || { echo "crosscheck: build failed" >&2; exit 2; }
        fi
      fi
    fi
  fi
  [ -x "$BIN" ] || { echo "crosscheck: no slicewatch binary at $BIN" >&2; exit 2; }
fi

if ! command -v tshark >/dev/null 2>&1; then
  echo "crosscheck: installing tshark" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq tshark >/dev/null \
    || { echo "crosscheck: could not install tshark" >&2; exit 2; }
fi
command -v python3 >/dev/null || { echo "crosscheck: python3 is needed" >&2; exit 2; }

# tshark < 4.2 types http.file_data as FT_STRING (printed as text), newer ones as FT_BYTES (hex).
FILE_DATA_TYPE=$(tshark -G fields 2>/dev/null | awk -F'\t' '$3 == "http.file_data" { print $4; exit }')
TSHARK_VERSION=$(tshark --version 2>/dev/null | head -1)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

PREFS=(-o tcp.desegment_tcp_streams:TRUE -o http.desegment_headers:TRUE -o http.desegment_body:TRUE
       -o http.dechunk_body:TRUE -o http.decompress_body:TRUE)

failed=0
n=0
for FILE in "$@"; do
  n=$((n + 1))
  if [ ! -r "$FILE" ]; then
    echo "MISMATCH $FILE: cannot read the file"
    failed=1
    continue
  fi
  SW_OUT="$TMP/$n.slicewatch.jsonl" SW_ERR="$TMP/$n.slicewatch.stderr"
  if [ -n "${CROSSCHECK_JSONL:-}" ]; then
    cp "$CROSSCHECK_JSONL" "$SW_OUT"
    : >"$SW_ERR"
    sw_rc=0
  else
    "$BIN" capture --read "$FILE" >"$SW_OUT" 2>"$SW_ERR"
    sw_rc=$?
  fi

  # Server ports: destinations of bare SYNs, plus the servers slicewatch names (for captures
  # that start mid-connection). tshark only dissects HTTP on its well-known ports without -d.
  ports=$( {
    tshark -r "$FILE" -n -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' -T fields -e tcp.dstport 2>/dev/null
    python3 - "$SW_OUT" <<'EOF'
import json, sys
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        s = json.loads(line).get("connection", {}).get("server", "")
    except (ValueError, AttributeError):
        continue
    port = str(s).rsplit(":", 1)[-1]
    if port.isdigit():
        print(port)
EOF
  } | sort -un | head -50)
  decode=()
  for p in $ports; do decode+=(-d "tcp.port==$p,http"); done

  TS_OUT="$TMP/$n.tshark.json" TS_ERR="$TMP/$n.tshark.stderr"
  tshark -r "$FILE" -n "${PREFS[@]}" "${decode[@]}" -Y 'http.request || http.response' -T json \
    -e frame.number -e tcp.stream -e http.request -e http.response -e http.request.method \
    -e http.response.code -e http.file_data >"$TS_OUT" 2>"$TS_ERR"
  ts_rc=$?

  python3 - "$FILE" "$SW_OUT" "$SW_ERR" "$sw_rc" "$TS_OUT" "$TS_ERR" "$ts_rc" "$FILE_DATA_TYPE" <<'EOF'
import base64, binascii, collections, json, sys

file, sw_out, sw_err, sw_rc, ts_out, ts_err, ts_rc, fd_type = sys.argv[1:9]
sw_rc, ts_rc = int(sw_rc), int(ts_rc)
problems, notes = [], []


def short(b, n=100):
    s = b.decode("utf-8", "replace") if isinstance(b, bytes) else str(b)
    s = s.replace("\n", "\\n").replace("\r", "\\r")
    return (s[:n] + "...") if len(s) > n else s


# ---- slicewatch
sw_requests, sw_bodies, sw_status = 0, collections.Counter(), collections.Counter()
sw_incomplete_req = sw_incomplete_resp = sw_interim = bad_lines = 0
n_lines = 0
with open(sw_out, "rb") as f:
    for raw in f:
        if not raw.strip():
            continue
        n_lines += 1
        try:
            ex = json.loads(raw)
        except ValueError:
            bad_lines += 1
            continue
        req, resp = ex.get("request"), ex.get("response")
        if isinstance(req, dict):
            if req.get("complete") is False:
                sw_incomplete_req += 1
            else:
                sw_requests += 1
                if "body_base64" in req:
                    body = base64.b64decode(req["body_base64"])
                else:
                    body = (req.get("body") or "").encode("utf-8", "surrogatepass")
                if body:
                    sw_bodies[body] += 1
        if isinstance(resp, dict):
            sw_interim += len(resp.get("interim") or [])  # 1xx statuses seen before the final response
            st = resp.get("status")
            if resp.get("complete") is False:
                sw_incomplete_resp += 1
            elif isinstance(st, int) and 100 <= st < 200:
                sw_interim += 1
            else:
                sw_status[st] += 1
if bad_lines:
    problems.append(f"slicewatch printed {bad_lines} line(s) that are not JSON")
if sw_rc != 0:
    err = open(sw_err, encoding="utf-8", errors="replace").read().strip().splitlines()
    (notes if n_lines else problems).append(
        f"slicewatch exit {sw_rc}" + (f" ({short(err[-1], 160)})" if err else ""))

# ---- tshark
def field_list(layers, name):
    v = layers.get(name)
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def ts_body(v):
    if fd_type == "FT_BYTES":
        h = v.replace(":", "").strip()
        try:
            return binascii.unhexlify(h)
        except (binascii.Error, ValueError):
            return v.encode("utf-8", "surrogatepass")
    return v.encode("utf-8", "surrogatepass")


ts_requests, ts_bodies, ts_status, ts_interim = 0, collections.Counter(), collections.Counter(), 0
try:
    txt = open(ts_out, encoding="utf-8", errors="surrogateescape").read()
    packets = json.loads(txt) if txt.strip() else []
except ValueError as e:
    packets = []
    problems.append(f"tshark JSON unreadable ({e})")
for pkt in packets:
    layers = pkt.get("_source", {}).get("layers", {})
    methods = field_list(layers, "http.request.method")
    codes = field_list(layers, "http.response.code")
    n_req = len(methods) or len(field_list(layers, "http.request"))
    ts_requests += n_req
    if n_req:  # with -Y on client frames, every file_data of the frame belongs to a request
        for v in field_list(layers, "http.file_data"):
            b = ts_body(v)
            if b:
                ts_bodies[b] += 1
    for c in codes:
        c = int(c)
        if 100 <= c < 200:
            ts_interim += 1
        else:
            ts_status[c] += 1
if ts_rc != 0:
    err = open(ts_err, encoding="utf-8", errors="replace").read().strip().splitlines()
    tail = [l for l in err if "Running as user" not in l]
    notes.append(f"tshark exit {ts_rc}" + (f" ({short(tail[-1], 160)})" if tail else ""))

# ---- compare
if sw_requests != ts_requests:
    problems.append(f"requests: slicewatch {sw_requests}, tshark {ts_requests}")
only_sw, only_ts = sw_bodies - ts_bodies, ts_bodies - sw_bodies
if only_sw or only_ts:
    def canon(b):
        try:
            return json.dumps(json.loads(b), sort_keys=True, separators=(",", ":"))
        except ValueError:
            return None
    same_json = (collections.Counter(canon(b) for b in only_sw.elements())
                 == collections.Counter(canon(b) for b in only_ts.elements())
                 and None not in [canon(b) for b in only_sw.elements()])
    msg = (f"bodies: {sum(only_sw.values())} only in slicewatch, {sum(only_ts.values())} only in tshark"
           + (" (equal after JSON normalisation)" if same_json else ""))
    for label, c in (("slicewatch", only_sw), ("tshark", only_ts)):
        for b in list(c)[:2]:
            msg += f"; {label} has [{len(b)} B] {short(b)}"
    problems.append(msg)
if sw_status != ts_status:
    def fmt(c):
        return "{" + ", ".join(f"{k}: {v}" for k, v in sorted(c.items(), key=lambda kv: str(kv[0]))) + "}"
    problems.append(f"statuses: slicewatch {fmt(sw_status)}, tshark {fmt(ts_status)}")

extra = []
if sw_incomplete_req or sw_incomplete_resp:
    extra.append(f"{sw_incomplete_req} incomplete request(s) and {sw_incomplete_resp} incomplete response(s) not compared")
if ts_interim or sw_interim:
    extra.append(f"1xx interim: tshark {ts_interim}, slicewatch {sw_interim}")
extra += notes
tail = (" (" + "; ".join(extra) + ")") if extra else ""
if problems:
    print(f"MISMATCH {file}: " + "; ".join(problems) + tail)
    sys.exit(1)
n_bodies = sum(sw_bodies.values())
print(f"OK {file}: {sw_requests} requests, {n_bodies} bodies match, statuses match{tail}")
EOF
  [ $? -eq 0 ] || failed=1
done
exit $failed
