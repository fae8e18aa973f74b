#!/usr/bin/env python3
"""score.py: scores slicewatch's drift alerts on one recorded drift scenario.

Reads the alert stream of `slicewatch replay CAPTURE --baseline B --format json` (JSON lines) from stdin
or --input, and the scenario's recording (summary.json / phases.json / ground_truth.jsonl / eval_set.jsonl
written by bench/drift/record.sh), and reports:

  * delay      interactions from the drift start until the first firing alert
                 (alert index - drift_start_index; drift_start_index = requests sent before the drift phase)
  * slice      whether that alert names the right slice: "novel" for oos-*, unseen-domain-*, pasted-documents;
                 for domain-doubled, a slice whose eval items are mostly the doubled domain (see
                 slice_majority_domain below); also the delay until the first firing alert with the right slice
  * false      false alerts: firing alerts at or before the drift start, or any firing alert in a scenario
                 without drift (control)

Usage
  slicewatch replay /tmp/slicewatch-drift/oos-10/capture.pcap --baseline baseline.json --format json \\
    | bench/drift/score.py --scenario-dir /tmp/slicewatch-drift/oos-10 --baseline baseline.json \\
                           [--results results.jsonl] [--json]
  bench/drift/score.py --table results.jsonl       one row per scored scenario
  bench/drift/score.py --self-test                 checks the parser and the scoring on built-in events

Robustness: lines that are not JSON, or JSON that is neither an alert nor a slices section, are counted
and skipped. A line may also be a JSON array of events, or one object holding "alerts"/"events" and
"slices" lists. Repeated "firing" lines for the same (slice, statistic) count as one alert episode until
a "resolved" line closes it. When an alert has no interaction index but a timestamp, the index is the
number of ground-truth requests sent up to that time. Exit status: 0 when scored (whatever the verdict),
2 on a usage error or unreadable recording. Python 3 standard library only.

The output schema of `slicewatch replay` is not settled yet: every field name this script reads is in
SCHEMA just below, so adapting it is a one-place change.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys

# ============================================================================ the replay schema, in one place
SCHEMA = {
    # an alert event, as `slicewatch replay --format json` printed it on 2026-11-23:
    #   {"type": "alert", "state": "pending|firing|resolved", "key": "novelty/novel", "test": "novelty",
    #    "slice": "novel" | "s07" | null, "descriptor": null | "turns", "statistic": "binomial",
    #    "interaction_index": 3000, "time": 1795465950.2, ...}
    # other lines (type "window", "summary") are skipped, except that their "slices" lists are read
    "type_field": "type",
    "alert_types": ("alert",),
    "state_field": "state",
    "states_firing": ("firing",),
    "states_pending": ("pending",),
    "states_resolved": ("resolved",),
    "key_field": "key",                       # identity of an alert episode, e.g. "novelty/novel";
                                              # absent: (slice, statistic) is the identity
    "test_field": "test",                     # kind of test (novelty, slice_share, descriptor, ...), shown only
    "slice_field": "slice",
    "novel_slice_names": ("novel",),          # compared case-insensitively, also before a "/" ("novel/oos")
    "statistic_field": "statistic",
    # number of interactions seen so far when the alert changed state; first field present wins
    "index_fields": ("interaction_index", "window_end_index"),
    # packet-time fallbacks (seconds since the epoch) when no index field is present
    "time_fields": ("time", "window_end_time", "timestamp"),
    # containers: an object holding several events, e.g. {"alerts": [...]} or {"events": [...]}
    "event_list_fields": ("alerts", "events"),
    # a slices section: {"type": "slices", "slices": [...]} or any object with a "slices" list/dict
    "slices_types": ("slices",),
    "slices_field": "slices",
    # per slice (in the replay's section or in baseline.json's "slices" array)
    "slice_id_field": "id",
    "slice_domain_fields": ("domain", "majority_domain"),  # used as is when present
    "slice_majority_tag_field": "majority_tag",            # an intent in the drift eval set
    "slice_examples_field": "examples",                    # eval-set input texts
}


# ============================================================================ slice -> domain mapping
def slice_majority_domain(slice_id, replay_slices: dict, baseline_slices: dict, ev: "EvalIndex"):
    """THE MAPPING FROM A SLICE ID TO A CLINC150 DOMAIN (used to judge domain-doubled).

    The right answer is "the domain most of the slice's eval items carry". Neither the replay output nor
    baseline.json lists a slice's members yet, so this approximates it, in order:
      1. a domain field on the slice (replay section first, then baseline.json): used as is;
      2. the slice's example inputs (eval-set texts): the majority of their eval-set domains, ties broken
         by the domain of the slice's majority tag;
      3. the slice's majority tag (an intent): that intent's domain in the eval set;
      4. the slice id itself: "domain:X" -> X, or an intent name -> its domain, or a domain name.
    Returns (domain or None, how). Replace this function when the replay reports slice members or domains.
    """
    if slice_id is None:
        return None, "no slice"
    infos = [i for i in (replay_slices.get(str(slice_id)), baseline_slices.get(str(slice_id))) if i]
    for info in infos:
        for f in SCHEMA["slice_domain_fields"]:
            if isinstance(info.get(f), str) and info[f]:
                return info[f], f"slice field {f}"
    tag_domain = None
    for info in infos:
        tag = info.get(SCHEMA["slice_majority_tag_field"])
        if isinstance(tag, str):
            tag_domain = ev.intent_domain.get(tag) or (tag if tag in ev.domains else None)
            if tag_domain:
                break
    for info in infos:
        ex = info.get(SCHEMA["slice_examples_field"])
        if isinstance(ex, list):
            votes = collections.Counter(ev.text_domain[t] for t in ex if isinstance(t, str) and t in ev.text_domain)
            if votes:
                top = max(votes.values())
                best = sorted(d for d, n in votes.items() if n == top)
                if tag_domain in best:
                    return tag_domain, f"examples ({top}/{sum(votes.values())}) + majority tag"
                return best[0], f"examples ({top}/{sum(votes.values())})"
    if tag_domain:
        return tag_domain, "majority tag"
    s = str(slice_id)
    if s.startswith("domain:"):
        return s[7:], "slice id"
    if s in ev.intent_domain:
        return ev.intent_domain[s], "slice id is an intent"
    if s in ev.domains:
        return s, "slice id is a domain"
    return None, "unknown slice"


# ============================================================================ inputs
class EvalIndex:
    """Eval-set lookups: input text -> domain, intent -> domain."""

    def __init__(self, path: str | None):
        self.text_domain, self.intent_domain, self.domains = {}, {}, set()
        if path and os.path.exists(path):
            for row in read_jsonl(path):
                tags = row.get("tags") or {}
                d, i = tags.get("domain"), tags.get("intent")
                if d:
                    self.domains.add(d)
                    if isinstance(row.get("input"), str):
                        self.text_domain.setdefault(row["input"], d)
                    if i:
                        self.intent_domain.setdefault(i, d)


def read_jsonl(path: str) -> list:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_baseline_slices(path: str | None) -> dict:
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return slices_to_dict(doc.get(SCHEMA["slices_field"]))


def slices_to_dict(sl) -> dict:
    """A slices section as {id: info}: accepts a list of objects with an id, or a dict id -> object."""
    out = {}
    if isinstance(sl, list):
        for s in sl:
            if isinstance(s, dict) and s.get(SCHEMA["slice_id_field"]) is not None:
                out[str(s[SCHEMA["slice_id_field"]])] = s
    elif isinstance(sl, dict):
        for k, v in sl.items():
            if isinstance(v, dict):
                out[str(k)] = v
    return out


def parse_stream(text: str) -> tuple:
    """Returns (alerts, replay_slices, stats). Never raises on odd input."""
    alerts, slices = [], {}
    stats = collections.Counter()

    def visit(obj, depth=0):
        if depth > 3:
            return
        if isinstance(obj, list):
            for o in obj:
                visit(o, depth + 1)
            return
        if not isinstance(obj, dict):
            stats["other_json"] += 1
            return
        kind = obj.get(SCHEMA["type_field"])
        used = False
        if kind in SCHEMA["alert_types"] or (kind is None and SCHEMA["state_field"] in obj
                                              and (SCHEMA["slice_field"] in obj or SCHEMA["statistic_field"] in obj)):
            alerts.append(obj)
            stats["alert_lines"] += 1
            return
        if kind in SCHEMA["slices_types"] or isinstance(obj.get(SCHEMA["slices_field"]), (list, dict)):
            got = slices_to_dict(obj.get(SCHEMA["slices_field"]))
            slices.update(got)
            stats["slices_sections"] += 1
            used = True
        for f in SCHEMA["event_list_fields"]:
            if isinstance(obj.get(f), list):
                visit(obj[f], depth + 1)
                used = True
        if not used:
            stats["other_json"] += 1

    stripped = text.strip()
    if stripped.startswith(("{", "[")):
        try:  # one JSON document (pretty-printed or single line)
            visit(json.loads(stripped))
            return alerts, slices, stats
        except json.JSONDecodeError:
            pass
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            visit(json.loads(line))
        except json.JSONDecodeError:
            stats["non_json_lines"] += 1
    return alerts, slices, stats


class Recording:
    """What the scenario's recording says: drift start, expected slice, request times."""

    def __init__(self, d: str | None, drift_start=None, expect_slice=None):
        self.dir = d
        self.name = os.path.basename(os.path.normpath(d)) if d else "stdin"
        self.summary, self.phases, self.t_send = {}, [], []
        if d:
            sp = os.path.join(d, "summary.json")
            if os.path.exists(sp):
                with open(sp, encoding="utf-8") as f:
                    self.summary = json.load(f)
                self.name = self.summary.get("scenario", self.name)
            pp = os.path.join(d, "phases.json")
            if os.path.exists(pp):
                with open(pp, encoding="utf-8") as f:
                    self.phases = json.load(f)
            gp = os.path.join(d, "ground_truth.jsonl")
            if os.path.exists(gp):
                self.t_send = sorted(r["t_send"] for r in read_jsonl(gp) if r.get("t_send"))
        self.expect = self.summary.get("expect") or {}
        self.requests = self.summary.get("requests") or len(self.t_send) or None
        if drift_start is not None:
            self.drift_start = drift_start
        elif "drift_start_index" in self.summary:
            self.drift_start = self.summary["drift_start_index"]
        else:  # older outputs: count requests of the phases before expect.drift_phase
            self.drift_start = None
            name = self.expect.get("drift_phase")
            n = 0
            for p in self.phases:
                if p.get("name") == name:
                    self.drift_start = n
                    break
                n += int(p.get("sent", p.get("planned", 0)))
        if expect_slice:
            kind, _, dom = expect_slice.partition(":")
            self.expected = {"kind": "novel"} if kind == "novel" else {"kind": "domain", "domain": dom}
        else:
            self.expected = self.expect.get("expected_slice")
        if self.drift_start is None:
            self.expected = None

    def index_at_time(self, t: float) -> int:
        import bisect
        return bisect.bisect_right(self.t_send, t)


