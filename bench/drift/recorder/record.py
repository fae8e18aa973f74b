#!/usr/bin/env python3
# Provenance: adapted from the team's traffic dev kit (tools/traffic/run_scenario.py, capture.sh and
# report.py in the shared workspace, the team's own code), copied into slicewatch so bench/drift/
# records its drift scenarios without it. Changes: several scenarios per call, outputs reused when
# nothing that shapes them changed (fingerprint), one shared eval set, a result table, and export
# of the small fixtures into samples/.
"""Records slicewatch's drift scenarios: real SDK traffic on loopback, captured with tcpdump.

For each scenario (bench/drift/scenarios/NAME.json, or bench/drift/fixtures/NAME.json):
  eval set -> fake model server (free port) -> tcpdump -i lo --immediate-mode -> SDK driver ->
  pcap stops growing -> stop tcpdump (drop counters) -> stop server -> tshark verification -> summary.
Outputs under OUT_ROOT/NAME/ (OUT_ROOT/fixtures/NAME/ for fixtures):
  capture.pcap        every exchange with the fake server ('tcp port PORT' on lo)
  ground_truth.jsonl  one line per HTTP request (label, domain, phase, API, client, stream, user text, status...)
  phases.json         phase timing (client clock), planned/sent counts, mixtures and transforms
  summary.json        counts per phase/label/domain/api/client/status, sizes, times, the scenario's
                      `expect` block, drift_start_index, verification, fingerprint
  eval_set.jsonl      the graded eval set (identical for every scenario; also OUT_ROOT/eval_set.jsonl)
  server_log.jsonl, verify.json, faults.json, fingerprint.json
An existing output is reused when its fingerprint (scenario file, eval-set spec, data, recorder code,
scale) is unchanged and its verification passed; --force records again.

Run (as root, from the venv record.sh makes):  python record.py all | NAME... | fixtures [--out-root DIR]
"""
from __future__ import annotations

import argparse
import collections
import glob
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DRIFT = os.path.dirname(HERE)  # bench/drift
REPO = os.path.dirname(os.path.dirname(DRIFT))
sys.path.insert(0, HERE)
import common  # noqa: E402
import make_baseline  # noqa: E402
import verify_pcap  # noqa: E402

SERVER_FLAGS = {"gzip": "--gzip", "chunked_share": "--chunked-share", "sse_coalesce_share": "--sse-coalesce-share",
                "sse_split_share": "--sse-split-share", "base_latency_ms": "--base-latency-ms",
                "chunk_delay_ms": "--chunk-delay-ms", "tool_call_rate": "--tool-call-rate"}
OUTPUT_FILES = ("eval_set.jsonl", "faults.json", "capture.pcap", "ground_truth.jsonl", "server_log.jsonl",
                "phases.json", "verify.json", "summary.json", "fingerprint.json")
FIXTURE_DIR = os.path.join(REPO, "samples", "captures", "drift")
FIXTURE_EVALSET = os.path.join(REPO, "samples", "evalset", "drift-evalset.jsonl")
# ground-truth fields kept in the committed fixtures (answers and history texts are left out: size)
FIXTURE_TRUTH_FIELDS = ("seq", "request_id", "phase", "phase_index", "label", "domain", "source_split", "api",
                        "client", "path", "stream", "model", "user_text", "transforms", "history_turns", "tools",
                        "status", "finish_reason", "t_send", "t_recv")


