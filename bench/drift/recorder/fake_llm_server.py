#!/usr/bin/env python3
# Provenance: adapted from the team's traffic dev kit (tools/traffic/fake_llm_server.py in the shared
# workspace, the team's own code), copied into slicewatch so bench/drift/ regenerates its drift
# scenarios without it. Unchanged apart from this header.
"""Fake OpenAI- and Anthropic-compatible LLM server for traffic capture (loopback only).

Owns the wire format the sidecar will later parse: HTTP/1.1 keep-alive with Content-Length
or chunked bodies, optional gzip of non-stream bodies, `Expect: 100-continue`, and SSE
streams for POST /v1/chat/completions (OpenAI chat), POST /v1/messages (Anthropic) and
POST /v1/responses (OpenAI Responses, non-stream). Answers are deterministic functions of
the input text. Fault rules (refusal, empty, length truncation, HTTP 500/429, latency)
apply to inputs whose label, looked up by exact text in the dataset, matches a rule.
Every API request is logged as one JSON line (written before the response is sent).

Run: python fake_llm_server.py --port 18080 --scenario ../scenarios/oos-10.json \
        --log /tmp/server_log.jsonl [--faults rules.json] [--gzip]
"""
from __future__ import annotations

import argparse
import asyncio
import email.utils
import gzip
import ipaddress
import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from common import REFUSAL_TEXT, unit  # noqa: E402

API_PATHS = {"/v1/chat/completions": "openai-chat", "/v1/messages": "anthropic", "/v1/responses": "responses"}
REASONS = {100: "Continue", 200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
           405: "Method Not Allowed", 413: "Payload Too Large", 429: "Too Many Requests",
           431: "Request Header Fields Too Large", 500: "Internal Server Error"}
MAX_BODY = 8 * 1024 * 1024


class BadRequest(Exception):
    def __init__(self, status: int, msg: str):
        super().__init__(msg)
        self.status = status


# ----------------------------------------------------------------------------- label lookup

class LabelIndex:
    """Exact-text -> (label, domain); falls back to case-folded text and to the query
    pulled out of known wrapper templates (so transformed inputs still find their label)."""

    def __init__(self, datasets, extra_templates=()):
        self.exact: dict = {}
        self.folded: dict = {}
        for ds in datasets:
            for items in ds.splits.values():
                for text, lab in items:
                    v = (lab, ds.domain_of(lab))
                    self.exact.setdefault(text, v)
                    self.folded.setdefault(text.casefold(), v)
        self.regexes = common.template_regexes(extra_templates)

    def lookup(self, text: str):
        v = self.exact.get(text)
        if v:
            return v[0], v[1], "exact"
        v = self.folded.get(text.casefold())
        if v:
            return v[0], v[1], "casefold"
        cur = text
        for _ in range(3):
            inner = None
            for rx in self.regexes:
                m = rx.match(cur)
                if m:
                    inner = m.group("q")
                    break
            if inner is None:
                break
            v = self.exact.get(inner) or self.folded.get(inner.casefold())
            if v:
                return v[0], v[1], "unwrapped"
            cur = inner
        return "unknown", "unknown", "none"


# ----------------------------------------------------------------------------- request parsing

def _content_text(content) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for p in content:
            if isinstance(p, str):
                parts.append(p)
            elif isinstance(p, dict) and p.get("type") in ("text", "input_text", "output_text"):
                parts.append(str(p.get("text", "")))
        return "\n".join(parts)
    return ""


def extract(api: str, req: dict):
    """Returns (last user text, all text for token counting)."""
    if api == "responses":
        inp = req.get("input")
        if isinstance(inp, str):
            return inp, inp + str(req.get("instructions") or "")
        msgs = inp if isinstance(inp, list) else []
        system = str(req.get("instructions") or "")
    elif api == "anthropic":
        msgs = req.get("messages") or []
        system = _content_text(req.get("system"))
    else:
        msgs = req.get("messages") or []
        system = ""
    if not isinstance(msgs, list):
        raise BadRequest(400, "messages must be an array")
    user, allt = "", [system]
    for m in msgs:
        if not isinstance(m, dict):
            continue
        t = _content_text(m.get("content"))
        allt.append(t)
        if m.get("role") == "user" and t:
            user = t
    return user, "\n".join(allt)