# ============================================================================ scoring
def alert_index(a: dict, rec: Recording):
    for f in SCHEMA["index_fields"]:
        v = a.get(f)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return int(v), f
    for f in SCHEMA["time_fields"]:
        v = a.get(f)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and rec.t_send:
            return rec.index_at_time(float(v)), f"{f} (mapped to an index with the ground truth)"
    return None, None


def is_novel(slice_id) -> bool:
    if slice_id is None:
        return False
    s = str(slice_id).strip().lower()
    names = {n.lower() for n in SCHEMA["novel_slice_names"]}
    return s in names or s.split("/")[0] in names


def alert_key(a: dict) -> str:
    k = a.get(SCHEMA["key_field"])
    if isinstance(k, str) and k:
        return k
    return f"{a.get(SCHEMA['slice_field'])}/{a.get(SCHEMA['statistic_field'])}"


def episodes(alerts: list, rec: Recording) -> tuple:
    """Firing episodes in index order (one per key from its first "firing" line until "resolved"),
    the pending lines, and the number of firing episodes without an index."""
    open_keys, out, pending = set(), [], []
    unplaced = 0
    keyed = []
    for k, a in enumerate(alerts):
        idx, _how = alert_index(a, rec)
        keyed.append((idx if idx is not None else float("inf"), k, idx, a))
    for _sort, _k, idx, a in sorted(keyed, key=lambda x: (x[0], x[1])):
        state = str(a.get(SCHEMA["state_field"], "")).lower()
        key = alert_key(a)
        if state in SCHEMA["states_pending"]:
            pending.append({"index": idx, "key": key, "slice": a.get(SCHEMA["slice_field"])})
        elif state in SCHEMA["states_resolved"]:
            open_keys.discard(key)
        elif state in SCHEMA["states_firing"]:
            if key in open_keys:
                continue
            open_keys.add(key)
            if idx is None:
                unplaced += 1
            out.append({"index": idx, "key": key, "slice": a.get(SCHEMA["slice_field"]),
                        "statistic": a.get(SCHEMA["statistic_field"]), "test": a.get(SCHEMA["test_field"])})
    return out, pending, unplaced


