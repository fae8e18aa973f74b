#!/usr/bin/env python3
"""validate_deploy.py: the checks of scripts/validate-deploy.sh (which installs PyYAML and calls this).

Checks, each printed as `ok`, `FAIL` or `skip` (with why):
  1. every YAML and JSON file under deploy/ parses;
  2. every slicewatch_* metric used by deploy/prometheus and deploy/grafana is a family the code defines
     (string literals passed to .family/.metric/.sample in Sources/**/*.swift; PrometheusText writes counters and
     gauges only, names as written, so no suffixes are added); families announced but not yet in the code are listed
     as PENDING (failures, or warnings with --allow-pending);
  3. every SLICEWATCH_* variable deploy/ sets is documented in docs/configuration.md or named by a sink's
     secret_env in a configuration under deploy/;
  4. with kubectl: each kustomization (base, overlays/*) renders; the slicewatch container keeps its security
     settings, probes and service links off; the ConfigMap fits in 1 MiB; paths in its configuration are mounted;
  5. with a slicewatch binary: each rendered configuration passes `slicewatch config check` with the container's
     environment (dummy secret values) and the image's, and the base's baseline loads;
  6. with promtool: the rules, their unit tests (*.test.yaml), the example Prometheus configuration, and every
     dashboard query (Grafana variables substituted) as PromQL;
  7. with systemd-analyze: `verify` of the unit (ExecStart pointed at an existing binary).
Exit status 1 when anything failed.
"""
import argparse, glob, json, os, re, shutil, subprocess, sys, tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEPLOY = os.path.join(ROOT, "deploy")
# Announced by the quality work (issue 9); reported as PENDING until Sources defines them.
PENDING = {
    "slicewatch_quality_graded_total", "slicewatch_quality_failed_total", "slicewatch_slice_pass_rate",
    "slicewatch_slice_baseline_pass_rate", "slicewatch_expected_pass_rate", "slicewatch_grader_failures_total",
    "slicewatch_answer_flips_total",
}
failures = []


def ok(msg): print(f"  ok    {msg}")
def skip(msg): print(f"  skip  {msg}")
def warn(msg): print(f"  WARN  {msg}")
def fail(msg):
    print(f"  FAIL  {msg}")
    failures.append(msg)


def rel(path): return os.path.relpath(path, ROOT)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def parse_files():
    print("YAML and JSON files under deploy/")
    docs = {}
    for path in sorted(glob.glob(os.path.join(DEPLOY, "**", "*"), recursive=True)):
        if not os.path.isfile(path) or not path.endswith((".yaml", ".yml", ".json")):
            continue
        try:
            with open(path) as f:
                docs[path] = json.load(f) if path.endswith(".json") else list(yaml.safe_load_all(f))
            ok(rel(path))
        except Exception as e:  # noqa: BLE001 - any parse error is a failure
            fail(f"{rel(path)}: {e}")
    return docs


def defined_families():
    """Metric families the code declares: name -> kind (counter, gauge, or '?' when only sampled)."""
    families = {}
    call = re.compile(r'\.(family|metric|sample)\(\s*"(slicewatch_[a-z0-9_]+)"\s*(?:,\s*\.(\w+))?')
    for path in glob.glob(os.path.join(ROOT, "Sources", "**", "*.swift"), recursive=True):
        with open(path, encoding="utf-8") as f:
            for m in call.finditer(f.read()):
                if m.group(1) != "sample" or m.group(2) not in families:
                    families[m.group(2)] = m.group(3) or families.get(m.group(2), "?")
    return families


def metric_names(expr):
    return set(re.findall(r"\bslicewatch_[a-z0-9_]+", expr))


def rule_exprs(docs):
    """(file, alert or record name, expression) of every rule under deploy/prometheus."""
    exprs = []
    for path, d in docs.items():
        if os.sep + "prometheus" + os.sep in path and isinstance(d, list):
            for doc in d:
                for group in (doc or {}).get("groups", []):
                    for rule in group.get("rules", []):
                        exprs.append((rel(path), rule.get("alert") or rule.get("record"), str(rule.get("expr", ""))))
    return exprs


def dashboard_exprs(docs):
    """(file, panel or variable title, query) of every query in the dashboards under deploy/grafana."""
    exprs = []
    def walk(node, path, title):
        if isinstance(node, dict):
            title = node.get("title", node.get("name", title))
            for k, v in node.items():
                if k in ("expr", "definition") and isinstance(v, str) and v:
                    exprs.append((rel(path), title, v))
                else:
                    walk(v, path, title)
        elif isinstance(node, list):
            for item in node:
                walk(item, path, title)
    for path, d in docs.items():
        if os.sep + "grafana" + os.sep in path and isinstance(d, dict):
            walk(d, path, "")
    return exprs