# ----------------------------------------------------------------------------- response bodies

def _now() -> int:
    return int(time.time())


def _tool_call(req: dict, api: str, user: str, rid: str):
    tools = req.get("tools") or []
    if not tools:
        return None
    t = tools[common.stable_hash("tool", user) % len(tools)]
    fn = t.get("function", t) if isinstance(t, dict) else {}
    name = fn.get("name") or "tool"
    args = common.tool_arguments(fn, user)
    return {"name": name, "args": args, "id": f"call_{common.stable_hash(rid, 'call') % 16**24:024x}"}


def openai_body(model, rid, text, finish, pin, pout, tool):
    msg = {"role": "assistant", "content": (text if not tool else (text or None)), "refusal": None,
           "annotations": []}
    if tool:
        msg["tool_calls"] = [{"id": tool["id"], "type": "function",
                              "function": {"name": tool["name"], "arguments": json.dumps(tool["args"])}}]
    return {"id": f"chatcmpl-{rid}", "object": "chat.completion", "created": _now(), "model": model,
            "choices": [{"index": 0, "message": msg, "logprobs": None, "finish_reason": finish}],
            "usage": {"prompt_tokens": pin, "completion_tokens": pout, "total_tokens": pin + pout,
                      "prompt_tokens_details": {"cached_tokens": 0}},
            "service_tier": "default", "system_fingerprint": "fp_harness01"}


def anthropic_body(model, rid, text, stop, pin, pout, tool):
    content = [{"type": "text", "text": text}] if text else []
    if tool:
        content.append({"type": "tool_use", "id": "toolu_" + tool["id"][5:], "name": tool["name"],
                        "input": tool["args"]})
    return {"id": f"msg_{rid}", "type": "message", "role": "assistant", "model": model, "content": content,
            "stop_reason": stop, "stop_sequence": None,
            "usage": {"input_tokens": pin, "output_tokens": pout, "cache_creation_input_tokens": 0,
                      "cache_read_input_tokens": 0}}


def responses_body(model, rid, text, finish, pin, pout, tool, req):
    output = []
    if text or not tool:
        output.append({"type": "message", "id": f"msg_{rid}", "status": "completed", "role": "assistant",
                       "content": [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}]})
    if tool:
        output.append({"type": "function_call", "id": f"fc_{rid}", "call_id": tool["id"], "name": tool["name"],
                       "arguments": json.dumps(tool["args"]), "status": "completed"})
    incomplete = finish == "length"
    return {"id": f"resp_{rid}", "object": "response", "created_at": _now(),
            "status": "incomplete" if incomplete else "completed", "error": None,
            "incomplete_details": {"reason": "max_output_tokens"} if incomplete else None,
            "instructions": req.get("instructions"), "max_output_tokens": req.get("max_output_tokens"),
            "model": model, "output": output, "parallel_tool_calls": True, "previous_response_id": None,
            "reasoning": {"effort": None, "summary": None}, "store": True, "temperature": 1.0,
            "text": {"format": {"type": "text"}}, "tool_choice": "auto", "tools": req.get("tools") or [],
            "top_p": 1.0, "truncation": "disabled",
            "usage": {"input_tokens": pin, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": pout,
                      "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": pin + pout},
            "user": None, "metadata": {}}


def _pieces(text: str, key: str) -> list:
    """Split an answer into stream deltas of 1-4 words (leading spaces kept)."""
    if not text:
        return []
    words = text.split(" ")
    out, i, n = [], 0, 0
    while i < len(words):
        k = 1 + common.stable_hash(key, n) % 4
        chunk = " ".join(words[i:i + k])
        out.append(chunk if i == 0 else " " + chunk)
        i += k
        n += 1
    return out