def score(alerts, replay_slices, stats, rec: Recording, baseline_slices, ev: EvalIndex) -> dict:
    eps, pending, unplaced = episodes(alerts, rec)
    n_pending = len(pending)
    ds = rec.drift_start
    exp = rec.expected

    def correct(e):
        if not exp:
            return None
        if e.get("key") in (exp.get("also_keys") or []):  # e.g. descriptor/characters for pasted documents
            return True, f"acceptable signal {e['key']}"
        if exp.get("kind") == "novel":
            return is_novel(e["slice"]), ("novel" if is_novel(e["slice"]) else "not novel")
        if exp.get("kind") == "domain":
            if is_novel(e["slice"]):
                return False, "novel"
            dom, how = slice_majority_domain(e["slice"], replay_slices, baseline_slices, ev)
            return dom == exp.get("domain"), f"{dom} ({how})"
        return None, "unknown expectation"

    placed = [e for e in eps if e["index"] is not None]
    if ds is None:
        false = placed
        after = []
    else:
        false = [e for e in placed if e["index"] <= ds]
        after = [e for e in placed if e["index"] > ds]
    for e in after:
        ok, why = correct(e) or (None, None)
        e["slice_ok"], e["slice_is"] = ok, why
    first_ok = next((e for e in after if e.get("slice_ok")), None)
    first = after[0] if after else None
    if first and first_ok and first_ok["index"] == first["index"]:
        first = first_ok  # several alerts fired in the same window: the right one counts as the first
    first_pending = next((p for p in pending if p["index"] is not None and ds is not None and p["index"] > ds), None)
    res = {
        "scenario": rec.name, "requests": rec.requests, "drift_start": ds,
        "expected_slice": ("novel" if exp and exp.get("kind") == "novel" else
                           f"domain:{exp.get('domain')}" if exp else None),
        "firing_episodes": len(eps), "pending_lines": n_pending, "unplaced_firing": unplaced,
        "false_alerts": len(false),
        "false_alert_examples": [{k: e[k] for k in ("index", "key", "slice", "statistic")} for e in false[:5]],
        "detected": first is not None,
        "first_firing": ({k: first[k] for k in ("index", "key", "slice", "statistic", "slice_ok", "slice_is")}
                         if first else None),
        "delay": (first["index"] - ds) if first else None,
        "slice_ok": first.get("slice_ok") if first else None,
        "delay_to_right_slice": (first_ok["index"] - ds) if first_ok else None,
        "delay_to_first_pending": (first_pending["index"] - ds) if first_pending else None,
        "input": dict(stats),
    }
    if ds is None:
        res["verdict"] = "PASS" if not false else "FAIL (false alerts)"
    elif not first:
        res["verdict"] = "MISS (no firing alert after the drift start)"
    elif false:
        res["verdict"] = "FAIL (false alerts before the drift)"
    elif first_ok:
        res["verdict"] = "PASS" if first_ok is first else "PASS (right slice, not first)"
    else:
        res["verdict"] = "WRONG SLICE"
    if rec.requests and placed and max(e["index"] for e in placed) > rec.requests:
        res["warning"] = (f"alert index {max(e['index'] for e in placed)} > {rec.requests} recorded requests: "
                          "check which index field the replay reports")
    return res


