# Provenance: adapted from the team's traffic dev kit (tools/traffic/common.py in the shared
# workspace, the team's own code), copied into slicewatch so bench/drift/ regenerates its drift
# scenarios without it. Changes: a scenario's `baseline` may name a JSON file (one eval-set
# spec shared by every scenario), and the eval-set sample uses `baseline.seed` when given.
"""Shared core of the LLM-traffic harness.

Owns everything the server, the driver and the baseline builder must agree on:
the generic dataset loader (clinc150 JSON, CSV, JSONL; domain maps or keyword rules),
the deterministic answer generator, the text transforms and their inverse (so the fake
server can still look a wrapped input up by exact text), tool and system-prompt pools,
scenario loading, baseline item selection, and compilation of per-phase fault rules into
the server's request-index rules. Pure functions over plain data; no network, no threads.
"""
from __future__ import annotations

import csv
import glob
import hashlib
import json
import os
import random
import re
from dataclasses import dataclass, field

OOS = "oos"
REFUSAL_TEXT = "I'm sorry, I can't help with that."
HERE = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------------------- hashing

def stable_hash(*parts) -> int:
    """64-bit hash that is identical across processes and Python versions."""
    h = hashlib.blake2b(digest_size=8)
    for p in parts:
        h.update(str(p).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return int.from_bytes(h.digest(), "big")


def unit(*parts) -> float:
    """Deterministic pseudo-random number in [0, 1)."""
    return stable_hash(*parts) / 2.0**64


# ----------------------------------------------------------------------------- datasets

@dataclass
class Dataset:
    name: str
    splits: dict  # split -> list[(text, label)]
    label_domain: dict = field(default_factory=dict)  # label -> domain (explicit map)
    domain_rules: list = field(default_factory=list)  # [(substring, domain)], first match wins
    default_domain: str | None = None
    oos_labels: tuple = (OOS,)

    def domain_of(self, label: str) -> str:
        if label in self.oos_labels:
            return OOS
        d = self.label_domain.get(label)
        if d:
            return d
        low = label.lower()
        for sub, dom in self.domain_rules:
            if sub in low:
                return dom
        return self.default_domain or label

    def labels(self) -> list:
        """All in-scope labels, sorted."""
        out = set()
        for items in self.splits.values():
            for _, lab in items:
                if lab not in self.oos_labels:
                    out.add(lab)
        return sorted(out)

    def domains(self) -> dict:
        out: dict = {}
        for lab in self.labels():
            out.setdefault(self.domain_of(lab), []).append(lab)
        return out

    def items(self, splits) -> list:
        out = []
        for s in splits:
            if s not in self.splits:
                raise KeyError(f"dataset {self.name!r} has no split {s!r} (has {sorted(self.splits)})")
            out.extend((t, lab, s) for t, lab in self.splits[s])
        return out


def _guess_format(path: str) -> str:
    if os.path.isdir(path):
        if os.path.exists(os.path.join(path, "data_full.json")):
            return "clinc150"
        if glob.glob(os.path.join(path, "*.csv")):
            return "csv"
        if glob.glob(os.path.join(path, "*.jsonl")):
            return "jsonl"
    if path.endswith(".csv"):
        return "csv"
    if path.endswith(".jsonl"):
        return "jsonl"
    return "clinc150"


def _split_files(path: str, ext: str) -> dict:
    if os.path.isdir(path):
        files = sorted(glob.glob(os.path.join(path, f"*.{ext}")))
        if not files:
            raise FileNotFoundError(f"no *.{ext} files under {path}")
        return {os.path.splitext(os.path.basename(f))[0]: f for f in files}
    return {"all": path}


def load_dataset(spec: dict) -> Dataset:
    """Generic loader. spec: {name, path, [format], [text_field], [label_field],
    [domains_path], [domain_rules], [default_domain], [oos_labels]}.

    format clinc150: JSON object split -> [[text, intent], ...]; domains.json beside it.
    format csv / jsonl: a file (split "all") or a directory of files (split = file stem).
    """
    path = os.path.expandvars(os.path.expanduser(spec["path"]))
    if not os.path.exists(path):
        raise FileNotFoundError(f"dataset {spec.get('name')!r}: path {path} does not exist")
    fmt = spec.get("format") or _guess_format(path)
    text_f = spec.get("text_field", "text")
    label_f = spec.get("label_field", "label")
    splits: dict = {}
    label_domain: dict = {}
    domains_path = spec.get("domains_path")
    if fmt == "clinc150":
        fp = os.path.join(path, "data_full.json") if os.path.isdir(path) else path
        with open(fp, encoding="utf-8") as f:
            raw = json.load(f)
        for split, rows in raw.items():
            splits[split] = [(str(t), str(lab)) for t, lab in rows]
        if domains_path is None:
            cand = os.path.join(os.path.dirname(fp), "domains.json")
            domains_path = cand if os.path.exists(cand) else None
    elif fmt == "csv":
        for split, fp in _split_files(path, "csv").items():
            with open(fp, encoding="utf-8", newline="") as f:
                rd = csv.DictReader(f)
                if text_f not in (rd.fieldnames or []) or label_f not in (rd.fieldnames or []):
                    raise ValueError(f"{fp}: need columns {text_f!r} and {label_f!r}, have {rd.fieldnames}")
                splits[split] = [(row[text_f], row[label_f]) for row in rd]
    elif fmt == "jsonl":
        for split, fp in _split_files(path, "jsonl").items():
            rows = []
            with open(fp, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    if line.strip():
                        try:
                            obj = json.loads(line)
                        except json.JSONDecodeError as e:
                            raise ValueError(f"{fp}:{n}: bad JSON: {e}") from None
                        rows.append((str(obj[text_f]), str(obj[label_f])))
            splits[split] = rows
    else:
        raise ValueError(f"unknown dataset format {fmt!r}")
    if domains_path:
        with open(os.path.expandvars(domains_path), encoding="utf-8") as f:
            for dom, labs in json.load(f).items():
                for lab in labs:
                    label_domain[lab] = dom
    rules = [(str(s).lower(), str(d)) for s, d in spec.get("domain_rules", [])]
    return Dataset(name=spec.get("name") or os.path.basename(path.rstrip("/")), splits=splits,
                   label_domain=label_domain, domain_rules=rules,
                   default_domain=spec.get("default_domain"),
                   oos_labels=tuple(spec.get("oos_labels", [OOS])))


# ----------------------------------------------------------------------------- scenario

def load_scenario(path: str, data_path: str | None = None, oos_path: str | None = None) -> dict:
    with open(path, encoding="utf-8") as f:
        scn = json.load(f)
    scn.setdefault("name", os.path.splitext(os.path.basename(path))[0])
    scn.setdefault("seed", 1)
    scn.setdefault("traffic", {})
    scn.setdefault("baseline", {})
    scn.setdefault("server", {})
    here = os.path.dirname(os.path.abspath(path))
    if isinstance(scn["baseline"], str):  # slicewatch: one eval-set spec file shared by all scenarios
        bpath = scn["baseline"] if os.path.isabs(scn["baseline"]) else os.path.normpath(os.path.join(here, scn["baseline"]))
        with open(bpath, encoding="utf-8") as f:
            scn["baseline"] = json.load(f)
        scn["baseline_file"] = bpath

    def resolve(p: str) -> str:
        # "${VAR:-default}/x" -> env value or default; relative -> beside the scenario file
        import re
        p = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: os.environ.get(m.group(1), m.group(2)), p)
        return p if os.path.isabs(p) else os.path.normpath(os.path.join(here, p))

    for key in ("dataset", "oos_source"):
        if scn.get(key, {}).get("path"):
            scn[key]["path"] = resolve(scn[key]["path"])
    if data_path:
        scn["dataset"]["path"] = data_path
    if oos_path and scn.get("oos_source"):
        scn["oos_source"]["path"] = oos_path
    if not scn.get("phases"):
        raise ValueError(f"{path}: scenario has no phases")
    for i, ph in enumerate(scn["phases"]):
        ph.setdefault("name", f"p{i + 1}")
        if int(ph.get("requests", 0)) <= 0:
            raise ValueError(f"{path}: phase {ph['name']} needs requests > 0")
        ph.setdefault("mixture", {"baseline": 1.0})
    return scn


def scaled_phases(scn: dict, scale: float) -> list:
    out = []
    for ph in scn["phases"]:
        ph = dict(ph)
        ph["requests"] = max(1, int(round(ph["requests"] * scale)))
        out.append(ph)
    return out


def load_oos_items(scn: dict, ds: Dataset) -> list:
    """Out-of-scope pool: the dataset's own oos splits, or an external oos_source."""
    src = scn.get("oos_source")
    if src:
        ods = load_dataset(src)
        splits = src.get("splits") or [s for s in ods.splits if s.startswith("oos")]
        return [(t, OOS, f"{ods.name}:{s}") for t, _lab, s in ods.items(splits)]
    splits = scn.get("oos_splits") or [s for s in ds.splits if s.startswith("oos")]
    return [(t, OOS, s) for t, lab, s in ds.items(splits) if lab in ds.oos_labels]


def baseline_labels(scn: dict, ds: Dataset) -> list:
    b = scn.get("baseline", {})
    labs = ds.labels()
    if b.get("include_domains"):
        labs = [l for l in labs if ds.domain_of(l) in set(b["include_domains"])]
    if b.get("exclude_domains"):
        labs = [l for l in labs if ds.domain_of(l) not in set(b["exclude_domains"])]
    if b.get("include_labels"):
        labs = [l for l in labs if l in set(b["include_labels"])]
    if b.get("exclude_labels"):
        labs = [l for l in labs if l not in set(b["exclude_labels"])]
    unknown = set(b.get("exclude_domains", [])) | set(b.get("include_domains", []))
    unknown -= set(ds.domains())
    if unknown:
        raise ValueError(f"baseline names unknown domains {sorted(unknown)}; dataset has {sorted(ds.domains())}")
    if not labs:
        raise ValueError("baseline selects no labels")
    return labs


def select_baseline_items(scn: dict, ds: Dataset) -> list:
    """The eval-set items: per label, a seeded sample of the baseline split. Returns
    [(text, label, split)] in a stable order. Shared by make_baseline and the driver
    (which keeps live traffic disjoint from the eval set when both read one split)."""
    b = scn.get("baseline", {})
    split = b.get("split", "train")
    per_label = b.get("per_label")
    seed = b.get("seed", scn["seed"])  # slicewatch: an eval-set seed independent of the traffic seed
    by_label: dict = {}
    for t, lab, s in ds.items([split]):
        by_label.setdefault(lab, []).append((t, lab, s))
    out = []
    for lab in baseline_labels(scn, ds):
        rows = list(by_label.get(lab, []))
        random.Random(stable_hash(seed, "baseline", lab)).shuffle(rows)
        out.extend(rows[:per_label] if per_label else rows)
    if b.get("include_oos"):
        oos = load_oos_items(scn, ds)
        random.Random(stable_hash(seed, "baseline-oos")).shuffle(oos)
        out.extend(oos[: int(b.get("oos_items", 50))])
    return out


# ----------------------------------------------------------------------------- answers

_STOP = set("""a an the and or but if then of to in on at for from by with about into over
after before is are was were be been being do does did have has had i me my we our you your
it its this that these those what which who whom how when where why can could would should
will shall may might must please tell give show let need want get make know much many some
any there their them they he she his her not no yes so just also very really up out""".split())

_OPENERS = [
    "Sure, here is what I can tell you about {topic}.",
    "Happy to help with your {topic} question.",
    "Thanks for asking about {topic}.",
    "Here is a short overview on {topic}.",
    "Let's go through your {topic} request step by step.",
    "Good question about {topic}.",
]
_BODY = [
    "The quickest way is usually through the app, where the relevant settings are grouped together.",
    "If anything looks off, check the details you entered and try again in a few minutes.",
    "Most requests like this are handled right away, although some take up to one business day.",
    "You can also ask me to walk you through each screen if that is easier.",
    "Keep in mind that the exact options depend on your account and your region.",
    "I would start by confirming the basic information first, then move on to the specifics.",
    "There is usually no fee for this, but a few cases do carry a small charge.",
    "For anything involving {topic}, the help center has an up-to-date article as well.",
    "If you share a little more context, I can give you a more precise answer.",
    "Many people find it helpful to set a reminder so they do not forget the next step.",
    "When you are ready, confirm the change and you should see it reflected shortly.",
    "It is a good idea to keep a note of the reference number in case you need it later.",
    "Should the problem persist, contacting support directly is the fastest path to a fix.",
    "I can also summarize the options side by side so you can compare them.",
    "Timing matters here, so acting sooner rather than later usually gives the best result.",
    "Nothing you have described so far sounds unusual, so this should be straightforward.",
    "Double-check any numbers before you submit, since corrections can take extra time.",
    "The same steps apply on the website and on mobile, with only small layout differences.",
]
_SHORT = [
    "That part is simple.",
    "This usually takes minutes.",
    "Here are the basics.",
    "No extra steps are needed.",
    "It depends on your settings.",
    "Most users never notice this.",
]
_CLOSERS = [
    "Let me know if you want more detail on {topic}.",
    "I hope that helps with {topic}.",
    "Anything else I can help you with today?",
    "Feel free to ask a follow-up question.",
]


def keywords(text: str, k: int = 3) -> list:
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", text.lower())
    cand = [w for w in words if w not in _STOP and len(w) > 2]
    seen, out = set(), []
    for w in sorted(cand, key=lambda w: (-len(w), cand.index(w))):
        if w not in seen:
            seen.add(w)
            out.append(w)
        if len(out) >= k:
            break
    return out


def topic_phrase(text: str, label: str | None) -> str:
    if label and label not in (OOS, "unknown"):
        return label.replace("_", " ").strip(" ?").lower()
    kw = keywords(text)
    return " ".join(kw) if kw else "your question"


def answer_text(user_text: str, label: str | None = None) -> str:
    """Deterministic templated answer of 20..200 words mentioning the detected topic."""
    h = stable_hash("answer", user_text)
    rnd = random.Random(h)
    topic = topic_phrase(user_text, label)
    n_words = 24 + h % 177
    sents = [rnd.choice(_OPENERS).format(topic=topic)]
    words = len(sents[0].split())
    closer = rnd.choice(_CLOSERS).format(topic=topic)
    budget = n_words - len(closer.split())
    for pool, min_gap in ((_BODY, 1), (_SHORT, 4)):
        for s in rnd.sample(pool, len(pool)):
            if budget - words < min_gap:
                break
            s = s.format(topic=topic)
            if words + len(s.split()) <= budget:
                sents.append(s)
                words += len(s.split())
    sents.append(closer)
    return " ".join(sents)


def count_tokens(text: str) -> int:
    """Rough token estimate (~4 characters a token), never 0 for non-empty text."""
    return (len(text) + 3) // 4 if text else 0


def truncate_words(text: str, frac: float) -> str:
    toks = text.split()
    keep = max(3, int(len(toks) * frac))
    return " ".join(toks[:keep])


# ----------------------------------------------------------------------------- transforms

_DOC_SENTENCES = [
    "This memo summarizes the quarterly planning discussion held with the regional teams.",
    "All figures below are preliminary and subject to revision by the finance office.",
    "Attendees agreed to revisit the staffing plan once the hiring freeze is lifted.",
    "The vendor contract renewal was postponed until the legal review is complete.",
    "Section four of the handbook describes the escalation path for urgent customer issues.",
    "Please treat the attached schedule as confidential until it is formally announced.",
    "The migration to the new ticketing system is expected to finish by the end of the month.",
    "Several customers reported slow page loads during the evening peak last week.",
    "The working group will publish a short FAQ after the next steering meeting.",
    "Travel expenses must be submitted within thirty days of the trip to be reimbursed.",
    "The security team reminds everyone to rotate shared credentials every ninety days.",
    "Budget owners should flag any variance above five percent before the review.",
    "The pilot program in the northern region exceeded its adoption target.",
    "Feedback from the last survey highlighted unclear instructions in the onboarding flow.",
    "A follow-up session is scheduled for next Tuesday at ten in the main conference room.",
    "Legacy reports will remain available in read-only mode for another six months.",
    "The document owner is responsible for keeping this page current.",
    "Questions about this policy can be sent to the operations mailbox.",
    "Table 2 lists the open action items together with their owners and due dates.",
    "Appendix B contains the raw export from the analytics dashboard.",
]

PASTED_TEMPLATES = [
    "Here is a document I copied from our wiki:\n\n{doc}\n\nBased on the above, answer this: {text}",
    "CONTEXT:\n\"\"\"\n{doc}\n\"\"\"\n\nQUESTION: {text}",
    "{doc}\n\n---\nIgnore the pasted text above if it is irrelevant. My actual question: {text}",
]

INSTRUCTION_TEMPLATES = [
    "You are helping me with a customer request. The customer wrote: \"{text}\". Reply as briefly as possible.",
    "Task: classify and answer the following user message.\nMessage: {text}\nAnswer:",
    "### Instruction\nRespond to the user query below in a friendly tone.\n### Query\n{text}\n### Response",
]

_KEYBOARD = {c: n for c, n in zip("qwertyuiopasdfghjklzxcvbnm", "wqrtyuioppsdfghjkllxcvbnmm")}


def _typo_word(w: str, rnd: random.Random) -> str:
    if len(w) < 3 or not w.isalpha():
        return w
    i = rnd.randrange(1, len(w) - 1)
    op = rnd.randrange(4)
    if op == 0:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if op == 1:
        return w[:i] + w[i + 1:]
    if op == 2:
        return w[:i] + w[i] + w[i:]
    c = w[i].lower()
    return w[:i] + _KEYBOARD.get(c, c) + w[i + 1:]


def pasted_doc(rnd: random.Random, min_words: int, max_words: int) -> str:
    target = rnd.randint(min_words, max_words)
    paras, words = [], 0
    while words < target:
        para = " ".join(rnd.choice(_DOC_SENTENCES) for _ in range(rnd.randint(3, 6)))
        paras.append(para)
        words += len(para.split())
    return "\n\n".join(paras)


def apply_transforms(text: str, transforms: list, key) -> tuple:
    """Apply a phase's transforms in order. Each transform: {type, share (0..1), ...}.
    Types: uppercase, lowercase, typos(rate), pasted_context(min_words, max_words,
    templates), template(templates). Returns (new_text, [applied type names])."""
    applied = []
    for i, tr in enumerate(transforms or []):
        kind = tr["type"]
        rnd = random.Random(stable_hash(key, i, kind))
        if rnd.random() >= float(tr.get("share", 1.0)):
            continue
        if kind == "uppercase":
            text = text.upper()
        elif kind == "lowercase":
            text = text.lower()
        elif kind == "typos":
            rate = float(tr.get("rate", 0.1))
            parts = text.split(" ")
            text = " ".join(_typo_word(w, rnd) if rnd.random() < rate else w for w in parts)
        elif kind == "pasted_context":
            doc = pasted_doc(rnd, int(tr.get("min_words", 250)), int(tr.get("max_words", 600)))
            tpl = rnd.choice(tr.get("templates") or PASTED_TEMPLATES)
            text = tpl.replace("{doc}", doc).replace("{text}", text)
        elif kind == "template":
            tpl = rnd.choice(tr.get("templates") or INSTRUCTION_TEMPLATES)
            text = tpl.replace("{text}", text)
        else:
            raise ValueError(f"unknown transform type {kind!r}")
        applied.append(kind)
    return text, applied


def template_regexes(extra_templates=()) -> list:
    """Regexes that pull the wrapped query back out of every known template."""
    out = []
    for tpl in list(PASTED_TEMPLATES) + list(INSTRUCTION_TEMPLATES) + list(extra_templates):
        pat = re.escape(tpl).replace(re.escape("{doc}"), "(?:.*)").replace(re.escape("{text}"), "(?P<q>.+?)")
        out.append(re.compile("^" + pat + "$", re.S))
    return out


def scenario_templates(scn: dict) -> list:
    out = []
    for ph in scn.get("phases", []):
        for tr in ph.get("transforms", []) or []:
            out.extend(tr.get("templates") or [])
    return out


# ----------------------------------------------------------------------------- prompts, tools

SYSTEM_PROMPTS = {
    "sp-concise": "You are a concise, friendly assistant for a consumer app. Answer in plain language, "
                  "never invent account data, and ask a clarifying question when the request is ambiguous.",
    "sp-support": "You are Aria, the virtual support agent. Follow company policy: verify the user before "
                  "discussing account details, do not give legal or medical advice, escalate complaints to a "
                  "human agent, and keep answers under 150 words. Today's date is provided by the platform.",
    "sp-tools": "You are an agent that can call tools. Use search_knowledge_base for policy questions, "
                "get_account_summary for anything about balances or transactions, and create_ticket when the "
                "user reports a problem you cannot solve. Summarize tool results for the user.",
    "sp-brief": "Answer helpfully.",
}

TOOL_DEFS = [
    {"name": "search_knowledge_base", "description": "Search help-center articles and policies.",
     "parameters": {"type": "object", "properties": {
         "query": {"type": "string", "description": "search terms"},
         "top_k": {"type": "integer", "description": "number of articles"}}, "required": ["query"]}},
    {"name": "get_account_summary", "description": "Fetch balance and recent transactions for the signed-in user.",
     "parameters": {"type": "object", "properties": {
         "account_id": {"type": "string"}, "days": {"type": "integer"}}, "required": ["account_id"]}},
    {"name": "create_ticket", "description": "Open a support ticket for a human agent.",
     "parameters": {"type": "object", "properties": {
         "subject": {"type": "string"},
         "priority": {"type": "string", "enum": ["low", "normal", "high"]}}, "required": ["subject"]}},
    {"name": "get_weather", "description": "Current weather for a city.",
     "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
]
TOOLS_BY_NAME = {t["name"]: t for t in TOOL_DEFS}


def tools_for_api(api: str, names: list) -> list:
    defs = [TOOLS_BY_NAME[n] for n in names]
    if api == "openai-chat":
        return [{"type": "function", "function": {"name": d["name"], "description": d["description"],
                                                  "parameters": d["parameters"]}} for d in defs]
    if api == "responses":
        return [{"type": "function", "name": d["name"], "description": d["description"],
                 "parameters": d["parameters"]} for d in defs]
    return [{"name": d["name"], "description": d["description"], "input_schema": d["parameters"]} for d in defs]


def tool_arguments(tool: dict, user_text: str) -> dict:
    """Plausible arguments for a tool call, derived from the user text."""
    schema = tool.get("parameters") or tool.get("input_schema") or {}
    props = schema.get("properties", {})
    kw = " ".join(keywords(user_text)) or "help"
    args = {}
    for name, p in props.items():
        if name not in schema.get("required", []) and stable_hash(user_text, name) % 2:
            continue
        if p.get("enum"):
            args[name] = p["enum"][stable_hash(user_text, name) % len(p["enum"])]
        elif p.get("type") == "integer":
            args[name] = 1 + stable_hash(user_text, name) % 7
        elif name == "account_id":
            args[name] = f"acct_{stable_hash(user_text) % 10**8:08d}"
        else:
            args[name] = kw
    return args


# ----------------------------------------------------------------------------- faults

FAULT_KINDS = ("refusal", "empty", "length", "http_500", "http_429", "latency")


def compile_fault_rules(scn: dict, phases: list) -> list:
    """Turn phase-level fault rules into server rules keyed by the server's request index.
    A phase's rule holds from the index at which the phase starts (sum of the planned
    requests before it) to where it ends. Server-level rules in scn['server']['faults']
    pass through unchanged (they may use after_request / after_seconds themselves)."""
    rules = []
    start = 0
    for ph in phases:
        n = int(ph["requests"])
        for j, r in enumerate(ph.get("faults", []) or []):
            r = dict(r)
            r.setdefault("id", f"{ph['name']}.f{j}")
            r.setdefault("after_request", start)
            r.setdefault("until_request", start + n)
            rules.append(r)
        start += n
    for j, r in enumerate(scn.get("server", {}).get("faults", []) or []):
        r = dict(r)
        r.setdefault("id", f"server.f{j}")
        rules.append(r)
    for r in rules:
        kinds = [m["fault"] for m in r.get("mix", [])] or [r.get("fault")]
        for k in kinds:
            if k not in FAULT_KINDS:
                raise ValueError(f"fault rule {r['id']}: unknown fault {k!r} (known: {FAULT_KINDS})")
    return rules


def rule_matches(rule: dict, label: str, domain: str, api: str, stream: bool) -> bool:
    m = rule.get("match") or {}
    if "label" in m and label not in _as_list(m["label"]):
        return False
    if "intent" in m and label not in _as_list(m["intent"]):
        return False
    if "domain" in m and domain not in _as_list(m["domain"]):
        return False
    if "api" in m and api not in _as_list(m["api"]):
        return False
    if "stream" in m and bool(m["stream"]) != stream:
        return False
    return True


def _as_list(v):
    return v if isinstance(v, list) else [v]


def pick_fault(rule: dict, key: str) -> str:
    mix = rule.get("mix")
    if not mix:
        return rule["fault"]
    total = sum(float(m.get("weight", 1)) for m in mix)
    x = unit("mix", rule.get("id"), key) * total
    for m in mix:
        x -= float(m.get("weight", 1))
        if x < 0:
            return m["fault"]
    return mix[-1]["fault"]


def write_jsonl(path: str, rows) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def read_jsonl(path: str) -> list:
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]
