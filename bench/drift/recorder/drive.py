#!/usr/bin/env python3
# Provenance: adapted from the team's traffic dev kit (tools/traffic/drive.py in the shared
# workspace, the team's own code), copied into slicewatch so bench/drift/ regenerates its drift
# scenarios without it. Change: live texts equal to an eval-set input are always left out of the
# live pools (not only when the eval set and the live traffic share a split).
"""Traffic driver: replays a scenario against the fake LLM server on 127.0.0.1.

Owns the request plan (which label, text, API, client, stream flag, system prompt,
history and tools each request gets, phase by phase, from a seeded RNG) and its execution
with real clients: the official `openai` and `anthropic` SDKs, `httpx` directly, and
`curl` for a few raw requests (engine "sdk", threads with one client set each, so
connections are reused), or a fast asyncio raw-socket HTTP/1.1 client (engine "raw") for
throughput runs. Phases run one after another (a barrier between them). Writes ground
truth JSONL, one line per HTTP request sent, joined with the server's log (injected
fault) when --server-log is given.

Run: python drive.py --scenario ../scenarios/control.json --port 18080 \
        --out /tmp/gt.jsonl --server-log /tmp/server_log.jsonl
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import random
import subprocess
import sys
import threading
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from common import OOS, stable_hash  # noqa: E402

OPENAI_KEY = "sk-proj-harnessFAKEkey0000000000000000000000000000"
ANTHROPIC_KEY = "sk-ant-api03-harnessFAKEkey000000000000000000000000000"
PATHS = {"openai-chat": "/v1/chat/completions", "anthropic": "/v1/messages", "responses": "/v1/responses"}

DEFAULT_TRAFFIC = {
    "engine": "sdk",
    "concurrency": 8,  # client threads in total (sdk: split over `processes` agent processes)
    "api_mix": {"openai-chat": 0.5, "anthropic": 0.35, "responses": 0.15},
    "stream_share": 0.45,
    "httpx_share": 0.08,
    "curl_per_phase": 3,
    "multi_turn_share": 0.25,
    "max_history_turns": 3,
    "tools_share": 0.15,
    "system_share": 0.85,
    "system_prompts": {"sp-concise": 3, "sp-support": 3, "sp-tools": 1, "sp-brief": 1},
    "content_parts_share": 0.1,
    "models": {"openai-chat": {"gpt-4o-mini": 3, "gpt-4.1-mini": 2, "gpt-4o": 1},
               "anthropic": {"claude-haiku-4-5": 2, "claude-sonnet-4-6": 1},
               "responses": {"gpt-4.1-mini": 2, "o4-mini": 1}},
    "max_tokens": 1024,
    "retries": 1,
    "retry_backoff_s": 0.05,
    "processes": 2,
    "rate_rps": None,
    "pause_s": 0.0,
    "timeout_s": 60.0,
}


def _weighted(rnd: random.Random, weights: dict):
    keys = list(weights)
    return rnd.choices(keys, weights=[float(weights[k]) for k in keys])[0]


def _alloc(total: int, weights: list) -> list:
    """Largest-remainder allocation of total into integer counts proportional to weights."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    counts = [int(x) for x in raw]
    rest = total - sum(counts)
    for i in sorted(range(len(raw)), key=lambda i: -(raw[i] - counts[i]))[:rest]:
        counts[i] += 1
    return counts


# ----------------------------------------------------------------------------- plan

class Pools:
    """Per-label text pools for live traffic (disjoint from the eval set where they share
    a split). Texts are drawn without replacement, cycling when a label runs dry."""

    def __init__(self, scn, ds):
        self.ds = ds
        live = scn.get("live_splits") or [s for s in ("test", "val") if s in ds.splits] or \
            [s for s in ds.splits if s != scn["baseline"].get("split", "train") and not s.startswith("oos")]
        live = [s for s in live if s in ds.splits]
        if not live:
            raise ValueError("no live splits available")
        # slicewatch: never send an eval-set item as live traffic, whatever the splits
        exclude = {t for t, _l, _s in common.select_baseline_items(scn, ds)}
        self.by_label: dict = {}
        for t, lab, s in ds.items(live):
            if lab in ds.oos_labels or t in exclude:
                continue
            self.by_label.setdefault(lab, []).append((t, s))
        self.by_label[OOS] = [(t, s) for t, _l, s in common.load_oos_items(scn, ds)]
        seed = scn["seed"]
        for lab, rows in self.by_label.items():
            random.Random(stable_hash(seed, "pool", lab)).shuffle(rows)
        self.cursor = {lab: 0 for lab in self.by_label}
        self.live_splits = live

    def take(self, label):
        rows = self.by_label.get(label)
        if not rows:
            raise ValueError(f"no live texts for label {label!r}")
        i = self.cursor[label]
        self.cursor[label] = i + 1
        return rows[i % len(rows)]

    def other(self, label, rnd, avoid):
        rows = self.by_label[label]
        for _ in range(5):
            t, _s = rows[rnd.randrange(len(rows))]
            if t != avoid:
                return t
        return rows[0][0]


