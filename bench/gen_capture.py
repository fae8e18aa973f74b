#!/usr/bin/env python3
"""gen_capture.py: writes a synthetic pcap of LLM-API-like HTTP/1.1 traffic for the capture benchmark.

Output: a classic pcap (little-endian, microsecond timestamps, link type Ethernet) holding N request/response
exchanges between many concurrent keep-alive clients and one API server. Standard library only.

Shape of the traffic
  * --clients (default 64) agents at 10.0.1.10, 10.0.1.11, ... each open keep-alive TCP connections from
    ephemeral ports to 10.1.0.1:8080, one connection at a time per client, 1-16 requests per connection,
    opened with SYN / SYN-ACK / ACK (MSS option) and closed with FIN / FIN-ACK / ACK.
    All clients run at once, so their packets are interleaved in time (merged by timestamp).
  * Requests: POST /v1/chat/completions (OpenAI style) or POST /v1/messages (Anthropic style), JSON bodies of
    a few hundred bytes to a few KB (system prompt, earlier turns, user message; text drawn from a word list).
  * Responses: ~45% streamed server-sent events (text/event-stream, Transfer-Encoding: chunked, one chunk per
    event, 20-200 content deltas spread over one to two seconds, a quarter of them gzip'd with a sync flush per
    event), the rest JSON with Content-Length, half of it gzip'd; about 2% are 429 JSON errors.
    OpenAI streams end with `data: [DONE]`; Anthropic streams use `event: ...` lines (message_start ...
    content_block_delta ... message_stop).
  * TCP: MSS 1448 segmentation, correct seq/ack numbers, PSH on the last segment of each write, a pure ACK
    from the receiver every second segment (and for a trailing odd one), IPv4 total length, IP ids, and
    correct IPv4 and TCP checksums. The capture point is the client host: packets from the server are stamped
    when they arrive, so an ACK is never seen before the data it covers.

Usage: gen_capture.py [--exchanges N] [--seed S] [--clients C] [-o FILE]
Prints the number of exchanges, packets and bytes written (to stdout) and the elapsed time.
The same N and seed always give the same file.
"""

import argparse
import heapq
import random
import struct
import sys
import time
import zlib

MSS = 1448
SERVER_IP = bytes([10, 1, 0, 1])
SERVER_PORT = 8080
SERVER_MAC = bytes.fromhex("020000000001")
GATEWAY_MAC = bytes.fromhex("020000000fe0")  # what the client host sees as the sender of server packets
START_US = 1_750_000_000 * 1_000_000  # 2025-06-15, a fixed epoch so files are reproducible

PCAP_GLOBAL = struct.Struct("<IHHiIII")
PCAP_RECORD = struct.Struct("<IIII")
# Ethernet (dst, src, type) + IPv4 (no options) + TCP fixed header, all big-endian.
HEADERS = struct.Struct(">6s6sH" "BBHHHBBH4s4s" "HHIIBBHHH")
MSS_OPTION = struct.pack(">BBH", 2, 4, MSS)

FIN, SYN, PSH, ACK = 0x01, 0x02, 0x08, 0x10

WORDS = """
the of and to in is that for it as with was on be by this are at from or an which have not but can all
model agent tool call result request response token context window prompt system user assistant message
data file line code function value error check test build run step plan task goal answer question reason
first next then after before when while because however therefore also only just more most less each every
analysis summary report table chart list item field record query index cache memory buffer stream packet
network server client service endpoint header body status latency throughput capture trace session slice
drift monitor metric signal window batch queue worker thread process module package library interface
customer order invoice payment account balance price product inventory shipment delivery address region
please review consider explain describe compare suggest provide include ensure verify confirm update
returns handles parses writes reads sends receives opens closes starts stops waits retries fails succeeds
quickly carefully clearly exactly roughly usually often rarely never always already still again
new old large small fast slow simple complex recent previous current final initial optional required
""".split()
PUNCT = [".", ".", ",", ",", ",", ":", ";", "?"]

OPENAI_MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1", "o3-mini"]
ANTHROPIC_MODELS = ["claude-sonnet-4-20250514", "claude-3-5-haiku-20241022", "claude-opus-4-20250514"]
USER_AGENTS = ["OpenAI/Python 1.54.3", "Anthropic/Python 0.39.0", "agent-runtime/0.9.2 (linux; x86_64)",
               "python-httpx/0.27.2", "node-fetch/3.3.2"]