def describe(r: dict) -> str:
    lines = [f"{r['scenario']}: {r['verdict']}"]
    if r["drift_start"] is None:
        lines.append(f"  no drift in {r['requests']} interactions; firing alerts (all false): {r['false_alerts']}")
    else:
        lines.append(f"  drift starts after interaction {r['drift_start']} of {r['requests']}; expected slice "
                     f"{r['expected_slice']}")
        if r["first_firing"]:
            f = r["first_firing"]
            lines.append(f"  first firing alert at {f['index']} (+{r['delay']} interactions): {f['key']}, slice "
                         f"{f['slice']!r} -> slice {'right' if f['slice_ok'] else 'wrong'} ({f['slice_is']})")
            if r["delay_to_first_pending"] is not None:
                lines.append(f"  first pending alert after the drift start: +{r['delay_to_first_pending']}")
            if r["delay_to_right_slice"] is not None and not f["slice_ok"]:
                lines.append(f"  first firing alert with the right slice: +{r['delay_to_right_slice']}")
        else:
            lines.append("  no firing alert after the drift start")
        lines.append(f"  false alerts (firing at or before the drift start): {r['false_alerts']}")
    for e in r["false_alert_examples"]:
        lines.append(f"    false: index {e['index']}, {e['key']}, slice {e['slice']!r}, statistic {e['statistic']!r}")
    lines.append(f"  firing episodes {r['firing_episodes']}, pending lines {r['pending_lines']}, "
                 f"input {r['input']}")
    if r.get("warning"):
        lines.append("  warning: " + r["warning"])
    return "\n".join(lines)