class Proc:
    """A child process whose stderr/stdout lines are collected by a reader thread."""

    def __init__(self, cmd, name, echo=False):
        self.name, self.echo = name, echo
        self.lines: list = []
        self.cv = threading.Condition()
        self.p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.t = threading.Thread(target=self._read, daemon=True)
        self.t.start()

    def _read(self):
        for line in self.p.stdout:
            line = line.rstrip("\n")
            with self.cv:
                self.lines.append(line)
                self.cv.notify_all()
            if self.echo:
                print(f"  [{self.name}] {line}", flush=True)
        with self.cv:
            self.cv.notify_all()

    def wait_for(self, pattern, timeout):
        rx = re.compile(pattern)
        deadline = time.time() + timeout
        with self.cv:
            while True:
                for ln in self.lines:
                    m = rx.search(ln)
                    if m:
                        return m
                if self.p.poll() is not None and not self.t.is_alive():
                    raise RuntimeError(f"{self.name} exited (rc={self.p.returncode}): " + " | ".join(self.lines[-8:]))
                left = deadline - time.time()
                if left <= 0:
                    raise TimeoutError(f"{self.name}: no {pattern!r} within {timeout}s: " + " | ".join(self.lines[-8:]))
                self.cv.wait(min(left, 0.2))

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.p.poll() is None:
            self.p.send_signal(sig)
            try:
                self.p.wait(timeout)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        self.t.join(2)
        return self.p.returncode


def wait_until_stable(path, quiet=0.5, limit=5.0):
    """Returns once the file has not grown for `quiet` seconds (at most `limit` seconds)."""
    deadline, last, since = time.time() + limit, -1, time.time()
    while time.time() < deadline:
        size = os.path.getsize(path) if os.path.exists(path) else 0
        if size != last:
            last, since = size, time.time()
        elif time.time() - since >= quiet:
            return
        time.sleep(0.1)


def tcpdump_stats(lines) -> dict:
    out = {}
    for ln in lines:
        m = re.match(r"(\d+) packets? (captured|received by filter|dropped by kernel)", ln.strip())
        if m:
            out["packets_" + m.group(2).replace(" ", "_")] = int(m.group(1))
    return out


def counts(rows, key) -> dict:
    return dict(sorted(collections.Counter(str(key(r)) for r in rows).items(), key=lambda kv: (-kv[1], kv[0])))


def tool_versions(py) -> dict:
    def first_line(cmd):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            return (p.stdout or p.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return None
    sdk = first_line([py, "-c", "import openai, anthropic, httpx, sys; print(f'openai {openai.__version__}, "
                                "anthropic {anthropic.__version__}, httpx {httpx.__version__}, python {sys.version.split()[0]}')"])
    return {"tcpdump": first_line(["tcpdump", "--version"]), "tshark": first_line(["tshark", "--version"]),
            "curl": first_line(["curl", "--version"]), "python_sdks": sdk}


# ----------------------------------------------------------------------------- scenario files, fingerprint

def scenario_path(name: str) -> tuple:
    """NAME -> (path, is_fixture). Accepts a scenario name or a path to a JSON file."""
    if name.endswith(".json") and os.path.exists(name):
        p = os.path.abspath(name)
        return p, os.path.basename(os.path.dirname(p)) == "fixtures"
    for sub, fix in (("scenarios", False), ("fixtures", True)):
        p = os.path.join(DRIFT, sub, name + ".json")
        if os.path.exists(p):
            return p, fix
    known = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(DRIFT, "scenarios", "*.json")))
    known += sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(DRIFT, "fixtures", "*.json")))
    raise SystemExit(f"unknown scenario {name!r}; known: {', '.join(known)}, or 'all', 'fixtures'")


NOT_RECORDED = ("description", "expect")  # scenario keys that do not shape the traffic


def fingerprint(path: str, scn: dict, scale: float) -> dict:
    """Everything that shapes a recording: the scenario file (all but its description and expect
    block, which are refreshed in summary.json on reuse), the eval-set spec, the dataset files and the
    recorder's code. A change to any of them records the scenario again."""
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    shaping = json.dumps({k: v for k, v in raw.items() if k not in NOT_RECORDED}, sort_keys=True)
    h = hashlib.sha256()
    h.update(b"scenario\0" + hashlib.sha256(shaping.encode()).hexdigest().encode() + b"\n")
    parts = {os.path.relpath(path, DRIFT) + " (without description, expect)":
             hashlib.sha256(shaping.encode()).hexdigest()[:16]}
    files = []
    if scn.get("baseline_file"):
        files.append(scn["baseline_file"])
    data = scn["dataset"]["path"]
    files.append(data)
    dom = os.path.join(os.path.dirname(data), "domains.json")
    if os.path.exists(dom):
        files.append(dom)
    files += sorted(glob.glob(os.path.join(HERE, "*.py"))) + [os.path.join(HERE, "requirements.txt")]
    for f in files:
        with open(f, "rb") as fh:
            d = hashlib.sha256(fh.read()).hexdigest()
        rel = os.path.relpath(f, DRIFT)
        parts[rel] = d[:16]
        h.update(rel.encode() + b"\0" + d.encode() + b"\n")
    h.update(f"scale={scale}".encode())
    return {"sha256": h.hexdigest(), "scale": scale, "files": parts}


