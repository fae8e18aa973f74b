#!/usr/bin/env python3
"""A real OpenAI-compatible embeddings server on 127.0.0.1 for slicewatch's external-embedder tests.

Standard library only. Serves POST /v1/embeddings with deterministic 32-dimensional vectors (each word of
the input hashed into a signed bucket, unnormalised), returned in reverse order with their `index` fields so
the client must reorder them. GET /stats returns {"requests": n, "batches": [sizes...]}.
Misbehaviour by model name: "error" -> HTTP 500, "broken" -> invalid JSON, "short" -> one vector too few,
"slow" -> answers after 3 s. With EMBED_KEY set, requests without "Authorization: Bearer $EMBED_KEY" get 401.
Prints the port on stdout, then serves until stdin closes.
Usage: embeddings_server.py
"""
import hashlib
import http.server
import json
import os
import sys
import threading
import time

DIM = 32
stats = {"requests": 0, "batches": []}


def vector(text):
    v = [0.0] * DIM
    for word in text.lower().split() or [""]:
        h = hashlib.sha256(word.encode()).digest()
        v[h[0] % DIM] += 1.0 if h[1] & 1 else -1.0
        v[h[2] % DIM] += 0.5
    return v


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.reply(200, json.dumps(stats).encode())

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        key = os.environ.get("EMBED_KEY")
        if key and self.headers.get("Authorization") != "Bearer " + key:
            return self.reply(401, b'{"error": {"message": "bad key"}}')
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        stats["requests"] += 1
        stats["batches"].append(len(inputs))
        model = body.get("model")
        if model == "error":
            return self.reply(500, b'{"error": {"message": "boom"}}')
        if model == "broken":
            return self.reply(200, b'{"data": [')
        if model == "slow":
            time.sleep(3)
        data = [{"object": "embedding", "index": i, "embedding": vector(t)} for i, t in enumerate(inputs)]
        if model == "short":
            data = data[:-1]
        data.reverse()
        self.reply(200, json.dumps({"object": "list", "data": data, "model": model}).encode())


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
