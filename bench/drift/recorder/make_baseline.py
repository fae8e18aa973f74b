#!/usr/bin/env python3
# Provenance: adapted from the team's traffic dev kit (tools/traffic/make_baseline.py in the shared
# workspace, the team's own code), copied into slicewatch so bench/drift/ regenerates its drift
# scenarios without it. Changes: `baseline.seed` (falls back to the scenario seed), `baseline.tag_split`
# (false: tags are only {intent, domain}, as in samples/evalset/), the id prefix `baseline.id_prefix`.
"""Writes the "evaluation baseline" eval set: JSONL graded items from a dataset's train split.

Owns the stand-in for a team's existing graded eval set: for the chosen labels (a scenario's
`baseline` block, or flags), a seeded sample of the split, one line per item:
  {"id", "input", "tags": {"intent", "domain", "split"}, "score" (0..1), "pass" (bool), "output"}
Most items pass (pass_rate); labels or domains named in low_pass get lower pass rates.
Failing items carry a failing output (a refusal, an empty or a truncated answer).

Run: python make_baseline.py --scenario ../scenarios/control.json --out /tmp/eval_set.jsonl
"""
from __future__ import annotations

import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from common import unit  # noqa: E402


def pass_rate_for(b: dict, label: str, domain: str) -> float:
    low = b.get("low_pass", {})
    for key in (f"intent:{label}", f"label:{label}", label, f"domain:{domain}"):
        if key in low:
            return float(low[key])
    return float(b.get("pass_rate", 0.93))


def build_eval_set(scn: dict, ds: common.Dataset) -> list:
    b = scn.get("baseline", {})
    seed = b.get("seed", scn["seed"])
    items = common.select_baseline_items(scn, ds)
    # exact pass counts per label: round(rate * n) items pass, chosen in seeded-hash order
    by_label: dict = {}
    for text, label, _split in items:
        by_label.setdefault(label, []).append(text)
    passing = set()
    for label, texts in by_label.items():
        k = round(pass_rate_for(b, label, ds.domain_of(label)) * len(texts))
        passing.update(sorted(texts, key=lambda t: unit(seed, "pass", t))[:k])
    rows = []
    for i, (text, label, split) in enumerate(items):
        domain = ds.domain_of(label)
        passed = text in passing
        v = unit(seed, "score", text)
        score = round(0.6 + 0.4 * v ** 0.5, 3) if passed else round(0.02 + 0.43 * v, 3)
        tags = {"intent": label, "domain": domain}
        if b.get("tag_split", True):
            tags["split"] = split
        row = {"id": f"{b.get('id_prefix', ds.name + '-ev')}-{i:05d}", "input": text,
               "tags": tags, "score": score, "pass": passed}
        if b.get("with_output", True):
            answer = common.answer_text(text, None if label == common.OOS else label)
            if not passed:
                kind = common.stable_hash(seed, "failkind", text) % 3
                answer = [common.REFUSAL_TEXT, "", common.truncate_words(answer, 0.3)][kind]
            row["output"] = answer
        rows.append(row)
    return rows


def describe(rows: list, b: dict) -> str:
    by_label = collections.Counter(r["tags"]["intent"] for r in rows)
    passed = sum(r["pass"] for r in rows)
    lines = [f"{len(rows)} items, {len(by_label)} labels, "
             f"{len({r['tags']['domain'] for r in rows})} domains, pass rate {passed / max(1, len(rows)):.3f}"]
    for key in b.get("low_pass", {}):
        kind, _, name = key.partition(":")
        sel = [r for r in rows if (r["tags"]["domain"] if kind == "domain" else r["tags"]["intent"]) == (name or kind)]
        if sel:
            lines.append(f"  {key}: {len(sel)} items, pass rate {sum(r['pass'] for r in sel) / len(sel):.3f}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenario", help="take dataset and baseline settings from a scenario JSON")
    ap.add_argument("--dataset", help="dataset name (clinc150, or any name with --data-path)")
    ap.add_argument("--data-path", help="dataset path (file or directory); overrides the scenario's")
    ap.add_argument("--format", help="clinc150 | csv | jsonl (guessed from the path when absent)")
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--label-field", help="label column (csv/jsonl)")
    ap.add_argument("--split", help="split to sample (default train)")
    ap.add_argument("--per-label", type=int, help="items per label (default: all)")
    ap.add_argument("--include-domains", help="comma-separated")
    ap.add_argument("--exclude-domains", help="comma-separated")
    ap.add_argument("--pass-rate", type=float)
    ap.add_argument("--low-pass", help="comma-separated KEY=RATE, KEY = intent:NAME or domain:NAME")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--no-output", action="store_true", help="omit the output field")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    if args.scenario:
        scn = common.load_scenario(args.scenario, args.data_path)
    else:
        if not (args.dataset and args.data_path):
            ap.error("give --scenario, or --dataset and --data-path")
        spec = {"name": args.dataset, "path": args.data_path, "text_field": args.text_field}
        if args.format:
            spec["format"] = args.format
        if args.label_field:
            spec["label_field"] = args.label_field
        scn = {"name": "cli", "seed": 1, "dataset": spec, "baseline": {}}
    b = scn["baseline"]
    for key, val in (("split", args.split), ("per_label", args.per_label), ("pass_rate", args.pass_rate),
                     ("seed", None)):
        if val is not None:
            b[key] = val
    if args.seed is not None:
        scn["seed"] = args.seed
    if args.include_domains:
        b["include_domains"] = args.include_domains.split(",")
    if args.exclude_domains:
        b["exclude_domains"] = args.exclude_domains.split(",")
    if args.low_pass:
        b["low_pass"] = {k: float(v) for k, v in (kv.rsplit("=", 1) for kv in args.low_pass.split(","))}
    if args.no_output:
        b["with_output"] = False
    ds = common.load_dataset(scn["dataset"])
    rows = build_eval_set(scn, ds)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    common.write_jsonl(args.out, rows)
    print(f"eval set -> {args.out}: " + describe(rows, b))


if __name__ == "__main__":
    main()
