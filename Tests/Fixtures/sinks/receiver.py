#!/usr/bin/env python3
"""A real HTTP receiver on 127.0.0.1 for slicewatch's alert-sink tests (webhooks and Alertmanager).

Standard library only. Records every POST (arrival time, path, headers, body) and answers 200 "{}".
GET /requests returns the records as a JSON list: {"time", "path", "headers" (lower-case names), "body",
"status", "signature_ok"}; "signature_ok" is true/false when a secret is set (HMAC-SHA256 of the raw body under
it, compared with the X-Slicewatch-Signature header) and null otherwise.
Options: --fail-first N      answer the first N POSTs with --fail-status (default 500)
         --fail-status CODE
         --slow-first N      sleep --sleep seconds before answering each of the first N POSTs
         --sleep SECONDS
         --secret TEXT
Prints the port on stdout, then serves until stdin closes.
"""
import argparse
import hashlib
import hmac
import http.server
import json
import sys
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--fail-first", type=int, default=0)
parser.add_argument("--fail-status", type=int, default=500)
parser.add_argument("--slow-first", type=int, default=0)
parser.add_argument("--sleep", type=float, default=0.0)
parser.add_argument("--secret")
options = parser.parse_args()

lock = threading.Lock()
records = []


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (a timeout test)

    def do_GET(self):
        with lock:
            body = json.dumps(records).encode()
        self.reply(200, body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        signature_ok = None
        if options.secret is not None:
            expected = "sha256=" + hmac.new(options.secret.encode(), body, hashlib.sha256).hexdigest()
            signature_ok = hmac.compare_digest(expected, self.headers.get("X-Slicewatch-Signature", ""))
        with lock:
            n = len(records)
            status = options.fail_status if n < options.fail_first else 200
            records.append({
                "time": time.time(),
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
                "status": status,
                "signature_ok": signature_ok,
            })
        if n < options.slow_first:
            time.sleep(options.sleep)
        self.reply(status, b'{"error": "failing on purpose"}' if status != 200 else b"{}")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that timed out and closed its connection is expected here


server = Server(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
