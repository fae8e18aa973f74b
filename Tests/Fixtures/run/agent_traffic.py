#!/usr/bin/env python3
"""A fake model API and a real agent-like client on 127.0.0.1 for slicewatch's `run` end-to-end test
(standard library only).

  agent_traffic.py serve [PORT]
      Serves OpenAI Chat Completions (POST /v1/chat/completions), JSON or streamed (SSE, chunked) when
      the request says "stream": true. Prints the bound port on its first line; exits when stdin closes.
  agent_traffic.py send PORT PROMPTS.jsonl [--field user_text] [--phase NAME] [--limit N] [--stream-every K]
      Sends one chat completion per JSON line (its FIELD is the user message; with --phase only lines whose
      "phase" is NAME), over keep-alive connections, every K-th one streamed. Prints the count sent.
"""
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
        prompt = request["messages"][-1]["content"]
        answer = "Here is what I found about: " + prompt
        model = request.get("model", "gpt-test")
        if request.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for word in answer.split(" "):
                chunk = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": model,
                         "choices": [{"index": 0, "delta": {"content": word + " "}, "finish_reason": None}]}
                self._chunk(("data: " + json.dumps(chunk) + "\n\n").encode())
            last = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": model,
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            self._chunk(("data: " + json.dumps(last) + "\n\n").encode())
            self._chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
        else:
            payload = json.dumps({
                "id": "chatcmpl-1", "object": "chat.completion", "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": len(prompt.split()), "completion_tokens": len(answer.split()),
                          "total_tokens": len(prompt.split()) + len(answer.split())},
            }).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        self.wfile.flush()

    def _chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))


def serve(port):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()  # until the test closes our stdin
    server.shutdown()


def send(port, path, field, phase, limit, stream_every):
    prompts = []
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            item = json.loads(line)
            if phase and item.get("phase") != phase:
                continue
            prompts.append(item[field])
    prompts = prompts[:limit] if limit else prompts
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for i, prompt in enumerate(prompts):
        if i % 50 == 49:  # a new connection now and then, as pooled clients do
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        stream = stream_every > 0 and i % stream_every == 0
        body = json.dumps({"model": "gpt-test", "stream": stream,
                           "messages": [{"role": "system", "content": "You are a helpful assistant."},
                                        {"role": "user", "content": prompt}]})
        connection.request("POST", "/v1/chat/completions", body=body,
                           headers={"Content-Type": "application/json", "Authorization": "Bearer sk-test-not-a-real-key-000000"})
        response = connection.getresponse()
        response.read()
    connection.close()
    print(len(prompts), flush=True)


def main():
    args = sys.argv[1:]
    if args and args[0] == "serve":
        serve(int(args[1]) if len(args) > 1 else 0)
    elif len(args) >= 3 and args[0] == "send":
        options = {"--field": "user_text", "--phase": None, "--limit": "0", "--stream-every": "3"}
        rest = args[3:]
        for i in range(0, len(rest) - 1, 2):
            options[rest[i]] = rest[i + 1]
        send(int(args[1]), args[2], options["--field"], options["--phase"], int(options["--limit"]),
             int(options["--stream-every"]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
