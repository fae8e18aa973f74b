#!/usr/bin/env python3
"""Load for the sidecar benchmark: a fake OpenAI Chat Completions server and a paced client, both asyncio on
127.0.0.1 (standard library only), so one process makes ~1,000 interactions/s of real HTTP/1.1 traffic.

  loadgen.py serve PORT
      Answers POST /v1/chat/completions: JSON with Content-Length, or (when the request says "stream": true)
      a chunked server-sent-event stream of chat.completion.chunk events ending in [DONE].
  loadgen.py send PORT --rate R --seconds S --prompts FILE [--field user_text] [--phase NAME]
                  [--stream-share 0.5] [--connections 16] [--mark FILE]
      Sends R requests/s for S seconds over C keep-alive connections, prompts cycling through FILE's JSON lines
      (FIELD, optionally only lines whose "phase" is NAME; "history_turns" earlier user/assistant turns are
      sent before it, as the recorded agent did). Writes the wall time of its first request to --mark
      and prints a JSON summary (sent, answered, errors, achieved rate).
"""
import asyncio
import json
import random
import sys
import time

ANSWER_WORDS = ("Sure, here is a short answer to your question with a few more words so the stream has "
                "several events in it like a real model would send").split()


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            body = await reader.readexactly(length)
            request = json.loads(body)
            model = request.get("model", "gpt-bench")
            if request.get("stream"):
                out = [b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"]
                for word in ANSWER_WORDS:
                    event = ('data: {"id":"chatcmpl-b","object":"chat.completion.chunk","model":"%s","choices":'
                             '[{"index":0,"delta":{"content":"%s "},"finish_reason":null}]}\n\n' % (model, word)).encode()
                    out.append(b"%x\r\n%s\r\n" % (len(event), event))
                last = ('data: {"id":"chatcmpl-b","object":"chat.completion.chunk","model":"%s","choices":'
                        '[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n' % model).encode()
                out.append(b"%x\r\n%s\r\n0\r\n\r\n" % (len(last), last))
                writer.write(b"".join(out))
            else:
                payload = json.dumps({
                    "id": "chatcmpl-b", "object": "chat.completion", "model": model,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": " ".join(ANSWER_WORDS)},
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 12, "completion_tokens": len(ANSWER_WORDS), "total_tokens": 12 + len(ANSWER_WORDS)},
                }).encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                             % (len(payload), payload))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionResetError):
        pass
    finally:
        writer.close()


async def serve(port):
    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    lower = head.lower()
    if b"transfer-encoding: chunked" in lower:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        length = int(lower.split(b"content-length:", 1)[1].split(b"\r\n", 1)[0])
        await reader.readexactly(length)
    return status


async def send(port, rate, seconds, prompts, stream_share, connections, mark):
    total = int(rate * seconds)
    queue = asyncio.Queue()
    stats = {"sent": 0, "answered": 0, "errors": 0}
    rng = random.Random(7)

    async def worker():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while True:
            i = await queue.get()
            if i is None:
                break
            prompt, turns = prompts[i % len(prompts)]
            messages = [{"role": "system", "content": "You are a helpful assistant."}]
            for k in range(turns):  # earlier turns of the conversation, as the recorded agent had them
                messages.append({"role": "user", "content": prompts[(i + 7 * k + 1) % len(prompts)][0]})
                messages.append({"role": "assistant", "content": "Done. Anything else?"})
            messages.append({"role": "user", "content": prompt})
            body = json.dumps({"model": "gpt-bench", "stream": rng.random() < stream_share,
                               "messages": messages}).encode()
            writer.write(b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Authorization: Bearer sk-bench-0000000000000000000000\r\nContent-Length: %d\r\n\r\n%s"
                         % (len(body), body))
            stats["sent"] += 1
            try:
                status = await read_response(reader)
                stats["answered"] += 1
                if status >= 400:
                    stats["errors"] += 1
            except Exception:
                stats["errors"] += 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.close()

    workers = [asyncio.create_task(worker()) for _ in range(connections)]
    start = time.time()
    if mark:
        with open(mark, "w") as f:
            f.write("%.6f\n" % start)
    for i in range(total):
        delay = start + i / rate - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait(i)
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    elapsed = time.time() - start
    stats["seconds"] = round(elapsed, 2)
    stats["rate"] = round(stats["answered"] / elapsed, 1)
    print(json.dumps(stats), flush=True)


def main():
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "serve":
        asyncio.run(serve(int(args[1])))
        return
    if len(args) < 2 or args[0] != "send":
        sys.exit(__doc__)
    options = {"--rate": "1000", "--seconds": "10", "--prompts": None, "--field": "user_text", "--phase": None,
               "--stream-share": "0.5", "--connections": "16", "--mark": None}
    rest = args[2:]
    for i in range(0, len(rest) - 1, 2):
        if rest[i] not in options:
            sys.exit("unknown option %s\n%s" % (rest[i], __doc__))
        options[rest[i]] = rest[i + 1]
    prompts = []
    with open(options["--prompts"]) as f:
        for line in f:
            if line.strip():
                item = json.loads(line)
                if options["--phase"] is None or item.get("phase") == options["--phase"]:
                    prompts.append((item[options["--field"]], int(item.get("history_turns", 0))))
    asyncio.run(send(int(args[1]), float(options["--rate"]), float(options["--seconds"]), prompts,
                     float(options["--stream-share"]), int(options["--connections"]), options["--mark"]))


if __name__ == "__main__":
    main()
