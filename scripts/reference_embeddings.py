#!/usr/bin/env python3
"""reference_embeddings.py: independent NumPy reference for the Swift MiniLMEncoder.

Reads the same model files that scripts/fetch-model.sh installs (model.safetensors, vocab.txt, config.json) with a
tiny hand-written safetensors parser, tokenizes with its own implementation of BERT's uncased basic + WordPiece
tokenizer (a line-by-line port of the rules of HF transformers' BasicTokenizer/WordpieceTokenizer, so that neither
`tokenizers` nor `transformers` is needed), runs the BERT forward pass in float64, mean-pools over the attention
mask and L2-normalises. Writes Tests/Fixtures/embeddings/reference.json: for each fixed sentence its token ids and
its 384-dim vector rounded to 6 decimals. Needs only NumPy.

Usage: scripts/reference_embeddings.py [MODEL_DIR] [OUT_JSON]
"""
import json
import math
import os
import struct
import sys
import unicodedata

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_TOKENS = 256  # sentence-transformers max_seq_length for all-MiniLM-L6-v2

SENTENCES = [
    "how do i say i love you in italian",
    "what's my account balance?",
    "Please book a table for 4 at 7:30pm, at Luigi's!",
    "I'd like a café au lait and a naïve résumé review.",
    "",
    "transfer $1,250.75 from checking to savings on 2024-03-15",
    "我想预订明天去北京的机票",
    "can you translate 'good morning' into 日本語 (Japanese)?",
    "CAN YOU TELL ME MY CREDIT SCORE???",
    "set an alarm for 6am -- no, make it 6:15",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "x" * 120 + " is a very long word",
    " ".join(
        "the quick brown fox jumps over the lazy dog while my agent books flights, "
        "checks the weather in Zürich and converts 300 euros to dollars."
        .split() * 12
    ),
]


# ---------------------------------------------------------------- tokenizer

def is_whitespace(ch):
    if ch in (" ", "\t", "\n", "\r"):
        return True
    return unicodedata.category(ch) == "Zs"


def is_control(ch):
    if ch in ("\t", "\n", "\r"):
        return False
    return unicodedata.category(ch).startswith("C")


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_tokenize(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or is_control(ch):
            continue
        if is_whitespace(ch):
            out.append(" ")
        elif is_cjk(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    tokens = []
    for word in "".join(out).split():
        word = word.lower()
        word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
        current = []
        for ch in word:
            if is_punctuation(ch):
                if current:
                    tokens.append("".join(current))
                    current = []
                tokens.append(ch)
            else:
                current.append(ch)
        if current:
            tokens.append("".join(current))
    return tokens


def wordpiece(word, vocab):
    if len(word) > 100:
        return ["[UNK]"]
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            sub = word[start:end]
            if start > 0:
                sub = "##" + sub
            if sub in vocab:
                found = sub
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def encode(text, vocab):
    pieces = [p for w in basic_tokenize(text) for p in wordpiece(w, vocab)]
    pieces = pieces[: MAX_TOKENS - 2]
    return [vocab["[CLS]"]] + [vocab[p] for p in pieces] + [vocab["[SEP]"]]


# ---------------------------------------------------------------- model

def load_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    base = 8 + n
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue
        a, b = meta["data_offsets"]
        tensors[name] = np.frombuffer(raw[base + a : base + b], dtype="<f4").reshape(meta["shape"]).astype(np.float64)
    return tensors


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


_erf = np.vectorize(math.erf)


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def embed(ids, W, cfg, prefix):
    p = lambda name: W[prefix + name]
    heads = cfg["num_attention_heads"]
    hidden = cfg["hidden_size"]
    hd = hidden // heads
    eps = cfg["layer_norm_eps"]
    n = len(ids)
    x = p("embeddings.word_embeddings.weight")[ids] + p("embeddings.position_embeddings.weight")[:n] \
        + p("embeddings.token_type_embeddings.weight")[0]
    x = layer_norm(x, p("embeddings.LayerNorm.weight"), p("embeddings.LayerNorm.bias"), eps)
    for i in range(cfg["num_hidden_layers"]):
        L = lambda name: p(f"encoder.layer.{i}.{name}")
        dense = lambda h, name: h @ L(name + ".weight").T + L(name + ".bias")
        q = dense(x, "attention.self.query").reshape(n, heads, hd).transpose(1, 0, 2)
        k = dense(x, "attention.self.key").reshape(n, heads, hd).transpose(1, 0, 2)
        v = dense(x, "attention.self.value").reshape(n, heads, hd).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / math.sqrt(hd)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        ctx = (s @ v).transpose(1, 0, 2).reshape(n, hidden)
        x = layer_norm(dense(ctx, "attention.output.dense") + x,
                       L("attention.output.LayerNorm.weight"), L("attention.output.LayerNorm.bias"), eps)
        h = gelu(dense(x, "intermediate.dense"))
        x = layer_norm(dense(h, "output.dense") + x, L("output.LayerNorm.weight"), L("output.LayerNorm.bias"), eps)
    pooled = x.mean(0)  # one unpadded sentence: every token has mask 1
    return pooled / max(np.linalg.norm(pooled), 1e-12)


def main():
    model_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "models", "all-MiniLM-L6-v2")
    out_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "Tests", "Fixtures", "embeddings", "reference.json")
    with open(os.path.join(model_dir, "vocab.txt"), encoding="utf-8") as f:
        vocab = {line.rstrip("\n"): i for i, line in enumerate(f)}
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    W = load_safetensors(os.path.join(model_dir, "model.safetensors"))
    prefix = "bert." if "bert.embeddings.word_embeddings.weight" in W else ""
    cases = []
    for text in SENTENCES:
        ids = encode(text, vocab)
        vec = embed(ids, W, cfg, prefix)
        cases.append({"text": text, "ids": ids, "embedding": [round(float(v), 6) for v in vec]})
        print(f"{len(ids):4d} tokens  {text[:60]!r}", file=sys.stderr)
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write('{\n  "model": "all-MiniLM-L6-v2",\n  "max_tokens": %d,\n  "cases": [\n' % MAX_TOKENS)
        for j, c in enumerate(cases):
            f.write("    " + json.dumps(c, ensure_ascii=False, separators=(",", ":")))
            f.write(",\n" if j + 1 < len(cases) else "\n")
        f.write("  ]\n}\n")
    print(f"wrote {len(cases)} cases to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