def check_metrics(docs, allow_pending):
    print("slicewatch_* metric names in rules and dashboards")
    families = defined_families()
    if not families:
        fail("no metric families found in Sources/**/*.swift")
        return
    used = {}
    for path, _, expr in rule_exprs(docs) + dashboard_exprs(docs):
        for name in metric_names(expr):
            used.setdefault(name, set()).add(path)
    for name in sorted(used):
        base = re.sub(r"_(bucket|sum|count)$", "", name)
        if name in families or (base in families and families[base] in ("histogram", "summary")):
            continue
        files = ", ".join(sorted(used[name]))
        if name in PENDING:
            (warn if allow_pending else fail)(f"{name}: PENDING, not yet defined in Sources (quality work); used in {files}")
        else:
            fail(f"{name}: no such metric family in Sources; used in {files}")
    ok(f"{len(used)} names used, {len(families)} families defined in Sources")


def secret_envs(docs):
    names = set()
    for path, d in docs.items():
        if path.endswith("slicewatch.yaml") and isinstance(d, list):
            for doc in d:
                for sink in (doc or {}).get("sinks", []) or []:
                    if isinstance(sink, dict) and sink.get("secret_env"):
                        names.add(sink["secret_env"])
    return names


def check_env_names(docs):
    print("SLICEWATCH_* variables set under deploy/")
    with open(os.path.join(ROOT, "docs", "configuration.md")) as f:
        known = set(re.findall(r"`(SLICEWATCH_[A-Z0-9_]+)`", f.read()))
    # SLICEWATCH_MODEL_DIR: embedding.model_dir's alias, documented in the key's text.
    known |= {"SLICEWATCH_MODEL_DIR"} | secret_envs(docs)
    for path in sorted(glob.glob(os.path.join(DEPLOY, "**", "*"), recursive=True)):
        if not os.path.isfile(path) or path.endswith((".md", ".json")):
            continue
        with open(path) as f:
            text = "\n".join(l for l in f.read().splitlines() if not l.lstrip().startswith("#"))
        for name in sorted(set(re.findall(r"\bSLICEWATCH_[A-Z0-9_]*[A-Z0-9]\b", text))):
            if name in known:
                ok(f"{rel(path)}: {name}")
            else:
                fail(f"{rel(path)}: {name} is neither in docs/configuration.md nor a sink's secret_env")


def dockerfile_env():
    env = {}
    path = os.path.join(DEPLOY, "docker", "Dockerfile")
    text = open(path).read().replace("\\\n", " ")
    for line in text.splitlines():
        if line.startswith("ENV "):
            env.update(re.findall(r"(\w+)=(\S+)", line))
    return env


def kube_docs(kdir):
    r = run(["kubectl", "kustomize", kdir])
    if r.returncode != 0:
        fail(f"kubectl kustomize {rel(kdir)}: {r.stderr.strip()}")
        return None
    ok(f"kubectl kustomize {rel(kdir)}")
    return [d for d in yaml.safe_load_all(r.stdout) if d]


def sidecar(pod):
    for c in pod.get("initContainers", []) + pod.get("containers", []):
        if c["name"] == "slicewatch":
            return c
    return None


def check_kustomization(kdir, binary, image_env):
    docs = kube_docs(kdir)
    if docs is None:
        return
    name = rel(kdir)
    for dep in (d for d in docs if d.get("kind") in ("Deployment", "StatefulSet", "DaemonSet")):
        pod = dep["spec"]["template"]["spec"]
        c = sidecar(pod)
        if c is None:
            fail(f"{name}: {dep['metadata']['name']} has no slicewatch container")
            continue
        sc = c.get("securityContext", {})
        caps = sc.get("capabilities", {})
        checks = {
            "capabilities drop ALL": caps.get("drop") == ["ALL"],
            "capabilities add NET_RAW only": caps.get("add") == ["NET_RAW"],
            "allowPrivilegeEscalation false": sc.get("allowPrivilegeEscalation") is False,
            "readOnlyRootFilesystem true": sc.get("readOnlyRootFilesystem") is True,
            "privileged unset or false": not sc.get("privileged"),
            "liveness on /healthz": c.get("livenessProbe", {}).get("httpGet", {}).get("path") == "/healthz",
            "readiness on /readyz": c.get("readinessProbe", {}).get("httpGet", {}).get("path") == "/readyz",
            "memory limit set": "memory" in c.get("resources", {}).get("limits", {}),
            "enableServiceLinks false (SLICEWATCH_* service variables)": pod.get("enableServiceLinks") is False,
        }
        for what, good in checks.items():
            (ok if good else fail)(f"{name}: slicewatch container: {what}")
        check_config(name, docs, pod, c, binary, image_env)