HTTP_DATE = ["Sun, 15 Jun 2025 14:%02d:%02d GMT" % (m, s) for m in range(60) for s in range(60)]


def checksum_fold(total):
    """Ones' complement checksum of a sum of 16-bit words (2**16 == 1 mod 65535, so `total % 65535` folds).
    A folded sum of 0xFFFF gives checksum 0x0000, never 0xFFFF (RFC 1624)."""
    return (0xFFFF - total % 65535) % 0xFFFF


class Text:
    """Prose drawn as slices of one pre-generated word sequence (much cheaper than drawing every word)."""

    def __init__(self, rng, size=1 << 16):
        toks = rng.choices(WORDS, k=size)
        i = between(rng, 6, 14)
        while i < size:
            toks[i] += rng.choice(PUNCT)
            i += between(rng, 6, 14)
        self.text = " ".join(toks) + " "
        self.offsets = [0]
        for w in toks:
            self.offsets.append(self.offsets[-1] + len(w) + 1)
        self.size = size

    def words(self, rng, n):
        """n consecutive words, starting at a random place."""
        start = int(rng.random() * (self.size - n))
        return self.text[self.offsets[start]:self.offsets[start + n] - 1]


def between(rng, lo, hi):
    """A random int in [lo, hi), like rng.randrange(lo, hi) but cheaper."""
    return lo + int(rng.random() * (hi - lo))


class Connection:
    """One TCP connection as seen from the client host; queues (timestamp_us, record_bytes) into self.out."""

    def __init__(self, client_ip, client_mac, sport, rng, out):
        self.cip, self.cmac, self.sport, self.rng, self.out = client_ip, client_mac, sport, rng, out
        self.cseq = rng.getrandbits(32)
        self.sseq = rng.getrandbits(32)
        self.cid = rng.getrandbits(16)
        self.sid = rng.getrandbits(16)
        self.unacked = [0, 0]  # segments received but not yet ACKed: [by client, by server]
        ipsum = lambda b: (b[0] << 8 | b[1]) + (b[2] << 8 | b[3])
        addr = ipsum(client_ip) + ipsum(SERVER_IP)
        # Constant parts of the IPv4 header sum (version/IHL/TOS, DF flag, TTL/protocol, addresses) ...
        self.ip_const = 0x4500 + 0x4000 + (64 << 8 | 6) + addr
        # ... and of the TCP pseudo-header plus ports.
        self.tcp_const = addr + 6 + sport + SERVER_PORT
        self.stats = None

    def packet(self, t, from_client, flags, payload=b"", options=b""):
        if from_client:
            src_mac, dst_mac, src, dst, sp, dp = self.cmac, GATEWAY_MAC, self.cip, SERVER_IP, self.sport, SERVER_PORT
            seq, ack = self.cseq, (self.sseq if flags != SYN else 0)
            self.cid = ipid = (self.cid + 1) & 0xFFFF
        else:
            src_mac, dst_mac, src, dst, sp, dp = GATEWAY_MAC, self.cmac, SERVER_IP, self.cip, SERVER_PORT, self.sport
            seq, ack = self.sseq, self.cseq
            self.sid = ipid = (self.sid + 1) & 0xFFFF
        if not flags & SYN:
            flags |= ACK
        if flags & SYN and not from_client:
            flags |= ACK
        tcp_len = 20 + len(options) + len(payload)
        total_len = 20 + tcp_len
        ip_csum = checksum_fold(self.ip_const + total_len + ipid)
        offflags = ((20 + len(options)) >> 2) << 12 | flags
        window = 64240 if flags & SYN else 64128  # no window scaling is negotiated
        body = options + payload
        if len(body) & 1:
            body_val = int.from_bytes(body, "big") << 8
        else:
            body_val = int.from_bytes(body, "big")
        tcp_sum = (self.tcp_const + tcp_len + (seq >> 16) + (seq & 0xFFFF) + (ack >> 16) + (ack & 0xFFFF)
                   + offflags + window + body_val)
        tcp_csum = checksum_fold(tcp_sum)
        frame_len = 14 + total_len
        rec = PCAP_RECORD.pack(t // 1_000_000, t % 1_000_000, frame_len, frame_len) + HEADERS.pack(
            dst_mac, src_mac, 0x0800,
            0x45, 0, total_len, ipid, 0x4000, 64, 6, ip_csum, src, dst,
            sp, dp, seq, ack, offflags >> 8, offflags & 0xFF, window, tcp_csum, 0) + body
        self.out.append((t, rec))
        # advance our own sequence number
        adv = len(payload) + (1 if flags & (SYN | FIN) else 0)
        if from_client:
            self.cseq = (self.cseq + adv) & 0xFFFFFFFF
        else:
            self.sseq = (self.sseq + adv) & 0xFFFFFFFF

    def handshake(self, t):
        self.packet(t, True, SYN, options=MSS_OPTION)
        rtt = between(self.rng, 300, 2500)
        self.packet(t + rtt, False, SYN | ACK, options=MSS_OPTION)
        self.packet(t + rtt + 40, True, ACK)
        return t + rtt + 60

    def send(self, t, from_client, data, gap=12):
        """Sends one application write as MSS-sized segments; returns the time after the last segment.
        The receiver ACKs every second segment (30 us after it arrives, or one RTT/2 later when the server acks)."""
        ack_delay = 30 if from_client is False else 250
        n = len(data)
        for off in range(0, n, MSS):
            last = off + MSS >= n
            self.packet(t, from_client, PSH if last else 0, data[off:off + MSS])
            k = 1 if from_client else 0  # receiver index: server=1 when client sends
            self.unacked[k] += 1
            if self.unacked[k] >= 2:
                self.ack(t + ack_delay, not from_client)
            if not last:
                t += gap
        return t

    def ack(self, t, from_client):
        self.unacked[0 if from_client else 1] = 0
        self.packet(t, from_client, ACK)

    def flush_acks(self, t, from_client):
        """The receiver's delayed ACK for a trailing odd segment."""
        if self.unacked[0 if from_client else 1]:
            self.ack(t, from_client)

    def close(self, t):
        self.packet(t, True, FIN)
        rtt = between(self.rng, 300, 2500)
        self.packet(t + rtt, False, FIN)
        self.packet(t + rtt + 40, True, ACK)
        return t + rtt + 40


