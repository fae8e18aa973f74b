#!/usr/bin/env python3
# Provenance: adapted from the team's traffic dev kit (tools/traffic/verify_pcap.py in the shared
# workspace, the team's own code), copied into slicewatch so bench/drift/ regenerates its drift
# scenarios without it. Unchanged apart from this header.
"""Checks a capture against its ground truth with tshark (an independent HTTP dissector).

Owns the pass/fail rule of a run: tshark must see exactly one HTTP request to an API path
per ground-truth line, carrying the same X-Client-Request-Id set (no missing, extra or
duplicate ids), and one final response per request with the same status-code histogram.
Prints both counts and writes the result as JSON.

Run: python verify_pcap.py --pcap OUT.pcap --truth ground_truth.jsonl --port 18080 [--json verify.json]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

API_PATHS = ("/v1/chat/completions", "/v1/messages", "/v1/responses")


def tshark_http(pcap: str, port: int) -> list:
    """One row per HTTP message: (tcp.stream, method, uri, response code, request header lines)."""
    cmd = ["tshark", "-r", pcap, "-n", "-d", f"tcp.port=={port},http", "-Y", "http.request || http.response",
           "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=|",
           "-e", "tcp.stream", "-e", "http.request.method", "-e", "http.request.uri",
           "-e", "http.response.code", "-e", "http.request.line"]
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if p.returncode != 0:
        raise RuntimeError(f"tshark failed (rc={p.returncode}): {p.stderr[:500]}")
    rows = []
    for line in p.stdout.splitlines():
        f = line.split("\t")
        f += [""] * (5 - len(f))
        rows.append(f[:5])
    return rows


def verify(pcap: str, truth_path: str, port: int) -> dict:
    t0 = time.time()
    truth = common.read_jsonl(truth_path)
    rows = tshark_http(pcap, port)
    req_ids, n_req, n_other_req = [], 0, 0
    codes = collections.Counter()
    n_interim = 0
    for stream, method, uri, code, lines in rows:
        if method:
            # a message tshark shows as both request and response cannot happen on one frame
            if uri.split("?")[0] in API_PATHS:
                n_req += 1
                rid = None
                for h in lines.split("|"):
                    k, _, v = h.partition(":")
                    if k.strip().lower() == "x-client-request-id":
                        rid = v.strip().replace("\\r\\n", "").strip()
                req_ids.append(rid)
            else:
                n_other_req += 1
        if code:
            for c in code.split("|"):
                if c == "100":
                    n_interim += 1
                else:
                    codes[c] += 1
    gt_ids = [r["request_id"] for r in truth]
    pc = collections.Counter(req_ids)
    gc = collections.Counter(gt_ids)
    missing = sorted(set(gc) - set(pc))
    extra = sorted(i for i in set(pc) - set(gc) if i is not None)
    dups = sorted(i for i, n in pc.items() if n > 1 and i is not None)
    gt_codes = collections.Counter(str(r["status"]) for r in truth if r["status"] is not None)
    ok = (n_req == len(truth) and not missing and not extra and not dups and None not in pc
          and dict(codes) == dict(gt_codes))
    return {
        "ok": ok,
        "ground_truth_requests": len(truth),
        "tshark_api_requests": n_req,
        "tshark_other_requests": n_other_req,
        "tshark_responses": sum(codes.values()),
        "tshark_interim_100_continue": n_interim,
        "tshark_status_codes": dict(sorted(codes.items())),
        "ground_truth_status_codes": dict(sorted(gt_codes.items())),
        "ids_missing_in_pcap": missing[:20], "n_ids_missing": len(missing),
        "ids_extra_in_pcap": extra[:20], "n_ids_extra": len(extra),
        "ids_duplicated_in_pcap": dups[:20], "requests_without_id": pc.get(None, 0),
        "tshark_seconds": round(time.time() - t0, 2),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pcap", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--json", help="write the result here")
    args = ap.parse_args()
    res = verify(args.pcap, args.truth, args.port)
    print(f"tshark HTTP requests to API paths: {res['tshark_api_requests']}  "
          f"ground-truth requests: {res['ground_truth_requests']}  -> {'OK' if res['ok'] else 'MISMATCH'}")
    print(json.dumps(res, indent=1))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
    sys.exit(0 if res["ok"] else 1)


if __name__ == "__main__":
    main()