def check_config(name, docs, pod, c, binary, image_env):
    mounts = {m["mountPath"].rstrip("/"): m for m in c.get("volumeMounts", [])}
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    maps = {d["metadata"]["name"]: d for d in docs if d.get("kind") == "ConfigMap"}
    args = c.get("args", [])
    config_path = args[args.index("--config") + 1] if "--config" in args else image_env.get("SLICEWATCH_CONFIG")
    files = {}  # absolute path in the container -> ConfigMap data
    for path, m in mounts.items():
        cm = volumes.get(m["name"], {}).get("configMap")
        if cm and cm["name"] in maps:
            data = maps[cm["name"]].get("data", {})
            size = sum(len(v.encode()) for v in data.values())
            if size >= 1024 * 1024:
                fail(f"{name}: ConfigMap {cm['name']} holds {size} bytes; a ConfigMap holds at most 1 MiB")
            else:
                ok(f"{name}: ConfigMap {cm['name']}: {size} bytes (limit 1 MiB)")
                if size > 256 * 1024:
                    warn(f"{name}: over 256 KiB: use kubectl apply --server-side")
            for key, value in data.items():
                files[f"{path}/{key}"] = value
    if config_path not in files:
        fail(f"{name}: the configuration {config_path} is not in a mounted ConfigMap")
        return
    config = yaml.safe_load(files[config_path]) or {}
    env = {e["name"]: e.get("value", "dummy-secret") for e in c.get("env", [])}
    def key(section, field, default=None):
        var = f"SLICEWATCH_{section}_{field}".upper()
        return env.get(var, (config.get(section) or {}).get(field, default))
    baseline = key("baseline", "path")
    (ok if baseline in files else fail)(f"{name}: baseline.path {baseline} is a mounted ConfigMap key")
    store = key("store", "path", "slicewatch.db")
    writable = [p for p, m in mounts.items() if not m.get("readOnly") and store.startswith(p + "/")]
    (ok if writable else fail)(f"{name}: store.path {store} is on a writable volume")
    if not binary:
        return
    with tempfile.TemporaryDirectory() as tmp:
        cfg = os.path.join(tmp, "slicewatch.yaml")
        with open(cfg, "w") as f:
            f.write(files[config_path])
        run_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        run_env.update({k: v for k, v in image_env.items() if k.startswith("SLICEWATCH_") and k != "SLICEWATCH_CONFIG"})
        run_env.update(env)
        flags = [a for i, a in enumerate(args) if a != "--config" and (i == 0 or args[i - 1] != "--config")]
        r = run([binary, "config", "check", cfg, *flags], env=run_env)
        if r.returncode == 0:
            ok(f"{name}: slicewatch config check (environment: {', '.join(sorted(env)) or 'none'} + image)")
        else:
            fail(f"{name}: slicewatch config check exit {r.returncode}: {r.stderr.strip()}")


def check_kubernetes(binary, image_env):
    print("Kubernetes (kustomize)")
    if not shutil.which("kubectl"):
        skip("kubectl not found: kustomizations not rendered")
        return
    kdirs = [os.path.join(DEPLOY, "kubernetes", "base")] + sorted(
        os.path.dirname(p) for p in glob.glob(os.path.join(DEPLOY, "kubernetes", "overlays", "*", "kustomization.yaml")))
    for kdir in kdirs:
        check_kustomization(kdir, binary, image_env)
    sample = os.path.join(ROOT, "samples", "baselines", "drift-baseline.json")
    copy = os.path.join(DEPLOY, "kubernetes", "base", "baseline.json")
    if open(sample, "rb").read() == open(copy, "rb").read():
        ok(f"{rel(copy)} is {rel(sample)}")
    else:
        fail(f"{rel(copy)} differs from {rel(sample)}: cp {rel(sample)} {rel(copy)}")
    if binary:
        r = run([binary, "baseline", "show", copy])
        (ok if r.returncode == 0 else fail)(f"slicewatch baseline show {rel(copy)}" + ("" if r.returncode == 0 else f": {r.stderr.strip()}"))
    r = run(["kubectl", "get", "--raw", "/version", "--request-timeout=5s"])
    if r.returncode != 0:
        skip("kubectl apply --dry-run=client: no API server reachable (it needs one for the schemas)")
    else:
        for kdir in kdirs:
            rendered = run(["kubectl", "kustomize", kdir]).stdout
            r = run(["kubectl", "apply", "--dry-run=client", "-f", "-"], input=rendered)
            (ok if r.returncode == 0 else fail)(f"kubectl apply --dry-run=client ({rel(kdir)})" + ("" if r.returncode == 0 else f": {r.stderr.strip()}"))