def reusable(out: str, fp: dict) -> dict | None:
    """The existing summary when the output in `out` was made from the same inputs and verified."""
    try:
        with open(os.path.join(out, "fingerprint.json")) as f:
            old = json.load(f)
        with open(os.path.join(out, "summary.json")) as f:
            summ = json.load(f)
    except (OSError, ValueError):
        return None
    if old.get("sha256") != fp["sha256"]:
        return None
    pcap = os.path.join(out, "capture.pcap")
    if not summ.get("verify", {}).get("ok") or summ.get("tcpdump", {}).get("packets_dropped_by_kernel") != 0:
        return None
    if not os.path.exists(pcap) or os.path.getsize(pcap) != summ.get("pcap_bytes"):
        return None
    for f in ("ground_truth.jsonl", "phases.json", "eval_set.jsonl"):
        if not os.path.exists(os.path.join(out, f)):
            return None
    return summ


def drift_start_index(phase_info: list, expect: dict | None):
    """Requests sent before the drift phase starts (None when the scenario has no drift phase).
    Phases run one after another (the driver waits for every request of a phase before the next),
    so this is also the interaction index at which the drift starts."""
    name = (expect or {}).get("drift_phase")
    if not name:
        return None
    n = 0
    for p in phase_info:
        if p["name"] == name:
            return n
        n += p["sent"]
    raise ValueError(f"expect.drift_phase {name!r} is not a phase ({[p['name'] for p in phase_info]})")


# ----------------------------------------------------------------------------- one run

def summarize(scn, truth, phases, eval_rows, pcap, verify, tcp_stats, server_stats, times) -> dict:
    per_phase = {}
    for ph in phases:
        rows = [r for r in truth if r["phase_index"] == ph["index"]]
        ok = [r for r in rows if r["status"] == 200]
        lat = sorted(r["latency_ms"] for r in rows)
        per_phase[ph["name"]] = {
            "requests": len(rows), "planned": ph["planned"],
            "seconds": round(ph["t_end"] - ph["t_start"], 3),
            "t_start": ph["t_start"], "t_end": ph["t_end"],
            "by_domain": counts(rows, lambda r: r["domain"]),
            "n_labels": len({r["label"] for r in rows}),
            "by_fault": counts(rows, lambda r: r["fault"]),
            "by_status": counts(rows, lambda r: r["status"]),
            "by_transform": counts(rows, lambda r: "+".join(r["transforms"]) or "none"),
            "mean_input_chars": round(sum(len(r["user_text"]) for r in rows) / max(1, len(rows)), 1),
            "empty_or_refusal_answers": sum(1 for r in ok if not r["output_text"] or
                                            r["output_text"] == common.REFUSAL_TEXT),
            "latency_ms_p50_p95_p99": [lat[int(q * (len(lat) - 1))] for q in (0.5, 0.95, 0.99)] if lat else None,
        }
    return {
        "scenario": scn["name"], "description": scn.get("description"), "expect": scn.get("expect"),
        "drift_start_index": drift_start_index(phases, scn.get("expect")),
        "dataset": scn["dataset"]["name"],
        "requests": len(truth), "planned_requests": sum(p["planned"] for p in phases),
        "retries": sum(1 for r in truth if r["attempt"] > 0),
        "eval_set_items": len(eval_rows),
        "eval_set_labels": len({r["tags"]["intent"] for r in eval_rows}),
        "eval_set_domains": sorted({r["tags"]["domain"] for r in eval_rows}),
        "by_api": counts(truth, lambda r: r["api"]), "by_client": counts(truth, lambda r: r["client"]),
        "by_stream": counts(truth, lambda r: r["stream"]), "by_model": counts(truth, lambda r: r["model"]),
        "by_fault": counts(truth, lambda r: r["fault"]), "by_status": counts(truth, lambda r: r["status"]),
        "by_server_lookup": counts(truth, lambda r: r["server_lookup"]),
        "client_errors": sum(1 for r in truth if r["status"] is None),
        "tcp_connections": len({r["server_conn"] for r in truth if r["server_conn"]}),
        "with_history": sum(1 for r in truth if r["history_turns"]),
        "with_tools": sum(1 for r in truth if r["tools"]),
        "tool_call_answers": sum(1 for r in truth if r["tool_calls"]),
        "phases": per_phase,
        "pcap_bytes": os.path.getsize(pcap) if os.path.exists(pcap) else 0,
        "pcap_packets": tcp_stats.get("packets_captured"),
        "tcpdump": tcp_stats, "server": server_stats, "verify": verify,
        "seconds": times,
    }