def _sse(obj, event: str | None = None) -> bytes:
    data = json.dumps(obj, separators=(",", ":"))
    if event:
        return f"event: {event}\ndata: {data}\n\n".encode()
    return f"data: {data}\n\n".encode()


def openai_stream(model, rid, text, finish, pin, pout, tool, include_usage):
    base = {"id": f"chatcmpl-{rid}", "object": "chat.completion.chunk", "created": _now(), "model": model,
            "service_tier": "default", "system_fingerprint": "fp_harness01"}

    def chunk(delta, fin=None):
        return _sse(dict(base, choices=[{"index": 0, "delta": delta, "logprobs": None, "finish_reason": fin}]))

    ev = [chunk({"role": "assistant", "content": "", "refusal": None})]
    for p in _pieces(text, rid):
        ev.append(chunk({"content": p}))
    if tool:
        ev.append(chunk({"tool_calls": [{"index": 0, "id": tool["id"], "type": "function",
                                         "function": {"name": tool["name"], "arguments": ""}}]}))
        args = json.dumps(tool["args"])
        for i in range(0, len(args), 12):
            ev.append(chunk({"tool_calls": [{"index": 0, "function": {"arguments": args[i:i + 12]}}]}))
    ev.append(chunk({}, finish))
    if include_usage:
        ev.append(_sse(dict(base, choices=[], usage={"prompt_tokens": pin, "completion_tokens": pout,
                                                      "total_tokens": pin + pout})))
    ev.append(b"data: [DONE]\n\n")
    return ev