def table(path: str) -> None:
    rows = read_jsonl(path)
    hdr = f"{'scenario':18} {'drift@':>6} {'delay':>6} {'first alert (slice/key)':>22} {'right':>5} {'right@':>6} {'false':>5}  verdict"
    print(hdr + "\n" + "-" * len(hdr))
    for r in rows:
        f = r.get("first_firing") or {}
        first = f.get("slice") if f.get("slice") is not None else f.get("key", "-")
        print(f"{r['scenario']:18} {str(r['drift_start']):>6} {str(r['delay']):>6} {str(first):>22} "
              f"{str(r['slice_ok']):>5} {str(r['delay_to_right_slice']):>6} {r['false_alerts']:>5}  {r['verdict']}")


# ============================================================================ self-test
def self_test() -> int:
    ev = EvalIndex(None)
    ev.text_domain = {"how do i make pasta": "kitchen_and_dining", "book a table": "kitchen_and_dining",
                      "what is my balance": "banking"}
    ev.intent_domain = {"recipe": "kitchen_and_dining", "balance": "banking"}
    ev.domains = {"kitchen_and_dining", "banking"}
    base = {"s1": {"id": "s1", "majority_tag": "recipe", "examples": ["how do i make pasta", "book a table"]},
            "s2": {"id": "s2", "majority_tag": "balance", "examples": ["what is my balance"]}}
    rec = Recording(None)
    rec.name, rec.requests = "t", 6000
    checks = []

    def run(lines, drift, expected):
        rec.drift_start, rec.expected = drift, expected
        a, s, st = parse_stream("\n".join(lines))
        return score(a, s, st, rec, base, ev)

    r = run(['not json', '{"type":"window","n":500}',
             '{"type":"alert","state":"pending","slice":"novel","statistic":"novel_rate","interaction_index":2300}',
             '{"type":"alert","state":"firing","slice":"novel","statistic":"novel_rate","interaction_index":2500}',
             '{"type":"alert","state":"firing","slice":"novel","statistic":"novel_rate","interaction_index":3000}',
             '{"type":"alert","state":"resolved","slice":"novel","statistic":"novel_rate","interaction_index":3500}'],
            2000, {"kind": "novel"})
    checks.append(("novel delay", r["delay"] == 500 and r["slice_ok"] and r["false_alerts"] == 0
                   and r["firing_episodes"] == 1 and r["verdict"] == "PASS" and r["input"]["non_json_lines"] == 1))
    r = run(['{"type":"alert","state":"firing","slice":"s2","statistic":"share","window_end_index":1500}',
             '{"type":"alert","state":"firing","slice":"s1","statistic":"share","window_end_index":2600}'],
            2000, {"kind": "domain", "domain": "kitchen_and_dining"})
    checks.append(("domain mapping + false alert", r["false_alerts"] == 1 and r["slice_ok"] and r["delay"] == 600))
    r = run(['[{"type":"alert","state":"firing","slice":"s2","statistic":"share","interaction_index":2100}]',
             '{"slices":[{"id":"s2","domain":"kitchen_and_dining"}]}'],
            2000, {"kind": "domain", "domain": "kitchen_and_dining"})
    checks.append(("replay slices section wins", r["slice_ok"] is True))
    r = run(['{"alerts":[{"type":"alert","state":"firing","slice":"novel","statistic":"x","interaction_index":900}]}'],
            None, None)
    checks.append(("control false alert", r["false_alerts"] == 1 and r["verdict"].startswith("FAIL")))
    r = run([], None, None)
    checks.append(("empty control passes", r["verdict"] == "PASS"))
    r = run(['{"type":"alert","state":"firing","slice":"s1","statistic":"share","interaction_index":2100}'],
            2000, {"kind": "novel"})
    checks.append(("wrong slice", r["verdict"] == "WRONG SLICE"))
    bad = [n for n, ok in checks if not ok]
    for n, ok in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {n}")
    return 1 if bad else 0