def record_one(path: str, out: str, args, fp: dict, eval_rows: list) -> dict:
    t_all = time.time()
    scn = common.load_scenario(path)
    name = scn["name"]
    os.makedirs(out, exist_ok=True)
    for f in OUTPUT_FILES:  # only our own files: never a recursive delete of a user-given directory
        p = os.path.join(out, f)
        if os.path.exists(p):
            os.remove(p)
    py = args.python
    files = {k: os.path.join(out, v) for k, v in (
        ("eval", "eval_set.jsonl"), ("faults", "faults.json"), ("pcap", "capture.pcap"),
        ("truth", "ground_truth.jsonl"), ("slog", "server_log.jsonl"), ("phases", "phases.json"),
        ("verify", "verify.json"), ("summary", "summary.json"))}
    print(f"== {name}: {scn.get('description', '')}", flush=True)
    common.write_jsonl(files["eval"], eval_rows)
    phases = common.scaled_phases(scn, args.scale)
    rules = common.compile_fault_rules(scn, phases)
    with open(files["faults"], "w") as f:
        json.dump({"rules": rules}, f, indent=1)

    srv_cmd = [py, os.path.join(HERE, "fake_llm_server.py"), "--port", "0", "--scenario", path,
               "--faults", files["faults"], "--log", files["slog"], "--scale", str(args.scale)]
    sopts = dict(scn.get("server", {}))
    for k, flag in SERVER_FLAGS.items():
        if k in sopts:
            if k == "gzip":
                srv_cmd += [flag] if sopts[k] else []
            else:
                srv_cmd += [flag, str(sopts[k])]
    server = Proc(srv_cmd, "server")
    tcpdump = None
    try:
        port = int(server.wait_for(r"READY .*port=(\d+)", 60).group(1))
        print(f"  server ready on 127.0.0.1:{port}", flush=True)
        # --immediate-mode: without it libpcap hands packets over a ring block at a time (or after
        # a 1 s timeout) and SIGINT discards a partly filled block: the tail of a run goes missing.
        tcpdump = Proc(["tcpdump", "-i", "lo", "-n", "-w", files["pcap"], "-U", "--immediate-mode",
                        "-B", str(args.tcpdump_buffer_kib), f"tcp port {port}"], "tcpdump")
        tcpdump.wait_for(r"listening on lo", 30)
        t_drive = time.time()
        drv_cmd = [py, os.path.join(HERE, "drive.py"), "--scenario", path, "--port", str(port),
                   "--out", files["truth"], "--server-log", files["slog"], "--phases-out", files["phases"],
                   "--scale", str(args.scale)]
        driver = Proc(drv_cmd, "driver", echo=True)
        drc = driver.p.wait()
        driver.t.join(5)
        t_drive = time.time() - t_drive
        if drc != 0:
            raise RuntimeError(f"driver failed rc={drc}: " + " | ".join(driver.lines[-15:]))
        wait_until_stable(files["pcap"])  # the last FIN/ACK segments reach the file before tcpdump stops
        tcpdump.stop(signal.SIGINT)
        tstats = tcpdump_stats(tcpdump.lines)
        tcpdump = None
        server.stop(signal.SIGTERM)
        sstats = {}
        for ln in server.lines:
            if ln.startswith("STATS "):
                sstats = json.loads(ln[6:])
        t_verify = time.time()
        ver = verify_pcap.verify(files["pcap"], files["truth"], port)
        ver["tcpdump_dropped"] = tstats.get("packets_dropped_by_kernel")
        with open(files["verify"], "w") as f:
            json.dump(ver, f, indent=1)
        t_verify = time.time() - t_verify
        truth = common.read_jsonl(files["truth"])
        with open(files["phases"]) as f:
            phase_info = json.load(f)
        times = {"driver": round(t_drive, 2), "verify": round(t_verify, 2), "total": round(time.time() - t_all, 2)}
        summ = summarize(scn, truth, phase_info, eval_rows, files["pcap"], ver, tstats, sstats, times)
        summ["port"] = port
        summ["scenario_file"] = os.path.relpath(path, REPO)
        summ["tools"] = tool_versions(py)
        summ["fingerprint"] = fp["sha256"]
        with open(files["summary"], "w") as f:
            json.dump(summ, f, indent=1)
        good = ver["ok"] and tstats.get("packets_dropped_by_kernel") == 0
        if good:  # written last: its presence marks a complete, verified recording
            with open(os.path.join(out, "fingerprint.json"), "w") as f:
                json.dump(fp, f, indent=1)
        print(f"  tshark HTTP requests to API paths: {ver['tshark_api_requests']}   "
              f"ground-truth requests: {ver['ground_truth_requests']}   "
              f"ids missing/extra/dup: {ver['n_ids_missing']}/{ver['n_ids_extra']}/"
              f"{len(ver['ids_duplicated_in_pcap'])}   status codes match: "
              f"{ver['tshark_status_codes'] == ver['ground_truth_status_codes']}   "
              f"-> {'VERIFIED' if good else 'MISMATCH'}", flush=True)
        print(f"  pcap {summ['pcap_bytes'] / 1e6:.1f} MB, {tstats.get('packets_captured')} packets, "
              f"{tstats.get('packets_dropped_by_kernel')} dropped by kernel; {summ['tcp_connections']} TCP connections; "
              f"driver {t_drive:.1f}s, tshark {t_verify:.1f}s, total {times['total']:.1f}s", flush=True)
        for pname, p in summ["phases"].items():
            print(f"    {pname}: {p['requests']} req in {p['seconds']:.1f}s, domains {len(p['by_domain'])}, "
                  f"transforms {p['by_transform']}, status {p['by_status']}", flush=True)
        print(f"  outputs in {out}", flush=True)
        summ["_result"] = "VERIFIED" if good else "FAILED"
        return summ
    finally:
        if tcpdump is not None:
            tcpdump.stop(signal.SIGINT)
        server.stop(signal.SIGTERM)