def check_prometheus_config(path):
    """promtool check config on a copy: Debian's promtool is built without Kubernetes service discovery, and the
    token file exists only in the cluster, so the copy has a static target and a dummy token file."""
    config = yaml.safe_load(open(path))
    with tempfile.TemporaryDirectory() as tmp:
        token = os.path.join(tmp, "token")
        open(token, "w").write("dummy\n")
        notes = []
        for job in config.get("scrape_configs", []):
            plain = run(["promtool", "check", "config", path])
            if "kubernetes_sd_configs" in job and "kubernetes_sd_configs not found" in plain.stdout + plain.stderr:
                del job["kubernetes_sd_configs"]
                job["static_configs"] = [{"targets": ["localhost:9464"]}]
                notes.append("kubernetes_sd_configs replaced by a static target: this promtool lacks Kubernetes discovery")
            if (job.get("authorization") or {}).get("credentials_file"):
                job["authorization"]["credentials_file"] = token
        for rules in config.get("rule_files", []):
            shutil.copy(os.path.join(os.path.dirname(path), rules), os.path.join(tmp, rules))
        copy = os.path.join(tmp, "prometheus.yaml")
        yaml.safe_dump(config, open(copy, "w"))
        r = run(["promtool", "check", "config", copy])
        note = f" ({'; '.join(notes)})" if notes else ""
        (ok if r.returncode == 0 else fail)(f"promtool check config {rel(path)}{note}" + ("" if r.returncode == 0 else f": {r.stdout.strip()} {r.stderr.strip()}"))


def check_promtool(docs):
    print("Prometheus rules and dashboard queries (promtool)")
    if not shutil.which("promtool"):
        skip("promtool not found (Debian package prometheus; scripts/validate-deploy.sh --install-tools)")
        return
    for path in sorted(glob.glob(os.path.join(DEPLOY, "prometheus", "*rules*.y*ml"))):
        r = run(["promtool", "check", "rules", path])
        (ok if r.returncode == 0 else fail)(f"promtool check rules {rel(path)}" + ("" if r.returncode == 0 else f": {r.stdout.strip()} {r.stderr.strip()}"))
    for path in sorted(glob.glob(os.path.join(DEPLOY, "prometheus", "*.test.yaml"))):
        r = run(["promtool", "test", "rules", os.path.basename(path)], cwd=os.path.dirname(path))
        (ok if r.returncode == 0 else fail)(f"promtool test rules {rel(path)}" + ("" if r.returncode == 0 else f": {r.stdout.strip()} {r.stderr.strip()}"))
    for path in sorted(glob.glob(os.path.join(DEPLOY, "prometheus", "prometheus*.yaml"))):
        check_prometheus_config(path)
    exprs = [(t, e) for _, t, e in dashboard_exprs(docs) if not e.startswith("label_values(")]
    subst = {"$__rate_interval": "5m", "$__range": "6h", "$__interval": "1m", "$namespace": ".*", "$pod": ".*"}
    rules = []
    for i, (_, e) in enumerate(exprs):
        for k, v in subst.items():
            e = e.replace(k, v)
        rules.append({"record": f"dashboard:query_{i}", "expr": e})
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}, f)
    r = run(["promtool", "check", "rules", f.name])
    os.unlink(f.name)
    (ok if r.returncode == 0 else fail)(f"{len(rules)} dashboard queries parse as PromQL" + ("" if r.returncode == 0 else f": {r.stdout.strip()} {r.stderr.strip()}"))


def check_systemd(binary):
    print("systemd unit")
    if not shutil.which("systemd-analyze"):
        skip("systemd-analyze not found")
        return
    for unit in sorted(glob.glob(os.path.join(DEPLOY, "systemd", "*.service"))):
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, os.path.basename(unit))
            with open(unit) as f, open(target, "w") as out:
                # verify insists that ExecStart's program exists here
                out.write(f.read().replace("/usr/local/bin/slicewatch", binary or "/bin/true"))
            r = run(["systemd-analyze", "verify", target])
            msg = (r.stdout + r.stderr).strip()
            (ok if r.returncode == 0 and not msg else fail)(f"systemd-analyze verify {rel(unit)}" + (f": {msg}" if msg else ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", help="slicewatch binary for `config check` and `baseline show`")
    ap.add_argument("--allow-pending", action="store_true", help="announced metric families missing from Sources are warnings")
    a = ap.parse_args()
    binary = os.path.abspath(a.binary) if a.binary and os.access(a.binary, os.X_OK) else None
    docs = parse_files()
    check_metrics(docs, a.allow_pending)
    check_env_names(docs)
    image_env = dockerfile_env()
    if not binary:
        print("slicewatch binary")
        skip("no slicewatch binary (SLICEWATCH_BIN, .build/release or .build/debug): configurations not checked by `slicewatch config check`")
    check_kubernetes(binary, image_env)
    check_promtool(docs)
    check_systemd(binary)
    print()
    if failures:
        print(f"validate-deploy: {len(failures)} failure(s)")
        sys.exit(1)
    print("validate-deploy: all checks passed")


if __name__ == "__main__":
    main()