def component_labels(key: str, ds, base_labels) -> list:
    if key == "baseline":
        return list(base_labels)
    if key == "all":
        return ds.labels()
    if key == OOS:
        return [OOS]
    kind, _, arg = key.partition(":")
    names = [a for a in arg.split(",") if a]
    if kind in ("domain", "domains"):
        doms = ds.domains()
        bad = [n for n in names if n not in doms]
        if bad:
            raise ValueError(f"mixture names unknown domain(s) {bad}; known: {sorted(doms)}")
        return [l for n in names for l in doms[n]]
    if kind in ("intent", "label", "intents", "labels"):
        known = set(ds.labels())
        bad = [n for n in names if n not in known]
        if bad:
            raise ValueError(f"mixture names unknown label(s) {bad}")
        return names
    raise ValueError(f"unknown mixture key {key!r} (baseline, all, oos, domain:X, intent:X)")


def build_plan(scn, ds, phases, run_tag) -> list:
    cfg0 = dict(DEFAULT_TRAFFIC)
    cfg0.update(scn.get("traffic", {}))
    pools = Pools(scn, ds)
    base_labels = common.baseline_labels(scn, ds)
    seed = scn["seed"]
    plan, seq = [], 0
    for pi, ph in enumerate(phases):
        cfg = dict(cfg0)
        cfg.update(ph.get("traffic", {}))
        rnd = random.Random(stable_hash(seed, "phase", pi))
        comps = list(ph["mixture"].items())
        counts = _alloc(int(ph["requests"]), [float(w) for _, w in comps])
        labels = []
        for (key, _w), c in zip(comps, counts):
            labs = component_labels(key, ds, base_labels)
            order = labs[:]
            rnd.shuffle(order)
            labels += [order[i % len(order)] for i in range(c)]
        rnd.shuffle(labels)
        n = len(labels)
        curl_at = set(rnd.sample(range(n), min(n, int(cfg["curl_per_phase"])))) if cfg["engine"] == "sdk" else set()
        for j, label in enumerate(labels):
            text, split = pools.take(label)
            r = random.Random(stable_hash(seed, "req", seq))
            api = _weighted(r, cfg["api_mix"])
            stream = api != "responses" and r.random() < cfg["stream_share"]
            if cfg["engine"] == "raw":
                client = "raw"
            elif j in curl_at:
                client = "curl"
            elif r.random() < cfg["httpx_share"]:
                client = "httpx"
            else:
                client = "anthropic-sdk" if api == "anthropic" else "openai-sdk"
            user_text, applied = common.apply_transforms(text, ph.get("transforms"), (seed, "tr", seq))
            history = []
            if r.random() < cfg["multi_turn_share"]:
                for _ in range(r.randint(1, int(cfg["max_history_turns"]))):
                    prev = pools.other(label, r, text)
                    history.append([prev, common.answer_text(prev, None if label == OOS else label)])
            tools = []
            if r.random() < cfg["tools_share"]:
                tools = sorted(r.sample([t["name"] for t in common.TOOL_DEFS], r.randint(1, 3)))
            system_id = _weighted(r, cfg["system_prompts"]) if r.random() < cfg["system_share"] else None
            plan.append({
                "seq": seq, "request_id": f"{run_tag}-{seq:06d}", "phase": ph["name"], "phase_index": pi,
                "label": label, "domain": ds.domain_of(label), "source_split": split,
                "api": api, "client": client, "path": PATHS[api], "stream": stream,
                "model": _weighted(r, cfg["models"][api]),
                "user_text": user_text, "original_text": text, "transforms": applied,
                "system_prompt_id": system_id, "history": history,
                "history_tool": bool(tools and history and r.random() < 0.5),
                "tools": tools, "content_parts": r.random() < cfg["content_parts_share"],
                "developer_role": r.random() < 0.2,
                "accept_gzip": r.random() < 0.5, "max_tokens": int(cfg["max_tokens"]),
                "attempt": 0, "retry_of": None,
            })
            seq += 1
    return plan