# ----------------------------------------------------------------------------- eval set, fixtures

def build_eval_set(path: str) -> list:
    scn = common.load_scenario(path)
    return make_baseline.build_eval_set(scn, common.load_dataset(scn["dataset"]))


def export_fixture(name: str, out: str, summ: dict) -> list:
    """Copies a recorded fixture into samples/captures/drift/ (pcap, slim ground truth, manifest)."""
    os.makedirs(FIXTURE_DIR, exist_ok=True)
    written = []
    pcap = os.path.join(FIXTURE_DIR, f"{name}.pcap")
    shutil.copyfile(os.path.join(out, "capture.pcap"), pcap)
    written.append(pcap)
    truth = common.read_jsonl(os.path.join(out, "ground_truth.jsonl"))
    slim = [{k: r.get(k) for k in FIXTURE_TRUTH_FIELDS} for r in truth]
    tp = os.path.join(FIXTURE_DIR, f"{name}.truth.jsonl")
    common.write_jsonl(tp, slim)
    written.append(tp)
    with open(os.path.join(out, "phases.json")) as f:
        phases = json.load(f)
    manifest = {
        "scenario": summ["scenario"], "scenario_file": summ.get("scenario_file"),
        "description": summ["description"], "expect": summ["expect"],
        "drift_start_index": summ["drift_start_index"],
        "requests": summ["requests"], "pcap_bytes": summ["pcap_bytes"], "pcap_packets": summ["pcap_packets"],
        "tcp_connections": summ["tcp_connections"], "server_port": summ["port"],
        "phases": [{k: p[k] for k in ("name", "sent", "mixture", "transforms")} |
                   {"by_domain": summ["phases"][p["name"]]["by_domain"]} for p in phases],
        "by_api": summ["by_api"], "by_client": summ["by_client"], "by_stream": summ["by_stream"],
        "by_status": summ["by_status"], "tcpdump": summ["tcpdump"],
        "verify": {k: summ["verify"][k] for k in ("ok", "ground_truth_requests", "tshark_api_requests",
                                                   "tshark_status_codes", "n_ids_missing", "n_ids_extra")},
        "tools": summ.get("tools"), "eval_set": os.path.relpath(FIXTURE_EVALSET, REPO),
    }
    mp = os.path.join(FIXTURE_DIR, f"{name}.manifest.json")
    with open(mp, "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    written.append(mp)
    return written


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="scenario names or JSON paths; 'all' (default): every scenario in "
                                             "bench/drift/scenarios/; 'fixtures': the small committed captures")
    ap.add_argument("--out-root", default=os.environ.get("DRIFT_OUT", "/tmp/slicewatch-drift"))
    ap.add_argument("--force", action="store_true", help="record again even when the outputs are up to date")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every phase's request count (quick tries)")
    ap.add_argument("--no-export", action="store_true", help="fixtures: do not copy them into samples/")
    ap.add_argument("--tcpdump-buffer-kib", type=int, default=65536, help="tcpdump -B (kernel buffer, KiB)")
    ap.add_argument("--python", default=os.environ.get("DRIFT_PYTHON", sys.executable),
                    help="interpreter with openai/anthropic/httpx for the server and the driver")
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("warning: not root; tcpdump on lo usually needs root or CAP_NET_RAW", file=sys.stderr)

    todo = []  # (name, path, is_fixture)
    for n in args.names or ["all"]:
        if n == "all":
            todo += [(os.path.basename(p)[:-5], p, False)
                     for p in sorted(glob.glob(os.path.join(DRIFT, "scenarios", "*.json")))]
        elif n == "fixtures":
            todo += [(os.path.basename(p)[:-5], p, True)
                     for p in sorted(glob.glob(os.path.join(DRIFT, "fixtures", "*.json")))]
        else:
            p, fix = scenario_path(n)
            todo.append((os.path.basename(p)[:-5], p, fix))
    os.makedirs(args.out_root, exist_ok=True)

    # the shared eval set: every scenario names the same spec (bench/drift/evalset.json)
    eval_sets = {}
    for name, path, _fix in todo:
        rows = build_eval_set(path)
        key = hashlib.sha256("".join(json.dumps(r, sort_keys=True) for r in rows).encode()).hexdigest()
        eval_sets.setdefault(key, (name, rows))
    if len(eval_sets) > 1:
        print("warning: the scenarios do not share one eval set: "
              + ", ".join(n for n, _ in eval_sets.values()), file=sys.stderr)
    shared_name, shared_rows = next(iter(eval_sets.values()))
    shared = os.path.join(args.out_root, "eval_set.jsonl")
    common.write_jsonl(shared, shared_rows)
    print(f"eval set -> {shared}: " + make_baseline.describe(shared_rows, {}), flush=True)

    table, failed, exported = [], 0, []
    t_start = time.time()
    for name, path, fix in todo:
        scn = common.load_scenario(path)
        out = os.path.join(args.out_root, "fixtures" if fix else "", name)
        fp = fingerprint(path, scn, args.scale)
        eval_rows = build_eval_set(path)
        t0 = time.time()
        summ = None if args.force else reusable(out, fp)
        if summ is not None:
            print(f"== {name}: up to date in {out} (fingerprint {fp['sha256'][:12]}), reused", flush=True)
            common.write_jsonl(os.path.join(out, "eval_set.jsonl"), eval_rows)
            # the description and expect block may have been edited since: refresh them
            with open(os.path.join(out, "phases.json")) as f:
                phase_info = json.load(f)
            summ.update(description=scn.get("description"), expect=scn.get("expect"),
                        drift_start_index=drift_start_index(phase_info, scn.get("expect")))
            with open(os.path.join(out, "summary.json"), "w") as f:
                json.dump(summ, f, indent=1)
            summ["_result"] = "REUSED"
        else:
            try:
                summ = record_one(path, out, args, fp, eval_rows)
            except Exception as e:  # one scenario's failure must not hide the others' results
                print(f"  FAILED: {type(e).__name__}: {e}", flush=True)
                summ = None
        wall = time.time() - t0
        if summ is None or summ["_result"] == "FAILED":
            failed += 1
            table.append({"scenario": name, "result": "FAILED", "wall_s": round(wall, 2)})
            continue
        if fix and not args.no_export:
            exported += export_fixture(name, out, summ)
        v = summ["verify"]
        table.append({
            "scenario": name, "result": summ["_result"], "requests": v["ground_truth_requests"],
            "tshark_requests": v["tshark_api_requests"],
            "ids_match": v["n_ids_missing"] == 0 and v["n_ids_extra"] == 0 and not v["ids_duplicated_in_pcap"],
            "status_match": v["tshark_status_codes"] == v["ground_truth_status_codes"],
            "drift_start": summ.get("drift_start_index"), "pcap_bytes": summ["pcap_bytes"],
            "packets": summ["pcap_packets"], "dropped": summ["tcpdump"].get("packets_dropped_by_kernel"),
            "driver_s": summ["seconds"]["driver"], "tshark_s": v["tshark_seconds"],
            "recorded_s": summ["seconds"]["total"], "wall_s": round(wall, 2), "dir": out})
    if any(fix for _n, _p, fix in todo) and not args.no_export:
        os.makedirs(os.path.dirname(FIXTURE_EVALSET), exist_ok=True)
        shutil.copyfile(shared, FIXTURE_EVALSET)
        exported.append(FIXTURE_EVALSET)

    hdr = (f"{'scenario':18} {'requests':>8} {'tshark':>7} {'ids':>5} {'status':>6} {'drift@':>6} {'pcap MB':>8} "
           f"{'packets':>9} {'drops':>5} {'driver s':>8} {'tshark s':>8} {'wall s':>7}  result")
    print("\n" + hdr + "\n" + "-" * len(hdr))
    for r in table:
        if r["result"] == "FAILED":
            print(f"{r['scenario']:18} {'':>8} {'':>7} {'':>5} {'':>6} {'':>6} {'':>8} {'':>9} {'':>5} {'':>8} "
                  f"{'':>8} {r['wall_s']:>7.1f}  FAILED")
            continue
        print(f"{r['scenario']:18} {r['requests']:>8} {r['tshark_requests']:>7} {str(r['ids_match']):>5} "
              f"{str(r['status_match']):>6} {str(r['drift_start']):>6} {r['pcap_bytes'] / 1e6:>8.1f} "
              f"{r['packets']!s:>9} {r['dropped']!s:>5} {r['driver_s']:>8.1f} {r['tshark_s']:>8.1f} "
              f"{r['wall_s']:>7.1f}  {r['result']}")
    print(f"total wall time {time.time() - t_start:.1f}s; outputs under {args.out_root}")
    for p in exported:
        print(f"exported {os.path.relpath(p, REPO)} ({os.path.getsize(p):,} bytes)")
    with open(os.path.join(args.out_root, "record_table.json"), "w") as f:
        json.dump(table, f, indent=1)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