def chunk(data):
    return b"%x\r\n%s\r\n" % (len(data), data)


class Exchanges:
    """Builds request and response bytes for one exchange."""

    def __init__(self, rng, text):
        self.rng = rng
        self.text = text
        self.counter = 0

    def request(self, anthropic, stream, model):
        rng = self.rng
        system = self.text.words(rng, between(rng, 20, 160))
        turns = []
        for _ in range(rng.choice([0, 0, 0, 1, 2, 3])):
            turns.append(('user', self.text.words(rng, between(rng, 10, 120))))
            turns.append(('assistant', self.text.words(rng, between(rng, 10, 160))))
        turns.append(('user', self.text.words(rng, between(rng, 8, 400))))
        msgs = ",".join('{"role":"%s","content":"%s"}' % rt for rt in turns)
        max_tokens = rng.choice([256, 512, 1024, 2048, 4096])
        temp = rng.choice(["0", "0.2", "0.7", "1"])
        if anthropic:
            body = ('{"model":"%s","max_tokens":%d,"temperature":%s,"system":"%s","messages":[%s]%s}'
                    % (model, max_tokens, temp, system, msgs, ',"stream":true' if stream else ""))
            path = "/v1/messages"
            auth = "x-api-key: sk-ant-bench-%016x\r\nanthropic-version: 2023-06-01\r\n" % rng.getrandbits(64)
        else:
            body = ('{"model":"%s","messages":[{"role":"system","content":"%s"},%s],"max_tokens":%d,'
                    '"temperature":%s%s}' % (model, system, msgs, max_tokens, temp,
                                             ',"stream":true,"stream_options":{"include_usage":true}' if stream else ""))
            path = "/v1/chat/completions"
            auth = "Authorization: Bearer sk-bench-%024x\r\n" % rng.getrandbits(96)
        body = body.encode()
        head = ("POST %s HTTP/1.1\r\nHost: api.bench.internal:8080\r\nUser-Agent: %s\r\n%s"
                "Content-Type: application/json\r\nAccept: %s\r\nAccept-Encoding: gzip, deflate\r\n"
                "Connection: keep-alive\r\nContent-Length: %d\r\n\r\n"
                % (path, rng.choice(USER_AGENTS), auth,
                   "text/event-stream" if stream else "application/json", len(body)))
        return head.encode() + body

    def response_head(self, status, ctype, extra):
        return ("HTTP/1.1 %s\r\nDate: %s\r\nContent-Type: %s\r\n%sx-request-id: req_%020x\r\n"
                "Connection: keep-alive\r\n\r\n" % (status, self.rng.choice(HTTP_DATE), ctype, extra,
                                                     self.rng.getrandbits(80))).encode()

    def json_response(self, anthropic, model, gz):
        """Returns the full response bytes (head + body) for a non-streamed reply."""
        rng = self.rng
        self.counter += 1
        if rng.random() < 0.02:
            if anthropic:
                body = b'{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}'
            else:
                body = b'{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}'
            return self.response_head("429 Too Many Requests", "application/json",
                                      "retry-after: %d\r\nContent-Length: %d\r\n" % (between(rng, 1, 30), len(body))) + body
        n = between(rng, 20, 500)
        text = self.text.words(rng, n)
        if anthropic:
            body = ('{"id":"msg_%024x","type":"message","role":"assistant","model":"%s","content":[{"type":"text",'
                    '"text":"%s"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":%d,'
                    '"output_tokens":%d}}' % (rng.getrandbits(96), model, text, between(rng, 50, 3000), n))
        else:
            body = ('{"id":"chatcmpl-%024x","object":"chat.completion","created":%d,"model":"%s","choices":[{"index":0,'
                    '"message":{"role":"assistant","content":"%s"},"logprobs":null,"finish_reason":"stop"}],'
                    '"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}'
                    % (rng.getrandbits(96), 1750000000 + self.counter, model, text, 400, n, 400 + n))
        body = body.encode()
        extra = ""
        if gz:
            c = zlib.compressobj(6, zlib.DEFLATED, 31)
            body = c.compress(body) + c.flush()
            extra = "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"
        return self.response_head("200 OK", "application/json", extra + "Content-Length: %d\r\n" % len(body)) + body

    def stream_events(self, anthropic, model):
        """Returns the list of SSE event payloads (bytes, each ending in a blank line) for a streamed reply."""
        rng = self.rng
        self.counter += 1
        n = between(rng, 20, 201)
        ident = "%024x" % rng.getrandbits(96)
        ev = []
        if anthropic:
            ev.append('event: message_start\ndata: {"type":"message_start","message":{"id":"msg_%s","type":"message",'
                      '"role":"assistant","model":"%s","content":[],"stop_reason":null,"stop_sequence":null,'
                      '"usage":{"input_tokens":%d,"output_tokens":1}}}\n\n' % (ident, model, between(rng, 50, 3000)))
            ev.append('event: content_block_start\ndata: {"type":"content_block_start","index":0,'
                      '"content_block":{"type":"text","text":""}}\n\n')
            ev.append('event: ping\ndata: {"type": "ping"}\n\n')
            for _ in range(n):
                ev.append('event: content_block_delta\ndata: {"type":"content_block_delta","index":0,'
                          '"delta":{"type":"text_delta","text":"%s "}}\n\n' % self.text.words(rng, between(rng, 1, 4)))
            ev.append('event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n')
            ev.append('event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn",'
                      '"stop_sequence":null},"usage":{"output_tokens":%d}}\n\n' % n)
            ev.append('event: message_stop\ndata: {"type":"message_stop"}\n\n')
        else:
            pre = 'data: {"id":"chatcmpl-%s","object":"chat.completion.chunk","created":%d,"model":"%s",' % (
                ident, 1750000000 + self.counter, model)
            ev.append(pre + '"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n')
            for _ in range(n):
                ev.append(pre + '"choices":[{"index":0,"delta":{"content":"%s "},"finish_reason":null}]}\n\n'
                          % self.text.words(rng, between(rng, 1, 4)))
            ev.append(pre + '"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n')
            ev.append(pre + '"choices":[],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}\n\n'
                      % (400, n, 400 + n))
            ev.append('data: [DONE]\n\n')
        return [e.encode() for e in ev]