def anthropic_stream(model, rid, text, stop, pin, pout, tool):
    ev = [_sse({"type": "message_start", "message": {
        "id": f"msg_{rid}", "type": "message", "role": "assistant", "model": model, "content": [],
        "stop_reason": None, "stop_sequence": None,
        "usage": {"input_tokens": pin, "output_tokens": 1, "cache_creation_input_tokens": 0,
                  "cache_read_input_tokens": 0}}}, "message_start")]
    idx = 0
    if text:
        ev.append(_sse({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
                       "content_block_start"))
        ev.append(_sse({"type": "ping"}, "ping"))
        for p in _pieces(text, rid):
            ev.append(_sse({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": p}},
                           "content_block_delta"))
        ev.append(_sse({"type": "content_block_stop", "index": 0}, "content_block_stop"))
        idx = 1
    if tool:
        ev.append(_sse({"type": "content_block_start", "index": idx, "content_block": {
            "type": "tool_use", "id": "toolu_" + tool["id"][5:], "name": tool["name"], "input": {}}},
            "content_block_start"))
        args = json.dumps(tool["args"])
        for i in range(0, len(args), 12):
            ev.append(_sse({"type": "content_block_delta", "index": idx,
                            "delta": {"type": "input_json_delta", "partial_json": args[i:i + 12]}},
                           "content_block_delta"))
        ev.append(_sse({"type": "content_block_stop", "index": idx}, "content_block_stop"))
    ev.append(_sse({"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                    "usage": {"output_tokens": pout}}, "message_delta"))
    ev.append(_sse({"type": "message_stop"}, "message_stop"))
    return ev


def error_body(api: str, status: int) -> dict:
    if api == "anthropic":
        kind, msg = ("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit.") \
            if status == 429 else ("api_error", "Internal server error")
        return {"type": "error", "error": {"type": kind, "message": msg}}
    if status == 429:
        return {"error": {"message": "Rate limit reached for requests per min. Please try again in 1s.",
                          "type": "requests", "param": None, "code": "rate_limit_exceeded"}}
    return {"error": {"message": "The server had an error while processing your request. Sorry about that!",
                      "type": "server_error", "param": None, "code": None}}


# ----------------------------------------------------------------------------- server

class FakeLLMServer:
    def __init__(self, args, rules, index):
        self.args = args
        self.rules = rules
        self.index = index
        self.n = 0
        self.t_first = None
        self.stats = {"connections": 0, "requests": 0, "by_status": {}, "by_fault": {}}
        self.log = open(args.log, "a", encoding="utf-8", buffering=1) if args.log else None
        self._date = (0, "")

    def date(self) -> str:
        now = int(time.time())
        if self._date[0] != now:
            self._date = (now, email.utils.formatdate(now, usegmt=True))
        return self._date[1]

    # -- fault decision
    def decide(self, idx, label, domain, api, stream, key):
        t_rel = time.time() - (self.t_first or time.time())
        for r in self.rules:
            if "after_request" in r and idx < r["after_request"]:
                continue
            if "until_request" in r and idx >= r["until_request"]:
                continue
            if "after_seconds" in r and t_rel < r["after_seconds"]:
                continue
            if "until_seconds" in r and t_rel >= r["until_seconds"]:
                continue
            if not common.rule_matches(r, label, domain, api, stream):
                continue
            if unit("rate", r["id"], key) >= float(r.get("rate", 1.0)):
                continue
            return common.pick_fault(r, key), r
        return None, None

    # -- connection loop
    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.stats["connections"] += 1
        conn_id = self.stats["connections"]
        peer = writer.get_extra_info("peername") or ("", 0)
        writer.conn = (conn_id, peer[1])  # type: ignore[attr-defined]
        n_on_conn = 0
        try:
            while True:
                try:
                    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self.args.idle_timeout)
                except (asyncio.IncompleteReadError, asyncio.TimeoutError, ConnectionError):
                    break
                except asyncio.LimitOverrunError:
                    await self.send_json(writer, 431, {"error": {"message": "headers too large"}}, False, {}, "x")
                    break
                try:
                    method, target, version, headers = self.parse_head(head)
                    body = await self.read_body(reader, writer, headers)
                except BadRequest as e:
                    await self.send_json(writer, e.status, {"error": {"message": str(e), "type": "invalid_request_error"}},
                                         False, {}, "x")
                    break
                conn_hdr = headers.get("connection", "").lower()
                keep = (version == "HTTP/1.1" and "close" not in conn_hdr) or "keep-alive" in conn_hdr
                n_on_conn += 1
                writer.n_on_conn = n_on_conn  # type: ignore[attr-defined]
                await self.dispatch(method, target, headers, body, writer, keep)
                if not keep:
                    break
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            try:
                writer.close()
            except Exception:
                pass

    @staticmethod
    def parse_head(head: bytes):
        lines = head[:-4].decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise BadRequest(400, f"bad request line {lines[0][:80]!r}")
        headers = {}
        for ln in lines[1:]:
            k, sep, v = ln.partition(":")
            if not sep:
                raise BadRequest(400, f"bad header line {ln[:80]!r}")
            k = k.strip().lower()
            headers[k] = (headers[k] + ", " + v.strip()) if k in headers else v.strip()
        return parts[0], parts[1], parts[2], headers

    async def read_body(self, reader, writer, headers) -> bytes:
        if headers.get("expect", "").lower() == "100-continue":
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        if "chunked" in headers.get("transfer-encoding", "").lower():
            out = bytearray()
            while True:
                line = await reader.readuntil(b"\r\n")
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while (await reader.readuntil(b"\r\n")) != b"\r\n":
                        pass
                    return bytes(out)
                out += await reader.readexactly(size)
                await reader.readexactly(2)
                if len(out) > MAX_BODY:
                    raise BadRequest(413, "body too large")
        n = int(headers.get("content-length", "0") or 0)
        if n > MAX_BODY:
            raise BadRequest(413, "body too large")
        return await reader.readexactly(n) if n else b""

    # -- writing
    def head_bytes(self, status, headers: dict, keep: bool) -> bytes:
        h = [f"HTTP/1.1 {status} {REASONS.get(status, 'Unknown')}", f"Date: {self.date()}", "Server: fake-llm/1.0"]
        h += [f"{k}: {v}" for k, v in headers.items()]
        h.append("Connection: keep-alive" if keep else "Connection: close")
        return ("\r\n".join(h) + "\r\n\r\n").encode("latin-1")

    async def send_json(self, writer, status, obj, keep, extra, key, accept_gzip=False):
        body = json.dumps(obj, separators=(",", ":")).encode()
        hdrs = {"Content-Type": "application/json"}
        hdrs.update(extra)
        if self.args.gzip and accept_gzip:
            body = gzip.compress(body, compresslevel=5, mtime=0)
            hdrs["Content-Encoding"] = "gzip"
        if status == 200 and unit("chunked", key) < self.args.chunked_share:
            hdrs["Transfer-Encoding"] = "chunked"
            writer.write(self.head_bytes(status, hdrs, keep))
            cut = sorted({len(body) // 3, (2 * len(body)) // 3} - {0})
            prev = 0
            for c in cut + [len(body)]:
                if c > prev:
                    writer.write(b"%x\r\n" % (c - prev) + body[prev:c] + b"\r\n")
                prev = c
            writer.write(b"0\r\n\r\n")
        else:
            hdrs["Content-Length"] = str(len(body))
            writer.write(self.head_bytes(status, hdrs, keep) + body)
        await writer.drain()

    async def send_stream(self, writer, events, keep, extra, key):
        hdrs = {"Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache",
                "Transfer-Encoding": "chunked"}
        hdrs.update(extra)
        writer.write(self.head_bytes(200, hdrs, keep))
        await writer.drain()
        mode = unit("sse-mode", key)
        payloads = events
        if mode < self.args.sse_coalesce_share:  # several events in one HTTP chunk
            payloads, i = [], 0
            while i < len(events):
                k = 2 + common.stable_hash(key, "co", i) % 3
                payloads.append(b"".join(events[i:i + k]))
                i += k
        elif mode < self.args.sse_coalesce_share + self.args.sse_split_share:  # events cut across chunks
            payloads = []
            for i, e in enumerate(events):
                if len(e) > 8 and common.stable_hash(key, "sp", i) % 3 == 0:
                    cut = 1 + common.stable_hash(key, "at", i) % (len(e) - 1)
                    payloads += [e[:cut], e[cut:]]
                else:
                    payloads.append(e)
        delay = self.args.chunk_delay_ms / 1000.0
        for i, p in enumerate(payloads):
            writer.write(b"%x\r\n" % len(p) + p + b"\r\n")
            if delay:
                await asyncio.sleep(delay)
            elif i % 8 == 7:
                await writer.drain()
                await asyncio.sleep(0)  # yield so concurrent streams interleave on the wire
        writer.write(b"0\r\n\r\n")
        await writer.drain()

    # -- dispatch
    async def dispatch(self, method, target, headers, body, writer, keep):
        path = target.split("?", 1)[0]
        api = API_PATHS.get(path)
        if api is None:
            if method == "GET" and path in ("/health", "/healthz"):
                return await self.send_json(writer, 200, {"ok": True, "requests": self.n}, keep, {}, "h")
            if method == "GET" and path == "/v1/models":
                return await self.send_json(writer, 200, {"object": "list", "data": [
                    {"id": m, "object": "model", "owned_by": "harness"} for m in ("gpt-4o-mini", "claude-3-5-haiku")]},
                    keep, {}, "m")
            return await self.send_json(writer, 404, {"error": {"message": f"no route {path}", "type": "not_found"}},
                                        keep, {}, "x")
        if method != "POST":
            return await self.send_json(writer, 405, {"error": {"message": "use POST"}}, keep, {}, "x")
        t_recv = time.time()
        if self.t_first is None:
            self.t_first = t_recv
        idx = self.n
        self.n += 1
        self.stats["requests"] += 1
        crid = headers.get("x-client-request-id", "")
        rid = f"{idx:06d}{common.stable_hash(crid, idx) % 16**10:010x}"
        id_header = {"request-id": f"req_{rid}"} if api == "anthropic" else {
            "x-request-id": f"req_{rid}", "openai-processing-ms": "0"}
        entry = {"idx": idx, "crid": crid, "path": path, "api": api, "t_recv": round(t_recv, 6),
                 "conn": writer.conn[0], "client_port": writer.conn[1], "nth_on_conn": writer.n_on_conn,
                 "ua": headers.get("user-agent", "")[:60]}
        if not (headers.get("authorization") or headers.get("x-api-key")):
            entry.update(status=401, fault=None)
            self.record(entry)
            return await self.send_json(writer, 401, {"error": {"message": "missing API key",
                                                                "type": "authentication_error"}}, keep, id_header, rid)
        try:
            req = json.loads(body or b"null")
            if not isinstance(req, dict):
                raise ValueError("body must be a JSON object")
            user, all_text = extract(api, req)
        except (ValueError, BadRequest) as e:
            entry.update(status=400, fault=None, error=str(e)[:200])
            self.record(entry)
            return await self.send_json(writer, 400, {"error": {"message": f"invalid JSON body: {e}",
                                                                "type": "invalid_request_error"}},
                                        keep, id_header, rid)
        stream = bool(req.get("stream")) and api != "responses"
        model = str(req.get("model") or "unknown-model")
        label, domain, how = self.index.lookup(user)
        fault, rule = self.decide(idx, label, domain, api, stream, crid or f"idx{idx}")
        entry.update(stream=stream, model=model, label=label, domain=domain, lookup=how, fault=fault,
                     rule=rule["id"] if rule else None)
        accept_gzip = "gzip" in headers.get("accept-encoding", "")
        if fault in ("http_500", "http_429"):
            status = 429 if fault == "http_429" else 500
            entry["status"] = status
            self.record(entry)
            extra = dict(id_header)
            if status == 429:
                extra["retry-after"] = "1"
                extra["x-ratelimit-remaining-requests"] = "0"
            await asyncio.sleep(self.args.base_latency_ms / 1000.0)
            return await self.send_json(writer, status, error_body(api, status), keep, extra, rid)

        text = common.answer_text(user, None if label == "unknown" else label)
        finish = "stop"
        tool = None
        if fault == "refusal":
            text = REFUSAL_TEXT
        elif fault == "empty":
            text = ""
        elif fault == "length":
            text = common.truncate_words(text, 0.25 + 0.3 * unit("trunc", rid))
            finish = "length"
        else:
            cap = req.get("max_tokens") or req.get("max_completion_tokens") or req.get("max_output_tokens")
            if isinstance(cap, int) and cap > 0 and common.count_tokens(text) > cap:
                text = text[: cap * 4].rsplit(" ", 1)[0]
                finish = "length"
            if req.get("tools") and unit("toolcall", user) < self.args.tool_call_rate:
                tool = _tool_call(req, api, user, rid)
                text = "Let me look that up for you." if api == "anthropic" else ""
                finish = "tool_calls"
        pin, pout = common.count_tokens(all_text), common.count_tokens(text) + (12 if tool else 0)
        entry.update(status=200, finish=finish, out_words=len(text.split()), tool=tool["name"] if tool else None)
        self.record(entry)
        delay = self.args.base_latency_ms * (0.5 + unit("lat", rid))
        if fault == "latency":
            delay += float(rule.get("latency_ms", 500))
        if delay > 0:
            await asyncio.sleep(delay / 1000.0)

        if api == "anthropic":
            stop = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use"}[finish]
            if stream:
                return await self.send_stream(writer, anthropic_stream(model, rid, text, stop, pin, pout, tool),
                                              keep, id_header, rid)
            return await self.send_json(writer, 200, anthropic_body(model, rid, text, stop, pin, pout, tool),
                                        keep, id_header, rid, accept_gzip)
        if api == "responses":
            return await self.send_json(writer, 200, responses_body(model, rid, text, finish, pin, pout, tool, req),
                                        keep, id_header, rid, accept_gzip)
        if stream:
            usage = bool((req.get("stream_options") or {}).get("include_usage"))
            return await self.send_stream(writer, openai_stream(model, rid, text, finish, pin, pout, tool, usage),
                                          keep, id_header, rid)
        return await self.send_json(writer, 200, openai_body(model, rid, text, finish, pin, pout, tool),
                                    keep, id_header, rid, accept_gzip)

    def record(self, entry):
        st = str(entry.get("status"))
        self.stats["by_status"][st] = self.stats["by_status"].get(st, 0) + 1
        f = str(entry.get("fault"))
        self.stats["by_fault"][f] = self.stats["by_fault"].get(f, 0) + 1
        if self.log:
            self.log.write(json.dumps(entry, ensure_ascii=False) + "\n")


def load_rules(path):
    with open(path, encoding="utf-8") as f:
        obj = json.load(f)
    rules = obj["rules"] if isinstance(obj, dict) else obj
    for j, r in enumerate(rules):
        r.setdefault("id", f"file.f{j}")
    return rules


async def amain(args):
    datasets, templates, rules = [], [], []
    if args.scenario:
        scn = common.load_scenario(args.scenario, args.data_path, args.oos_path)
        datasets.append(common.load_dataset(scn["dataset"]))
        if scn.get("oos_source"):
            datasets.append(common.load_dataset(scn["oos_source"]))
        templates = common.scenario_templates(scn)
        if not args.faults:
            rules = common.compile_fault_rules(scn, common.scaled_phases(scn, args.scale))
    for spec in args.dataset or []:
        name, _, path = spec.partition("=")
        datasets.append(common.load_dataset({"name": name, "path": path}))
    if args.faults:
        rules = load_rules(args.faults)
    srv = FakeLLMServer(args, rules, LabelIndex(datasets, templates))
    server = await asyncio.start_server(srv.handle, args.host, args.port, limit=1 << 20, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(f"READY host={args.host} port={port} labels={len(srv.index.exact)} rules={len(rules)}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for s in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(s, stop.set)
    async with server:
        await stop.wait()
    if srv.log:
        srv.log.close()
    print("STATS " + json.dumps(srv.stats), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=18080, help="0 picks a free port (printed in the READY line)")
    ap.add_argument("--scenario", help="scenario JSON: dataset for label lookup and phase fault rules")
    ap.add_argument("--scale", type=float, default=1.0, help="request-count scale used by the driver")
    ap.add_argument("--data-path", help="override the scenario's dataset path")
    ap.add_argument("--oos-path", help="override the scenario's oos_source path")
    ap.add_argument("--dataset", action="append", help="extra dataset NAME=PATH for label lookup")
    ap.add_argument("--faults", help="JSON fault rules (list or {rules: [...]}); replaces the scenario's")
    ap.add_argument("--log", help="server log JSONL (one line per API request)")
    ap.add_argument("--gzip", action="store_true", help="gzip non-stream bodies when the client accepts gzip")
    ap.add_argument("--chunked-share", type=float, default=0.15,
                    help="share of non-stream 200 responses sent with Transfer-Encoding: chunked")
    ap.add_argument("--sse-coalesce-share", type=float, default=0.1, help="streams with several events per chunk")
    ap.add_argument("--sse-split-share", type=float, default=0.1, help="streams with events cut across chunks")
    ap.add_argument("--base-latency-ms", type=float, default=2.0, help="mean added latency per request")
    ap.add_argument("--chunk-delay-ms", type=float, default=0.0, help="sleep between stream chunks")
    ap.add_argument("--tool-call-rate", type=float, default=0.35, help="share of tool-offering requests answered "
                                                                        "with a tool call")
    ap.add_argument("--idle-timeout", type=float, default=75.0)
    args = ap.parse_args()
    if not ipaddress.ip_address(args.host).is_loopback:
        ap.error("--host must be a loopback address (127.0.0.0/8 or ::1)")
    try:
        import uvloop  # optional speed-up
        uvloop.install()
    except ImportError:
        pass
    asyncio.run(amain(args))


if __name__ == "__main__":
    main()