# ============================================================================ main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenario-dir", help="the scenario's recording (summary.json, phases.json, ground_truth.jsonl)")
    ap.add_argument("--input", help="replay output (JSON lines); default stdin")
    ap.add_argument("--baseline", help="baseline.json (its slices feed the slice -> domain mapping)")
    ap.add_argument("--eval-set", help="eval set JSONL (default: SCENARIO_DIR/eval_set.jsonl)")
    ap.add_argument("--drift-start", type=int, help="override: interactions before the drift starts")
    ap.add_argument("--expect-slice", help="override: 'novel' or 'domain:NAME'")
    ap.add_argument("--results", help="append the result as one JSON line to this file")
    ap.add_argument("--json", action="store_true", help="print the result as JSON instead of text")
    ap.add_argument("--table", metavar="RESULTS", help="print a table of the results in RESULTS and exit")
    ap.add_argument("--self-test", action="store_true", help="run the built-in checks and exit")
    args = ap.parse_args()
    if args.self_test:
        sys.exit(self_test())
    if args.table:
        table(args.table)
        return
    if not args.scenario_dir and args.drift_start is None:
        ap.error("give --scenario-dir (or --drift-start and --expect-slice)")
    if args.scenario_dir and not os.path.isdir(args.scenario_dir):
        print(f"score.py: no such scenario directory {args.scenario_dir}", file=sys.stderr)
        sys.exit(2)
    if args.input:
        with open(args.input, encoding="utf-8", errors="replace") as f:
            text = f.read()
    else:
        if sys.stdin.isatty():
            ap.error("pipe the replay output in, or give --input")
        text = sys.stdin.read()
    try:
        rec = Recording(args.scenario_dir, args.drift_start, args.expect_slice)
        ev = EvalIndex(args.eval_set or (os.path.join(args.scenario_dir, "eval_set.jsonl") if args.scenario_dir else None))
        base = load_baseline_slices(args.baseline)
    except (OSError, ValueError) as e:
        print(f"score.py: cannot read the recording or baseline: {e}", file=sys.stderr)
        sys.exit(2)
    alerts, replay_slices, stats = parse_stream(text)
    res = score(alerts, replay_slices, stats, rec, base, ev)
    print(json.dumps(res) if args.json else describe(res))
    if args.results:
        with open(args.results, "a", encoding="utf-8") as f:
            f.write(json.dumps(res) + "\n")


if __name__ == "__main__":
    main()