def client_packets(ci, count, seed, text):
    """Yields (timestamp_us, record) for every packet of one client, in non-decreasing time order."""
    rng = random.Random(seed * 1_000_003 + ci)
    ex = Exchanges(rng, text)
    cip = bytes([10, 0, 1 + ci // 200, 10 + ci % 200])
    cmac = bytes([0x02, 0x00, 0x00, 0x01, ci >> 8 & 0xFF, ci & 0xFF])
    port = between(rng, 32768, 60000)
    t = START_US + between(rng, 0, 2_000_000)
    left = count
    while left > 0:
        out = []
        port = port + 1 if port < 60999 else 32768
        conn = Connection(cip, cmac, port, rng, out)
        t = conn.handshake(t)
        per_conn = min(left, between(rng, 1, 17))
        left -= per_conn
        for _ in range(per_conn):
            t += between(rng, 500, 20_000)  # client prepares the request
            anthropic = rng.random() < 0.5
            model = rng.choice(ANTHROPIC_MODELS if anthropic else OPENAI_MODELS)
            stream = rng.random() < 0.45
            req = ex.request(anthropic, stream, model)
            t = conn.send(t, True, req)
            rtt = between(rng, 300, 2500)
            conn.flush_acks(t + rtt // 2 + 200, False)  # server's delayed ACK of the request tail
            if not stream:
                t += between(rng, 150_000, 3_000_000)  # whole completion generated before replying
                t = conn.send(t, False, ex.json_response(anthropic, model, rng.random() < 0.5))
                conn.flush_acks(t + 200, True)
                t += 400
            else:
                t += between(rng, 80_000, 700_000)  # time to first token
                gz = rng.random() < 0.25
                ctype = "text/event-stream" if anthropic else "text/event-stream; charset=utf-8"
                extra = "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n"
                if gz:
                    extra = "Content-Encoding: gzip\r\n" + extra
                t = conn.send(t, False, ex.response_head("200 OK", ctype, extra))
                events = ex.stream_events(anthropic, model)
                spread = between(rng, 1_000_000, 2_000_000)
                step = spread // len(events)
                comp = zlib.compressobj(6, zlib.DEFLATED, 31) if gz else None
                for i, e in enumerate(events):
                    t += between(rng, step // 2, step * 3 // 2) + 1
                    if comp is not None:
                        e = comp.compress(e) + comp.flush(zlib.Z_SYNC_FLUSH if i + 1 < len(events) else zlib.Z_FINISH)
                    t = conn.send(t, False, chunk(e))
                t += between(rng, 50, 2000)
                t = conn.send(t, False, b"0\r\n\r\n")
                conn.flush_acks(t + 200, True)
                t += 400
            # per-exchange ordering is settled here: an exchange's packets never overlap the next one's
            out.sort(key=lambda p: p[0])
            yield from out
            out.clear()
        t += between(rng, 2_000, 40_000)  # idle keep-alive, then the client closes
        t = conn.close(t)
        out.sort(key=lambda p: p[0])
        yield from out
        t += between(rng, 1_000, 200_000)  # until the client opens its next connection


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--exchanges", type=int, default=20000, help="number of HTTP exchanges (default 20000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--clients", type=int, default=64, help="concurrent clients (default 64)")
    ap.add_argument("-o", "--output", default="capture.pcap", help="output file (default capture.pcap)")
    args = ap.parse_args()
    if args.exchanges < 0 or args.clients < 1 or args.clients > 40000:
        ap.error("need --exchanges >= 0 and 1 <= --clients <= 40000")

    started = time.monotonic()
    per = [args.exchanges // args.clients + (1 if i < args.exchanges % args.clients else 0)
           for i in range(args.clients)]
    text = Text(random.Random(args.seed))
    streams = [client_packets(i, n, args.seed, text) for i, n in enumerate(per) if n]
    packets = 0
    written = PCAP_GLOBAL.size
    buf = bytearray()
    with open(args.output, "wb") as f:
        f.write(PCAP_GLOBAL.pack(0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for _, rec in heapq.merge(*streams, key=lambda p: p[0]):
            buf += rec
            packets += 1
            if len(buf) >= 1 << 22:
                f.write(buf)
                written += len(buf)
                buf.clear()
        f.write(buf)
        written += len(buf)
    elapsed = time.monotonic() - started
    print("exchanges %d packets %d bytes %d (%.1f MB) file %s in %.1f s"
          % (args.exchanges, packets, written, written / 1e6, args.output, elapsed))


if __name__ == "__main__":
    sys.exit(main())
