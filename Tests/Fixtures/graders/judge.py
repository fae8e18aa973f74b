#!/usr/bin/env python3
"""A real grader for slicewatch's grader tests: reads an interaction (slicewatch's interaction JSON) and answers
{"score": 0..1, "reason": "..."} — 0 for an empty answer or one that apologises, 1 otherwise.

  judge.py              exec grader: one interaction on stdin, the answer on stdout
  judge.py --http       HTTP grader on 127.0.0.1: prints the port, answers every POST, serves until stdin
                        closes; GET /requests returns the bodies received (a JSON list)
  --mode ok|garbage|range|fail|sleep   misbehave on purpose: print non-JSON, a score of 7, exit 3 / HTTP 500,
                        or sleep --sleep seconds first
Standard library only.
"""
import argparse
import http.server
import json
import sys
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--http", action="store_true")
parser.add_argument("--mode", default="ok")
parser.add_argument("--sleep", type=float, default=2.0)
options = parser.parse_args()


def judge(body: bytes):
    """(status, answer bytes) for one interaction."""
    if options.mode == "sleep":
        time.sleep(options.sleep)
    if options.mode == "garbage":
        return 200, b"looks fine to me"
    if options.mode == "range":
        return 200, b'{"score": 7}'
    if options.mode == "fail":
        return 500, b"judge is down"
    interaction = json.loads(body)
    output = (interaction.get("output") or "").strip()
    if not output:
        answer = {"score": 0.0, "reason": "empty answer"}
    elif "sorry" in output.lower():
        answer = {"score": 0.1, "reason": "apologises instead of answering"}
    else:
        answer = {"score": 0.9, "reason": "answers the question"}
    return 200, json.dumps(answer).encode()


if not options.http:
    status, answer = judge(sys.stdin.buffer.read())
    sys.stdout.buffer.write(answer + b"\n")
    sys.exit(0 if status == 200 else 3)

lock = threading.Lock()
bodies = []


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, payload):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            bodies.append(body.decode("utf-8", "replace"))
        status, answer = judge(body)
        self.send(status, answer)

    def do_GET(self):
        with lock:
            payload = json.dumps(bodies).encode()
        self.send(200, payload)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