# ----------------------------------------------------------------------------- request bodies

def _tool_round(it):
    name = it["tools"][0]
    args = common.tool_arguments(common.TOOLS_BY_NAME[name], it["history"][-1][0])
    cid = f"call_{stable_hash(it['request_id'], 'hist') % 16**24:024x}"
    result = json.dumps({"ok": True, "items": [f"result for {' '.join(common.keywords(it['history'][-1][0]))}"]})
    return name, args, cid, result


def build_body(it) -> dict:
    api = it["api"]
    sp = common.SYSTEM_PROMPTS.get(it["system_prompt_id"]) if it["system_prompt_id"] else None
    final = [{"type": "text", "text": it["user_text"]}] if it["content_parts"] else it["user_text"]
    body = {"model": it["model"]}
    if api == "openai-chat":
        msgs = []
        if sp:
            msgs.append({"role": "developer" if it["developer_role"] else "system", "content": sp})
        for u, a in it["history"]:
            msgs += [{"role": "user", "content": u}, {"role": "assistant", "content": a}]
        if it["history_tool"]:
            name, args, cid, result = _tool_round(it)
            msgs += [{"role": "assistant", "content": None, "tool_calls": [
                {"id": cid, "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}]},
                {"role": "tool", "tool_call_id": cid, "content": result}]
        msgs.append({"role": "user", "content": final})
        body["messages"] = msgs
        body["max_completion_tokens" if it["developer_role"] else "max_tokens"] = it["max_tokens"]
        if it["stream"]:
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
    elif api == "anthropic":
        msgs = []
        for u, a in it["history"]:
            msgs += [{"role": "user", "content": u}, {"role": "assistant", "content": a}]
        if it["history_tool"]:
            name, args, cid, result = _tool_round(it)
            tid = "toolu_" + cid[5:]
            msgs.append({"role": "assistant", "content": [{"type": "text", "text": "Let me check that."},
                                                          {"type": "tool_use", "id": tid, "name": name, "input": args}]})
            msgs.append({"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": result},
                                                     {"type": "text", "text": it["user_text"]}]})
        else:
            msgs.append({"role": "user", "content": final})
        body["max_tokens"] = it["max_tokens"]
        body["messages"] = msgs
        if sp:
            body["system"] = sp
        if it["stream"]:
            body["stream"] = True
    else:  # responses
        if sp:
            body["instructions"] = sp
        if not it["history"] and not it["content_parts"]:
            body["input"] = it["user_text"]
        else:
            items = []
            for u, a in it["history"]:
                items += [{"role": "user", "content": u}, {"role": "assistant", "content": a}]
            if it["history_tool"]:
                name, args, cid, result = _tool_round(it)
                items += [{"type": "function_call", "call_id": cid, "name": name, "arguments": json.dumps(args)},
                          {"type": "function_call_output", "call_id": cid, "output": result}]
            items.append({"role": "user", "content": [{"type": "input_text", "text": it["user_text"]}]
                          if it["content_parts"] else it["user_text"]})
            body["input"] = items
        body["max_output_tokens"] = it["max_tokens"]
    if it["tools"]:
        body["tools"] = common.tools_for_api(api, it["tools"])
    return body


def auth_headers(it) -> dict:
    h = {"X-Client-Request-Id": it["request_id"]}
    if it["api"] == "anthropic":
        h.update({"x-api-key": ANTHROPIC_KEY, "anthropic-version": "2023-06-01"})
    else:
        h["Authorization"] = f"Bearer {OPENAI_KEY}"
    return h


# ----------------------------------------------------------------------------- response parsing (raw paths)

def parse_sse(api: str, raw: str) -> dict:
    """Output text, finish reason and tool names from an SSE body (OpenAI chat or Anthropic)."""
    text, finish, tools = [], None, []
    for block in raw.replace("\r\n", "\n").split("\n\n"):
        data = "\n".join(l[5:].lstrip() for l in block.split("\n") if l.startswith("data:"))
        if not data or data == "[DONE]":
            continue
        try:
            ev = json.loads(data)
        except json.JSONDecodeError:
            continue
        if api == "anthropic":
            t = ev.get("type")
            if t == "content_block_delta" and ev["delta"].get("type") == "text_delta":
                text.append(ev["delta"]["text"])
            elif t == "content_block_start" and ev["content_block"].get("type") == "tool_use":
                tools.append(ev["content_block"]["name"])
            elif t == "message_delta":
                finish = ev["delta"].get("stop_reason")
        else:
            for ch in ev.get("choices") or []:
                d = ch.get("delta") or {}
                if d.get("content"):
                    text.append(d["content"])
                for tc in d.get("tool_calls") or []:
                    if (tc.get("function") or {}).get("name"):
                        tools.append(tc["function"]["name"])
                if ch.get("finish_reason"):
                    finish = ch["finish_reason"]
    return {"output_text": "".join(text), "finish_reason": finish, "tool_calls": tools}


def parse_json_answer(api: str, obj: dict) -> dict:
    if api == "anthropic":
        return {"output_text": "".join(b.get("text", "") for b in obj.get("content", []) if b.get("type") == "text"),
                "finish_reason": obj.get("stop_reason"),
                "tool_calls": [b["name"] for b in obj.get("content", []) if b.get("type") == "tool_use"]}
    if api == "responses":
        text, tools = [], []
        for o in obj.get("output", []):
            if o.get("type") == "message":
                text += [c.get("text", "") for c in o.get("content", []) if c.get("type") == "output_text"]
            elif o.get("type") == "function_call":
                tools.append(o.get("name"))
        return {"output_text": "".join(text), "tool_calls": tools,
                "finish_reason": "length" if obj.get("status") == "incomplete" else
                ("tool_calls" if tools else "stop")}
    ch = (obj.get("choices") or [{}])[0]
    msg = ch.get("message") or {}
    return {"output_text": msg.get("content") or "", "finish_reason": ch.get("finish_reason"),
            "tool_calls": [tc["function"]["name"] for tc in msg.get("tool_calls") or []]}


# ----------------------------------------------------------------------------- SDK engine

class Worker:
    """One simulated agent process: its own SDK clients and connection pools."""

    def __init__(self, port: int, timeout: float):
        import anthropic
        import httpx
        import openai
        self.openai, self.anthropic = openai, anthropic
        self.base = f"http://127.0.0.1:{port}"
        self.oa = openai.OpenAI(base_url=self.base + "/v1", api_key=OPENAI_KEY, max_retries=0, timeout=timeout)
        self.an = anthropic.Anthropic(base_url=self.base, api_key=ANTHROPIC_KEY, max_retries=0, timeout=timeout)
        self.hx = httpx.Client(base_url=self.base, timeout=timeout,
                               headers={"User-Agent": "support-agent/2.3 httpx"})
        self.timeout = timeout
        self.n_stream = 0

    def close(self):
        for c in (self.oa, self.an, self.hx):
            try:
                c.close()
            except Exception:
                pass

    def run(self, it) -> dict:
        res = {"status": None, "output_text": None, "finish_reason": None, "tool_calls": [], "error": None,
               "t_first_byte": None, "retry_after": None}
        res["t_send"] = time.time()
        try:
            fn = {"openai-sdk": self._openai, "anthropic-sdk": self._anthropic, "httpx": self._httpx,
                  "curl": self._curl}[it["client"]]
            fn(it, build_body(it), res)
        except (self.openai.APIStatusError, self.anthropic.APIStatusError) as e:
            res["status"] = e.status_code
            res["error"] = type(e).__name__
            res["retry_after"] = e.response.headers.get("retry-after")
        except Exception as e:  # connection errors, parse errors: recorded, never fatal
            res["error"] = f"{type(e).__name__}: {str(e)[:200]}"
        res["t_recv"] = time.time()
        return res

    def _openai(self, it, body, res):
        hdr = {"X-Client-Request-Id": it["request_id"]}
        body = dict(body)
        model = body.pop("model")
        if it["api"] == "responses":
            r = self.oa.responses.create(model=model, extra_headers=hdr, **body)
            res["status"] = 200
            tools = [o.name for o in r.output if getattr(o, "type", "") == "function_call"]
            res.update(output_text=r.output_text, tool_calls=tools,
                       finish_reason="length" if r.status == "incomplete" else ("tool_calls" if tools else "stop"))
            return
        msgs = body.pop("messages")
        if not it["stream"]:
            r = self.oa.chat.completions.create(model=model, messages=msgs, extra_headers=hdr, **body)
            m = r.choices[0].message
            res.update(status=200, output_text=m.content or "", finish_reason=r.choices[0].finish_reason,
                       tool_calls=[tc.function.name for tc in m.tool_calls or []])
            return
        body.pop("stream")
        stream = self.oa.chat.completions.create(model=model, messages=msgs, stream=True, extra_headers=hdr, **body)
        res["status"] = 200
        text, tools = [], []
        for chunk in stream:
            if res["t_first_byte"] is None:
                res["t_first_byte"] = time.time()
            for ch in chunk.choices:
                if ch.delta.content:
                    text.append(ch.delta.content)
                for tc in ch.delta.tool_calls or []:
                    if tc.function and tc.function.name:
                        tools.append(tc.function.name)
                if ch.finish_reason:
                    res["finish_reason"] = ch.finish_reason
        res.update(output_text="".join(text), tool_calls=tools)

    def _anthropic(self, it, body, res):
        hdr = {"X-Client-Request-Id": it["request_id"]}
        body = dict(body)
        body.pop("stream", None)
        if not it["stream"]:
            r = self.an.messages.create(extra_headers=hdr, **body)
            res.update(status=200, finish_reason=r.stop_reason,
                       output_text="".join(b.text for b in r.content if b.type == "text"),
                       tool_calls=[b.name for b in r.content if b.type == "tool_use"])
            return
        self.n_stream += 1
        if self.n_stream % 2:  # the SDK's streaming helper
            with self.an.messages.stream(extra_headers=hdr, **body) as s:
                text = []
                for t in s.text_stream:
                    if res["t_first_byte"] is None:
                        res["t_first_byte"] = time.time()
                    text.append(t)
                msg = s.get_final_message()
            res.update(status=200, output_text="".join(text), finish_reason=msg.stop_reason,
                       tool_calls=[b.name for b in msg.content if b.type == "tool_use"])
            return
        stream = self.an.messages.create(stream=True, extra_headers=hdr, **body)  # raw event iterator
        res["status"] = 200
        text, tools = [], []
        for ev in stream:
            if res["t_first_byte"] is None:
                res["t_first_byte"] = time.time()
            if ev.type == "content_block_delta" and ev.delta.type == "text_delta":
                text.append(ev.delta.text)
            elif ev.type == "content_block_start" and ev.content_block.type == "tool_use":
                tools.append(ev.content_block.name)
            elif ev.type == "message_delta":
                res["finish_reason"] = ev.delta.stop_reason
        res.update(output_text="".join(text), tool_calls=tools)

    def _httpx(self, it, body, res):
        hdr = auth_headers(it)
        if not it["stream"]:
            r = self.hx.post(it["path"], json=body, headers=hdr)
            res["status"] = r.status_code
            if r.status_code == 200:
                res.update(parse_json_answer(it["api"], r.json()))
            else:
                res["error"] = f"HTTP {r.status_code}"
                res["retry_after"] = r.headers.get("retry-after")
            return
        with self.hx.stream("POST", it["path"], json=body, headers=hdr) as r:
            res["status"] = r.status_code
            parts = []
            for chunk in r.iter_text():
                if res["t_first_byte"] is None:
                    res["t_first_byte"] = time.time()
                parts.append(chunk)
        if res["status"] == 200:
            res.update(parse_sse(it["api"], "".join(parts)))
        else:
            res["error"] = f"HTTP {res['status']}"

    def _curl(self, it, body, res):
        cmd = ["curl", "-sS", "--http1.1", "-X", "POST", self.base + it["path"], "-H",
               "Content-Type: application/json", "--data-binary", "@-", "-w", "\n__HTTP_STATUS__%{http_code}",
               "--max-time", str(int(self.timeout))]
        for k, v in auth_headers(it).items():
            cmd += ["-H", f"{k}: {v}"]
        data = json.dumps(body).encode()
        if len(data) > 1024:  # as older curl, .NET and Java clients do: wait for "100 Continue"
            cmd += ["-H", "Expect: 100-continue"]
        if it["stream"]:
            cmd.append("-N")
        elif it["accept_gzip"]:
            cmd.append("--compressed")
        p = subprocess.run(cmd, input=data, capture_output=True, timeout=self.timeout + 5)
        out = p.stdout.decode("utf-8", "replace")
        body_txt, _, code = out.rpartition("\n__HTTP_STATUS__")
        res["status"] = int(code) if code.strip().isdigit() and int(code) else None
        if p.returncode != 0:
            res["error"] = f"curl rc={p.returncode}: {p.stderr.decode()[:200]}"
        elif res["status"] == 200:
            res.update(parse_sse(it["api"], body_txt) if it["stream"] else parse_json_answer(it["api"],
                                                                                          json.loads(body_txt)))
        else:
            res["error"] = f"HTTP {res['status']}"


class RateGate:
    """Request pacing shared by every thread of every driver process (rate_rps)."""

    def __init__(self, ctx):
        self.next = ctx.Value("d", 0.0)
        self.dt = 0.0

    def set_rate(self, rps, reset: bool):
        """Every process sets its own interval; one of them resets the shared clock."""
        self.dt = 1.0 / float(rps) if rps else 0.0
        if reset:
            with self.next.get_lock():
                self.next.value = time.time()

    def wait(self):
        if not self.dt:
            return
        with self.next.get_lock():
            t = max(self.next.value, time.time())
            self.next.value = t + self.dt
        d = t - time.time()
        if d > 0:
            time.sleep(d)


def _sdk_child(k, n_threads, by_phase, phases, cfg, port, counters, barrier, gate, out_path):
    """One simulated agent process: n_threads workers, each with its own SDK clients."""
    import warnings
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    workers = [Worker(port, float(cfg["timeout_s"])) for _ in range(n_threads)]
    lock = threading.Lock()
    out = open(out_path, "w", encoding="utf-8")
    times = []
    for pi, ph in enumerate(phases):
        pcfg = dict(cfg)
        pcfg.update(ph.get("traffic", {}))
        items, counter = by_phase[pi], counters[pi]
        retries = int(pcfg["retries"])
        barrier.wait()
        gate.set_rate(pcfg.get("rate_rps"), reset=(k == 0))
        barrier.wait()
        t0 = time.time()

        def loop(w):
            while True:
                with counter.get_lock():
                    i = counter.value
                    counter.value = i + 1
                if i >= len(items):
                    return
                it = items[i]
                while it is not None:
                    gate.wait()
                    res = w.run(it)
                    with lock:
                        out.write(json.dumps({"it": it, "res": res}) + "\n")
                    if res["status"] in (429, 500) and it["attempt"] < retries:
                        ra = res.get("retry_after")
                        time.sleep(min(float(ra) if ra else 1.0, float(pcfg["retry_backoff_s"])))
                        it = retry_item(it)
                    else:
                        it = None

        ths = [threading.Thread(target=loop, args=(w,), daemon=True) for w in workers]
        for t in ths:
            t.start()
        for t in ths:
            t.join()
        times.append((t0, time.time()))
        barrier.wait()
        if pcfg.get("pause_s") and pi < len(phases) - 1:
            time.sleep(float(pcfg["pause_s"]))
    for w in workers:
        w.close()
    out.write(json.dumps({"times": times}) + "\n")
    out.close()


def retry_item(it):
    """The same planned request sent again after a 429/500 (new request id on the wire)."""
    att = it["attempt"] + 1
    base = it["request_id"].split("-r")[0]
    return dict(it, attempt=att, retry_of=it["seq"] if it["retry_of"] is None else it["retry_of"],
                request_id=f"{base}-r{att}")


def run_sdk(plan, phases, cfg, port, tmp_prefix) -> tuple:
    import multiprocessing as mp

    import anthropic  # noqa: F401  imported once here, inherited by the forked agent processes
    import httpx  # noqa: F401
    import openai  # noqa: F401
    ctx = mp.get_context("fork")
    n_proc = max(1, int(cfg.get("processes", 2)))
    conc = max(n_proc, int(cfg["concurrency"]))
    by_phase = [[it for it in plan if it["phase_index"] == pi] for pi in range(len(phases))]
    counters = [ctx.Value("l", 0) for _ in phases]
    barrier = ctx.Barrier(n_proc)
    gate = RateGate(ctx)
    paths = [f"{tmp_prefix}.part{k}" for k in range(n_proc)]
    procs = []
    for k in range(n_proc):
        n_threads = conc // n_proc + (1 if k < conc % n_proc else 0)
        procs.append(ctx.Process(target=_sdk_child, args=(k, n_threads, by_phase, phases, cfg, port, counters,
                                                            barrier, gate, paths[k]), daemon=True))
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    bad = [p.exitcode for p in procs if p.exitcode != 0]
    if bad:
        raise RuntimeError(f"driver process(es) failed with exit codes {bad}")
    results, spans = [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                obj = json.loads(line)
                if "times" in obj:
                    spans.append(obj["times"])
                else:
                    results.append((obj["it"], obj["res"]))
        os.remove(path)
    phase_info = [{"name": ph["name"], "index": pi, "planned": len(by_phase[pi]),
                   "t_start": min(s[pi][0] for s in spans), "t_end": max(s[pi][1] for s in spans)}
                  for pi, ph in enumerate(phases)]
    return results, phase_info


# ----------------------------------------------------------------------------- raw engine

class RawConn:
    """Persistent HTTP/1.1 connection over asyncio streams (fast path for throughput)."""

    def __init__(self, port):
        self.port = port
        self.r = self.w = None

    async def request(self, it) -> dict:
        res = {"status": None, "output_text": None, "finish_reason": None, "tool_calls": [], "error": None,
               "t_first_byte": None, "retry_after": None}
        body = json.dumps(build_body(it), separators=(",", ":")).encode()
        hdr = auth_headers(it)
        head = [f"POST {it['path']} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Content-Type: application/json",
                f"Content-Length: {len(body)}", "User-Agent: harness-raw/1.0", "Accept: */*"]
        if it["accept_gzip"]:
            head.append("Accept-Encoding: gzip")
        head += [f"{k}: {v}" for k, v in hdr.items()]
        res["t_send"] = time.time()
        try:
            if self.w is None:
                self.r, self.w = await asyncio.open_connection("127.0.0.1", self.port, limit=1 << 20)
            self.w.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            while True:
                status_head = await self.r.readuntil(b"\r\n\r\n")
                if res["t_first_byte"] is None:
                    res["t_first_byte"] = time.time()
                lines = status_head.decode("latin-1").split("\r\n")
                status = int(lines[0].split(" ")[1])
                if status != 100:
                    break
            hh = {}
            for ln in lines[1:]:
                k, _, v = ln.partition(":")
                if k:
                    hh[k.strip().lower()] = v.strip()
            if "chunked" in hh.get("transfer-encoding", ""):
                data = bytearray()
                while True:
                    size = int((await self.r.readuntil(b"\r\n")).split(b";")[0], 16)
                    if size == 0:
                        await self.r.readuntil(b"\r\n")
                        break
                    data += await self.r.readexactly(size + 2)
                    del data[-2:]
                data = bytes(data)
            else:
                data = await self.r.readexactly(int(hh.get("content-length", "0")))
            if hh.get("content-encoding") == "gzip":
                data = gzip.decompress(data)
            elif hh.get("content-encoding") == "deflate":
                data = zlib.decompress(data)
            res["status"] = status
            if hh.get("connection", "").lower() == "close":
                self.w.close()
                self.w = None
            if status == 200:
                if hh.get("content-type", "").startswith("text/event-stream"):
                    res.update(parse_sse(it["api"], data.decode("utf-8")))
                else:
                    res.update(parse_json_answer(it["api"], json.loads(data)))
            else:
                res["error"] = f"HTTP {status}"
                res["retry_after"] = hh.get("retry-after")
        except (OSError, asyncio.IncompleteReadError, ValueError) as e:
            res["error"] = f"{type(e).__name__}: {str(e)[:200]}"
            if self.w is not None:
                self.w.close()
            self.w = None
        res["t_recv"] = time.time()
        return res

    def close(self):
        if self.w is not None:
            self.w.close()


async def _run_raw(plan, phases, cfg, port):
    results, phase_info = [], []
    conns = [RawConn(port) for _ in range(int(cfg["concurrency"]))]
    for pi, ph in enumerate(phases):
        pcfg = dict(cfg)
        pcfg.update(ph.get("traffic", {}))
        items = [it for it in plan if it["phase_index"] == pi]
        q: asyncio.Queue = asyncio.Queue()
        for it in items:
            q.put_nowait(it)
        retries = int(pcfg["retries"])
        t0 = time.time()
        dt = 1.0 / float(pcfg["rate_rps"]) if pcfg.get("rate_rps") else 0.0
        slot = [t0]

        async def loop(c):
            while not q.empty():
                it = q.get_nowait()
                while it is not None:
                    if dt:
                        t = max(slot[0], time.time())
                        slot[0] = t + dt
                        await asyncio.sleep(max(0.0, t - time.time()))
                    res = await c.request(it)
                    results.append((it, res))
                    if res["status"] in (429, 500) and it["attempt"] < retries:
                        await asyncio.sleep(float(pcfg["retry_backoff_s"]))
                        it = retry_item(it)
                    else:
                        it = None

        await asyncio.gather(*(loop(c) for c in conns))
        phase_info.append({"name": ph["name"], "index": pi, "planned": len(items), "t_start": t0,
                           "t_end": time.time()})
        if pcfg.get("pause_s") and pi < len(phases) - 1:
            await asyncio.sleep(float(pcfg["pause_s"]))
    for c in conns:
        c.close()
    await asyncio.sleep(0.05)
    return results, phase_info


# ----------------------------------------------------------------------------- ground truth

def truth_line(it, res, server) -> dict:
    row = {k: it[k] for k in ("seq", "request_id", "phase", "phase_index", "label", "domain", "source_split",
                              "api", "client", "path", "stream", "model", "user_text", "original_text",
                              "transforms", "system_prompt_id", "history_tool", "tools", "content_parts",
                              "attempt", "retry_of")}
    row["history_turns"] = len(it["history"])
    row["history_user_texts"] = [u for u, _a in it["history"]]
    row.update({k: res[k] for k in ("status", "finish_reason", "output_text", "tool_calls", "error")})
    row["t_send"] = round(res["t_send"], 6)
    row["t_first_byte"] = round(res["t_first_byte"], 6) if res["t_first_byte"] else None
    row["t_recv"] = round(res["t_recv"], 6)
    row["latency_ms"] = round((res["t_recv"] - res["t_send"]) * 1000, 3)
    s = server.get(it["request_id"]) if server is not None else None
    row["fault"] = s.get("fault") if s else None
    row["fault_rule"] = s.get("rule") if s else None
    row["server_idx"] = s.get("idx") if s else None
    row["server_label"] = s.get("label") if s else None
    row["server_lookup"] = s.get("lookup") if s else None
    row["server_conn"] = s.get("conn") if s else None
    row["client_port"] = s.get("client_port") if s else None
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--out", required=True, help="ground-truth JSONL")
    ap.add_argument("--server-log", help="server log to join (fault injected per request)")
    ap.add_argument("--phases-out", help="phase timing JSON")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every phase's request count")
    ap.add_argument("--concurrency", type=int)
    ap.add_argument("--engine", choices=["sdk", "raw"])
    ap.add_argument("--data-path")
    ap.add_argument("--oos-path")
    args = ap.parse_args()

    scn = common.load_scenario(args.scenario, args.data_path, args.oos_path)
    if args.concurrency:
        scn["traffic"]["concurrency"] = args.concurrency
    if args.engine:
        scn["traffic"]["engine"] = args.engine
    cfg = dict(DEFAULT_TRAFFIC)
    cfg.update(scn["traffic"])
    ds = common.load_dataset(scn["dataset"])
    phases = common.scaled_phases(scn, args.scale)
    run_tag = f"agent-{stable_hash(scn['name'], scn['seed']) % 16**6:06x}"
    t_plan = time.time()
    plan = build_plan(scn, ds, phases, run_tag)
    t_plan = time.time() - t_plan
    print(f"driver: {len(plan)} planned requests, {len(phases)} phases, engine={cfg['engine']}, "
          f"concurrency={cfg['concurrency']}, processes={cfg.get('processes', 2) if cfg['engine'] == 'sdk' else 1}, "
          f"plan built in {t_plan:.2f}s", flush=True)
    t0 = time.time()
    if cfg["engine"] == "raw":
        results, phase_info = asyncio.run(_run_raw(plan, phases, cfg, args.port))
    else:
        results, phase_info = run_sdk(plan, phases, cfg, args.port, args.out)
    dt = time.time() - t0
    server = None
    if args.server_log and os.path.exists(args.server_log):
        server = {}
        for row in common.read_jsonl(args.server_log):
            if row.get("crid"):
                server[row["crid"]] = row
    # retries get fresh sequence numbers after the planned ones, in the order they were sent
    retries = sorted((x for x in results if x[0]["attempt"] > 0), key=lambda x: x[1]["t_send"])
    for k, (it, _res) in enumerate(retries):
        it["seq"] = len(plan) + k
    rows = sorted((truth_line(it, res, server) for it, res in results), key=lambda r: r["seq"])
    common.write_jsonl(args.out, rows)
    for p in phase_info:
        p["sent"] = sum(1 for r in rows if r["phase_index"] == p["index"])
        p["mixture"] = phases[p["index"]].get("mixture")
        p["transforms"] = phases[p["index"]].get("transforms", [])
        p["faults"] = phases[p["index"]].get("faults", [])
    if args.phases_out:
        with open(args.phases_out, "w") as f:
            json.dump(phase_info, f, indent=1)
    errs = sum(1 for r in rows if r["error"])
    print(f"driver: sent {len(rows)} requests in {dt:.2f}s ({len(rows) / dt:.0f} req/s), "
          f"{errs} with error/non-200, ground truth -> {args.out}", flush=True)


if __name__ == "__main__":
    main()
