#!/usr/bin/env python3
"""Sidecar benchmark: `slicewatch run` on lo under a sustained load of real HTTP traffic.

Starts the load tool's model server (loadgen.py serve), a webhook receiver, and `slicewatch run` (release
build) capturing the server's port; then loadgen.py sends --rate interactions/s (half streamed) of the
baseline mix for --normal seconds and of drifted traffic (25% travel, 10% out-of-scope: the drifting sample's
drift phase) for --drift seconds. Prints the sidecar's CPU (% of one core) and RSS, kernel/queue drops, the
interactions it saw, and the alert latency: from the first drifted request to the webhook's arrival; and, as
a peer measured in the same run, the CPU of tcpdump writing the same traffic to /dev/null.

Usage: bench/sidecar/bench.py [--rate 1000] [--normal 60] [--drift 60] [--embed-rate 20] [--window 10s]
                              [--baseline FILE] [--binary .build/release/slicewatch] [--no-build]
Needs root (or CAP_NET_RAW) for the capture, python3, and the model (scripts/fetch-model.sh).
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "bench", "sidecar")
TICK = os.sysconf("SC_CLK_TCK")


def start_server(args):
    p = subprocess.Popen([sys.executable] + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    return p, int(p.stdout.readline())


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def memory(pid):
    values = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(("VmRSS", "VmHWM")):
                key, value = line.split(":")
                values[key] = int(value.split()[0]) / 1024
    return values


def get(port, path):
    with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=5) as r:
        return r.read().decode()


def metric(text, name):
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            yield line


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, default=1000)
    ap.add_argument("--normal", type=float, default=60)
    ap.add_argument("--drift", type=float, default=60)
    ap.add_argument("--embed-rate", type=int, default=20)
    ap.add_argument("--window", default="10s")
    ap.add_argument("--baseline", default="samples/baselines/drift-baseline.json",
                    help="a hashed-ngrams baseline measures the sidecar without the in-process encoder")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/slicewatch"))
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "slicewatch"], cwd=ROOT, check=True)

    server, port = start_server([os.path.join(HERE, "loadgen.py"), "serve", "0"])
    receiver, hook = start_server([os.path.join(ROOT, "Tests/Fixtures/sinks/receiver.py")])
    work = tempfile.mkdtemp(prefix="slicewatch-bench-")
    config = os.path.join(work, "slicewatch.yaml")
    with open(config, "w") as f:
        f.write("""capture:
  interface: lo
  filter: tcp port %d
baseline:
  path: %s
embedding:
  rate: %d
drift:
  window: %s
admin:
  listen: 127.0.0.1:0
store:
  path: %s/slicewatch.db
sinks:
  - type: webhook
    url: http://127.0.0.1:%d/hook
log:
  level: notice
""" % (port, a.baseline, a.embed_rate, a.window, work, hook))
    err = open(os.path.join(work, "stderr.log"), "w+")
    sidecar = subprocess.Popen([a.binary, "run", "--config", config, "--log-level", "info"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=err)
    admin = None
    for _ in range(600):
        err.seek(0)
        for line in err.read().splitlines():
            if "admin server on" in line:
                admin = int(line.rsplit(":", 1)[1])
        if admin:
            break
        if sidecar.poll() is not None:
            err.seek(0)
            sys.exit("slicewatch run exited:\n" + err.read())
        time.sleep(0.1)
    while get(admin, "/readyz").strip() != "ready":
        time.sleep(0.1)
    samples = os.path.join(ROOT, "samples/captures/drift")
    loadgen = [sys.executable, os.path.join(HERE, "loadgen.py"), "send", str(port), "--rate", str(a.rate)]

    # The peer: tcpdump capturing the same traffic to /dev/null (the floor of capturing at all).
    peer = subprocess.Popen(["tcpdump", "-i", "lo", "-B", "8192", "-w", "/dev/null", "tcp port %d" % port],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if shutil.which("tcpdump") else None
    time.sleep(1)
    peer0 = cpu_seconds(peer.pid) if peer else 0
    cpu0, t0 = cpu_seconds(sidecar.pid), time.time()
    normal = subprocess.run(loadgen + ["--seconds", str(a.normal), "--prompts", samples + "/normal.truth.jsonl"],
                            capture_output=True, text=True, check=True)
    cpu1, t1 = cpu_seconds(sidecar.pid), time.time()
    mark = os.path.join(work, "drift-start")
    drift = subprocess.run(loadgen + ["--seconds", str(a.drift), "--prompts", samples + "/drifting.truth.jsonl",
                                      "--phase", "drift", "--mark", mark], capture_output=True, text=True, check=True)
    cpu2, t2 = cpu_seconds(sidecar.pid), time.time()
    peer_cpu = (cpu_seconds(peer.pid) - peer0) / (t2 - t0) if peer else None
    if peer:
        peer.terminate()
    time.sleep(2)
    drift_start = float(open(mark).read())
    alert_at = None
    for _ in range(300):
        records = json.loads(get(hook, "/requests"))
        firing = [r for r in records if json.loads(r["body"]).get("state") == "firing"]
        if firing:
            alert_at = firing[0]
            break
        time.sleep(0.2)
    metrics = get(admin, "/metrics")
    mem = memory(sidecar.pid)
    sidecar.send_signal(signal.SIGTERM)
    sidecar.wait(timeout=60)
    server.kill()
    receiver.stdin.close()

    n, d = json.loads(normal.stdout), json.loads(drift.stdout)
    print("slicewatch run on lo, %s interactions/s (half streamed), baseline %s, embedding.rate %d, window %s"
          % (int(a.rate), a.baseline, a.embed_rate, a.window))
    print("  load tool: normal %s; drift %s" % (normal.stdout.strip(), drift.stdout.strip()))
    print("  CPU, %% of one core: normal phase %.1f%%, drift phase %.1f%%, both %.1f%%"
          % (100 * (cpu1 - cpu0) / (t1 - t0), 100 * (cpu2 - cpu1) / (t2 - t1), 100 * (cpu2 - cpu0) / (t2 - t0)))
    if peer_cpu is not None:
        print("  peer: tcpdump -w /dev/null on the same traffic %.1f%% of one core (sidecar %.1fx)"
              % (100 * peer_cpu, (cpu2 - cpu0) / (t2 - t0) / max(peer_cpu, 1e-9)))
    print("  RSS: %.1f MB now, %.1f MB peak" % (mem["VmRSS"], mem["VmHWM"]))
    for name in ["slicewatch_capture_dropped_packets_total", "slicewatch_interactions_total", "slicewatch_capture_packets_total",
                 "slicewatch_http_exchanges_total", "slicewatch_embedded_interactions_total", "slicewatch_windows_total",
                 "slicewatch_tcp_gaps_total"]:
        for line in metric(metrics, name):
            print("  " + line)
    if alert_at:
        alert = json.loads(alert_at["body"])
        print("  first alert: %s %s at the webhook %.1f s after drift start (%d interactions sent since)"
              % (alert["state"], alert["key"], alert_at["time"] - drift_start, (alert_at["time"] - drift_start) * a.rate))
    else:
        print("  no alert reached the webhook")
    print("  (work folder %s)" % work)


if __name__ == "__main__":
    main()
