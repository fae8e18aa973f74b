#!/usr/bin/env python3
"""Real HTTP/1.1 traffic on 127.0.0.1 for slicewatch's live-capture test (standard library only).

Starts a ThreadingHTTPServer on the given port and, from the same process, a real keep-alive client
(http.client) that sends N requests: JSON answers with Content-Length, gzip-compressed JSON, and
chunked server-sent-event streams. Prints one ground-truth JSON line per exchange on stdout:
{"method","path","request_body","status","response_body"|"events"}.
Usage: loopback_traffic.py PORT N
"""
import gzip
import http.client
import http.server
import json
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        request = json.loads(body)
        kind = request.get("kind")
        answer = "answer to " + request["messages"][-1]["content"]
        if kind == "stream":
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for word in answer.split(" "):
                event = "data: " + json.dumps({"choices": [{"delta": {"content": word}}]}) + "\n\n"
                self._chunk(event.encode())
            self._chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
        else:
            payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": answer}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if kind == "gzip":
                payload = gzip.compress(payload)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        self.wfile.flush()

    def _chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()


def main():
    port, n = int(sys.argv[1]), int(sys.argv[2])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    kinds = ["json", "gzip", "stream"]
    for i in range(n):
        kind = kinds[i % 3]
        body = json.dumps({"model": "m", "kind": kind, "messages": [{"role": "user", "content": f"question {i} about the weather"}]})
        conn.request("POST", "/v1/chat/completions", body=body, headers={"Content-Type": "application/json", "Authorization": "Bearer sk-secret"})
        response = conn.getresponse()
        raw = response.read()
        truth = {"method": "POST", "path": "/v1/chat/completions", "request_body": body, "status": response.status}
        if kind == "stream":
            truth["events"] = [line[6:] for line in raw.decode().split("\n") if line.startswith("data: ")]
        else:
            # http.client hands back the body as sent: gzip bodies are decoded here.
            truth["response_body"] = (gzip.decompress(raw) if kind == "gzip" else raw).decode()
        print(json.dumps(truth), flush=True)
    conn.close()
    server.shutdown()


if __name__ == "__main__":
    main()
