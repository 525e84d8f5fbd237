#!/usr/bin/env python3
"""claims.py HOOKLINT SOURCE_ROOT - the rules' claims against real Helm.

Every rule's rationale (and `helm:` text) says what Helm does with the
rule's `bad:` example: it drops the document, the API server rejects it,
the hook is left behind, runs twice, runs before something else, Helm waits
until --timeout, ... For each rule whose claim can be observed, this script
wraps the bad example in a chart (documents split by their `# Source:`
path into templates/ and crds/ files; `files:` examples are used as they
are), runs it through each real Helm (tests/helm/helms.py) against the fake
API server of tests/cluster/ (observe.py), and checks the claim with a
small predicate from the CLAIMS table below. The good example goes through
the same commands and must not show the claimed problem (or, for claims
that say Helm accepts something, must behave the same).

Rules whose claims this server cannot show (Argo CD and Flux behaviour,
API-server validation the fake server does not do, controllers it does not
simulate, hooklint-only rules) are in NOT_OBSERVABLE with the reason.
Every rules/*.yaml ID must be in exactly one of the two tables.

A claim that real Helm contradicts is marked `todo=` with what Helm really
does: its test prints `not ok ... # TODO`, which does not fail the run but
stays visible; once Helm and the claim agree again the TODO passes
unexpectedly, which fails, so the mark must go.

Output is TAP. Exit 0 when every test passes, 1 otherwise, 77 (or
$HELM_SKIP_STATUS) when no Helm is available. Python 3 standard library.
CLAIMS_JOBS sets the number of parallel observations (default 6);
CLAIMS_ONLY=HL101,HL301 runs only those rules; CLAIMS_VERBOSE=1 prints
every observation, not only those of failed and TODO tests.
"""

import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from helms import available as helms_available, skip as helm_skip  # noqa: E402

OBSERVE = os.path.join(HERE, "..", "cluster", "observe.py")
VERBOSE = bool(os.environ.get("CLAIMS_VERBOSE"))

# ---------------------------------------------------------------------------
# the rules' examples (a reader for the subset of YAML rules/*.yaml uses)


def _block(lines, i, indent):
    out = []
    while i < len(lines):
        ln = lines[i]
        if ln.strip() == "":
            out.append("")
            i += 1
            continue
        if len(ln) - len(ln.lstrip(" ")) < indent:
            break
        out.append(ln[indent:])
        i += 1
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n", i


def parse_rule(path):
    """{'id': ..., 'bad': {'yaml'|'files'|'args': ...}, 'good': {...}}"""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    rule = {"id": None, "bad": {}, "good": {}}
    i = 0
    while i < len(lines):
        m = re.match(r"^id:\s*(\S+)", lines[i])
        if m:
            rule["id"] = m.group(1)
        m = re.match(r"^(bad|good):\s*$", lines[i])
        if not m:
            i += 1
            continue
        ex = rule[m.group(1)]
        i += 1
        while i < len(lines) and (lines[i].startswith("  ") or
                                  not lines[i].strip()):
            ln = lines[i]
            m2 = re.match(r"^  (yaml):\s*\|[-+]?\s*$", ln)
            m3 = re.match(r"^  args:\s*\[(.*)\]\s*$", ln)
            if m2:
                ex[m2.group(1)], i = _block(lines, i + 1, 4)
                continue
            if m3:
                ex["args"] = [a.strip().strip("\"'")
                              for a in m3.group(1).split(",") if a.strip()]
            elif re.match(r"^  files:\s*$", ln):
                files = {}
                i += 1
                while i < len(lines):
                    m4 = re.match(r"^    (\S.*?):\s*\|[-+]?\s*$", lines[i])
                    if not m4:
                        if lines[i].strip() == "":
                            i += 1
                            continue
                        break
                    files[m4.group(1).strip("\"'")], i = \
                        _block(lines, i + 1, 6)
                ex["files"] = files
                continue
            i += 1
    return rule


def rule_ids(root):
    return sorted(f[:-5] for f in os.listdir(os.path.join(root, "rules"))
                  if re.match(r"^HL\d+\.yaml$", f))


# ---------------------------------------------------------------------------
# charts

def doc_identity(doc):
    kind = re.search(r"^kind:\s*(\S+)", doc, re.M)
    name = re.search(r"^metadata:[ \t]*\n(?:[ \t]+.*\n)*?  name:\s*(\S+)",
                     doc, re.M)
    return (kind.group(1) if kind else None,
            name.group(1).strip("\"'") if name else None)


def chart_files(example, claim, which="bad"):
    """{path: text} of the chart built from one example (claim None: the
    example as it is)."""
    if "files" in example:
        return dict(example["files"])
    text = example["yaml"]
    if claim is None:
        claim = Claim("", "", "", None)
    if claim.text_map and (which == "bad" or claim.map_good):
        text = claim.text_map(text)
    text += "".join(claim.extra)
    files, chart = {}, None
    for doc in re.split(r"(?m)^---[ \t]*\n", text):
        m = re.search(r"^# Source: ([^/\s]+)/(\S+)", doc, re.M)
        if not m:
            continue
        chart, path = m.group(1), m.group(2)
        if "{{" in doc:
            doc = doc.replace("{{", '{{ "{{" }}')
        ident = doc_identity(doc)
        if ident in claim.upgrade_only:
            doc = "{{- if .Values.claimsUpgrade }}\n" + doc + "{{- end }}\n"
        if ident in claim.dropped_on_upgrade:
            doc = "{{- if not .Values.claimsUpgrade }}\n" + doc + \
                "{{- end }}\n"
        files.setdefault(path, []).append(doc)
    out = {p: "---\n" + "---\n".join(d) for p, d in files.items()}
    out["Chart.yaml"] = "apiVersion: v2\nname: %s\nversion: 1.0.0\n" % \
        (chart or "claims")
    return out


def write_chart(files, parent):
    key = hashlib.sha1(json.dumps(files, sort_keys=True).encode())
    d = os.path.join(parent, key.hexdigest()[:12])
    if not os.path.isdir(d):
        for path, text in files.items():
            p = os.path.join(d, path)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)
    return d


# ---------------------------------------------------------------------------
# observations

class Run:
    """One helm command: exit, stderr, stdout, ops (observe.py's contract)."""

    def __init__(self, rec):
        self.command = rec.get("command")
        self.exit = rec.get("exit")
        self.timed_out = rec.get("timed_out", False)
        self.stderr = rec.get("stderr") or ""
        self.stdout = rec.get("stdout") or ""
        self.ops = rec.get("ops") or []
        self.seconds = rec.get("seconds")

    def ok(self):
        return self.exit == 0

    def find(self, op, kind, name=None, ok=True):
        """Ops `op` of kind/name; ok: only successful ones (creates without
        error, deletes of existing objects)."""
        out = []
        for i, o in enumerate(self.ops):
            if o["op"] != op or o["kind"] != kind:
                continue
            if name is not None and o["name"] != name:
                continue
            if ok and (o.get("error") or o.get("missing")):
                continue
            out.append(i)
        return out

    def creates(self, kind, name=None):
        return len(self.find("create", kind, name))

    def deletes(self, kind, name=None):
        return len(self.find("delete", kind, name))

    def first(self, spec):
        """Index of the first op matching "create Kind/name" (successful)."""
        op, _, ref = spec.partition(" ")
        kind, _, name = ref.partition("/")
        hits = self.find(op, kind, name or None)
        return hits[0] if hits else None

    def order(self, *specs):
        """Every spec happened, the first occurrences in this order."""
        pos = [self.first(s) for s in specs]
        return None not in pos and pos == sorted(pos)

    def summary(self):
        ops = []
        for o in self.ops:
            s = "%s %s/%s" % (o["op"], o["kind"], o["name"])
            if o.get("error"):
                s += "!%s" % o.get("reason")
            if o.get("missing"):
                s += "?"
            if o.get("applied"):
                s += "(applied)"
            if o.get("op") in ("create", "delete") and o.get("hook"):
                s += "[hook]"
            ops.append(s)
        return {"command": self.command, "exit": self.exit,
                "timed_out": self.timed_out, "ops": ops,
                "stderr": self.stderr.strip()[-400:]}


class Obs:
    def __init__(self, major, runs, template, log, error=None):
        self.major = major
        self.runs = runs
        self.template = template
        self.log = log
        self.error = error
        self.good = None  # the good example's Obs, for "same as good" claims
        self.notes = []  # what a predicate measured, for the diagnostics

    def __getitem__(self, name):
        return self.nth(name, 0)

    def nth(self, name, n):
        hits = [r for r in self.runs if r.command == name]
        return hits[n] if len(hits) > n else Run({"command": name})

    def requests(self, verb=None, resource=None, name=None, command=None):
        out = []
        for e in self.log:
            if verb and e.get("verb") != verb:
                continue
            if resource and e.get("resource") != resource:
                continue
            if name and e.get("name") != name:
                continue
            if command and e.get("_command") != command:
                continue
            out.append(e)
        return out

    def summary(self):
        s = {"helm": self.major, "commands": [r.summary() for r in self.runs]}
        if self.template is not None:
            s["template"] = {"exit": self.template.exit,
                             "stderr": self.template.stderr.strip()[-400:]}
        if self.error:
            s["error"] = self.error
        if self.notes:
            s["notes"] = self.notes
        return s


def clean_env(home):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HELM_", "KUBE", "XDG_"))}
    env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
               XDG_CACHE_HOME=os.path.join(home, ".cache"),
               XDG_DATA_HOME=os.path.join(home, ".local", "share"))
    return env


def observe(helm, major, chart, claim, tmp):
    """Run the claim's commands (and `helm template`) on one chart."""
    work = tempfile.mkdtemp(dir=tmp)
    log = os.path.join(work, "requests.log")
    argv = [sys.executable, OBSERVE, "--helm", helm, "--chart", chart,
            "--commands", claim.cmds, "--helm-timeout", claim.helm_timeout,
            # a bound for hangs only: a loaded CI machine is slow
            "--timeout", "120", "--raw", "--log", log]
    for k in claim.fail:
        argv += ["--fail", k]
    for k in claim.slow_delete:
        argv += ["--slow-delete", k]
    if claim.slow_delete:
        argv += ["--slow-seconds", str(claim.slow_seconds)]
    args = list(claim.args)
    if claim.upgrade_only or claim.dropped_on_upgrade:
        args.append("upgrade=--set=claimsUpgrade=true")
    for a in args:
        argv += ["--arg", a]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    p = subprocess.run(argv, capture_output=True, text=True, env=env,
                       timeout=600)
    template = None
    if claim.template:
        home = os.path.join(work, "home")
        os.makedirs(home)
        t = subprocess.run([helm, "template", "r", chart, "--namespace",
                            "default", "--include-crds"],
                           capture_output=True, text=True, timeout=60,
                           env=clean_env(home), cwd=work)
        template = Run({"command": "template", "exit": t.returncode,
                        "stderr": t.stderr, "stdout": t.stdout})
    if p.returncode != 0:
        return Obs(major, [], template, [],
                   error="observe.py exit %d: %s" % (p.returncode,
                                                     p.stderr[-1500:]))
    out = json.loads(p.stdout)
    runs = []
    for rec in out["commands"]:
        reqs = rec.get("requests") or []
        rec = dict(rec)
        if reqs:
            rec["seconds"] = reqs[-1].get("time", 0) - reqs[0].get("time", 0)
        runs.append(Run(rec))
    # the full request log (observe's --raw leaves out pod logs), each
    # entry tagged with the command it belongs to by sequence number
    entries = []
    if os.path.exists(log):
        with open(log, encoding="utf-8") as f:
            for ln in f:
                try:
                    entries.append(json.loads(ln))
                except ValueError:
                    pass
    bounds = []
    for rec in out["commands"]:
        seqs = [r["seq"] for r in rec.get("requests") or []]
        bounds.append((rec["command"], min(seqs) if seqs else None))
    for e in entries:
        e["_command"] = None
        for cmd, lo in bounds:
            if lo is not None and e["seq"] >= lo:
                e["_command"] = cmd
    entries.sort(key=lambda e: e["seq"])
    return Obs(major, runs, template, entries)


# ---------------------------------------------------------------------------
# predicates shared by several claims

def dropped(o, kind, name):
    """Helm drops the document: `helm template` leaves it out and says
    `skipping unknown hook`, no command sends it, every command succeeds."""
    t = o.template
    return (t is not None and t.exit == 0 and
            "skipping unknown hook" in t.stderr and
            ("name: %s\n" % name) not in t.stdout and
            all(r.ok() for r in o.runs) and
            not any(op["kind"] == kind and op["name"] == name
                    for r in o.runs for op in r.ops))


def left_behind_then(o, kind, name, run="upgrade"):
    """The hook object survives its event; when the event runs again Helm 3
    POSTs it again and fails with AlreadyExists, Helm 4 applies it onto the
    old object (no delete, no new object) and succeeds."""
    i, u = o["install"], o[run]
    if not i.ok() or i.creates(kind, name) != 1 or i.deletes(kind, name):
        return False
    if u.deletes(kind, name):
        return False
    hits = [u.ops[k] for k in u.find("create", kind, name, ok=False)]
    if o.major == "3":
        return (not u.ok() and "already exists" in u.stderr and
                any(h.get("reason") == "AlreadyExists" for h in hits))
    return u.ok() and bool(hits) and all(h.get("applied") for h in hits)


def deleted_after_event(o, kind, name, run="install"):
    """Created, then deleted (hook-succeeded) in the same command."""
    r = o[run]
    return r.ok() and r.order("create %s/%s" % (kind, name),
                              "delete %s/%s" % (kind, name))


def same_ops(o, ignore=()):
    """The bad example's commands do exactly what the good one's do."""
    def strip(obs):
        return [(r.command, r.exit,
                 [{k: v for k, v in op.items() if k not in ignore}
                  for op in r.ops]) for r in obs.runs]
    return o.good is not None and strip(o) == strip(o.good)


def regular(o, kind, name):
    """Installed as a regular release resource: created without a
    helm.sh/hook annotation by install, deleted by uninstall."""
    i = o["install"]
    hits = [i.ops[k] for k in i.find("create", kind, name)]
    return (i.ok() and len(hits) == 1 and not hits[0].get("hook") and
            (o["uninstall"].command is None or
             o["uninstall"].deletes(kind, name) == 1))


def fails_with(r, text):
    return r.exit not in (0, None) and text in r.stderr


# ---------------------------------------------------------------------------
# the claims

class Claim:
    def __init__(self, rule, what, cmds, pred, good="negate", todo=None,
                 template=False, helm_timeout="5s", fail=(), slow_delete=(),
                 slow_seconds=3.0, args=(), extra=(), text_map=None,
                 upgrade_only=(), dropped_on_upgrade=(), map_good=True):
        self.rule, self.what, self.cmds, self.pred = rule, what, cmds, pred
        # good: "negate"  - the good example must not satisfy pred;
        #       "same"    - it must satisfy it too (claims that Helm
        #                   accepts or ignores something);
        #       "compare" - pred compares the bad run with the good one
        #                   (o.good), no test of its own;
        #       "skip"    - the good example is not run;
        #       {"3": mode, "4": mode} - per Helm major version
        self.good = good
        # todo: None, or {major: what Helm really does} where it disagrees
        self.todo = todo or {}
        self.template = template
        self.helm_timeout = helm_timeout
        self.fail, self.slow_delete = list(fail), list(slow_delete)
        self.slow_seconds = slow_seconds
        self.args = list(args)
        self.extra = list(extra)
        self.text_map = text_map  # applied to the bad example, and to
        self.map_good = map_good  # the good one unless map_good=False
        self.upgrade_only = set(upgrade_only)
        self.dropped_on_upgrade = set(dropped_on_upgrade)


def probe(name, weight, event="pre-install"):
    """A ConfigMap hook used as a yardstick for ordering claims."""
    return ("---\n# Source: shop/templates/claims-probes.yaml\n"
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n"
            "  annotations:\n    \"helm.sh/hook\": %s\n"
            "    \"helm.sh/hook-weight\": \"%s\"\n"
            "data:\n  probe: \"yes\"\n" % (name, event, weight))


CM, JOB = "ConfigMap", "Job"
# HL405's example turned around: the ServiceAccount made at pre-install
# only, the Job run at pre-upgrade only; then with hook-succeeded.
LEFT_BY_INSTALL = (lambda t: t.replace(
    '"helm.sh/hook": pre-upgrade\n', '"helm.sh/hook": pre-install\n')
    .replace('"helm.sh/hook": pre-install,pre-upgrade\n',
             '"helm.sh/hook": pre-upgrade\n'))
SUCCEEDED_SA = (lambda t: t.replace(
    '"helm.sh/hook-weight": "-5"\n',
    '"helm.sh/hook-weight": "-5"\n'
    '    "helm.sh/hook-delete-policy": hook-succeeded\n'))
EMPTY_POLICY = (lambda t: re.sub(r'("helm.sh/hook-delete-policy": ).*',
                                 r'\1""', t))

CLAIMS = [
    # --- events -----------------------------------------------------------
    Claim("HL101", "pre-uninstall: the whole document is dropped (helm "
          "template says `skipping unknown hook`), it is sent neither by "
          "install nor by uninstall, and nothing fails",
          "install,uninstall", lambda o: dropped(o, JOB, "shop-cleanup"),
          template=True),
    Claim("HL102", "a trailing comma drops the whole document silently",
          "install", lambda o: dropped(o, CM, "shop-seed"),
          template=True),
    Claim("HL103", "a space-separated event list is one unknown event: the "
          "document is dropped",
          "install", lambda o: dropped(o, CM, "shop-seed"),
          template=True),
    Claim("HL104", "an event listed twice runs the hook twice in that "
          "event (created, deleted by before-hook-creation, created again)",
          "install",
          lambda o: (o["install"].ok() and
                     o["install"].creates(CM, "shop-seed") == 2 and
                     o["install"].deletes(CM, "shop-seed") == 1)),
    Claim("HL105", "test-success still works: helm test runs the Pod (and "
          "install does not)", "install,test",
          lambda o: (o["install"].creates("Pod") == 0 and
                     o["test"].ok() and
                     o["test"].creates("Pod", "shop-test-connection") == 1),
          good="same"),
    Claim("HL106", "Helm lower-cases events: Pre-Upgrade runs at upgrade",
          "install,upgrade",
          lambda o: (o["upgrade"].ok() and
                     o["upgrade"].creates(CM, "shop-seed") == 1),
          good="same"),
    # --- weights ----------------------------------------------------------
    Claim("HL110", "weight \"1.5\" is silently 0: the hook runs between "
          "weight -1 and weight 1", "install",
          lambda o: o["install"].ok() and o["install"].order(
              "create ConfigMap/shop-probe-minus1",
              "create ConfigMap/shop-seed",
              "create ConfigMap/shop-probe-1"),
          extra=[probe("shop-probe-minus1", "-1", "pre-install,pre-upgrade"),
                 probe("shop-probe-1", "1", "pre-install,pre-upgrade")]),
    Claim("HL111", "weight \"05\" is the integer 5: after weight 4, "
          "before weight 6", "install",
          lambda o: o["install"].ok() and o["install"].order(
              "create ConfigMap/shop-probe-4", "create ConfigMap/shop-seed",
              "create ConfigMap/shop-probe-6"),
          good="same",
          extra=[probe("shop-probe-4", "4", "pre-install,pre-upgrade"),
                 probe("shop-probe-6", "6", "pre-install,pre-upgrade")]),
    # --- values -----------------------------------------------------------
    Claim("HL120", "an unquoted number makes install fail with `cannot "
          "unmarshal number into Go struct field "
          "ObjectMeta.metadata.annotations of type string`", "install",
          lambda o: fails_with(o["install"], "cannot unmarshal number into "
                               "Go struct field ObjectMeta.metadata."
                               "annotations of type string")),
    Claim("HL120", "Helm fails on the client: no request for the hook with "
          "the number is sent", "install",
          lambda o: (not o["install"].ok() and
                     not any(op["name"] == "shop-seed"
                             for op in o["install"].ops))),
    Claim("HL121", "a sequence annotation value: install and helm template "
          "fail with `YAML parse error on` the template", "install",
          lambda o: (fails_with(o["install"], "YAML parse error on "
                                "shop/templates/seed-configmap.yaml") and
                     fails_with(o.template, "YAML parse error on "
                                "shop/templates/seed-configmap.yaml") and
                     not o["install"].ops),
          template=True),
    # --- policies ---------------------------------------------------------
    Claim("HL130", "HookSucceeded matches nothing and drops the default: "
          "the hook is never deleted; at the next upgrade Helm 3 fails "
          "with already exists, Helm 4 reuses the stale object",
          "install,upgrade", lambda o: left_behind_then(o, CM, "shop-seed")),
    Claim("HL131", "a trailing comma is harmless by itself: hook-succeeded "
          "still deletes the hook", "install",
          lambda o: deleted_after_event(o, CM, "shop-seed"), good="same"),
    Claim("HL131", "an empty delete policy (\"\") is a policy that matches "
          "nothing: never deleted; the next upgrade fails with already "
          "exists (Helm 3) or applies the old object (Helm 4)",
          "install,upgrade", lambda o: left_behind_then(o, CM, "shop-seed"),
          text_map=EMPTY_POLICY, map_good=False),
    Claim("HL132", "Helm lower-cases policies: Hook-Succeeded deletes the "
          "hook after its event", "install",
          lambda o: deleted_after_event(o, CM, "shop-seed"), good="same"),
    Claim("HL140", "an unknown output-log token is never matched: no logs "
          "are looked up when the Job fails (Helm 4 looks them up for "
          "hook-failed; Helm 3.17 ignores the annotation)", "install",
          lambda o: not o["install"].ok() and not pod_logs(o, "install"),
          good={"3": "same", "4": "negate"},
          fail=["Job/shop-db-migrate"]),
    Claim("HL150", "of a duplicate key Helm keeps the last value: weight "
          "5, not -5, so the hook runs after a weight-0 hook", "install",
          lambda o: o["install"].ok() and o["install"].order(
              "create ConfigMap/shop-probe-0", "create ConfigMap/shop-seed"),
          extra=[probe("shop-probe-0", "0", "pre-install,pre-upgrade")]),
    # --- keys -------------------------------------------------------------
    Claim("HL201", "a misspelled delete-policy key is ignored: the Secret "
          "is never cleaned up after its event", "install",
          lambda o: (o["install"].ok() and
                     o["install"].creates("Secret", "shop-db-password") == 1
                     and not o["install"].deletes("Secret",
                                                  "shop-db-password"))),
    Claim("HL202", "helm.sh/hook-delete-timeout does nothing: the same "
          "requests as without it", "install",
          lambda o: same_ops(o), good="compare"),
    Claim("HL203", "helm.sh/hook on the pod template makes nothing a hook: "
          "the Job is a regular resource, created by install without hook "
          "annotation and deleted by uninstall", "install,uninstall",
          lambda o: regular(o, JOB, "shop-db-migrate")),
    Claim("HL204", "without helm.sh/hook the ConfigMap is a regular "
          "resource (installed with the release, deleted by uninstall)",
          "install,uninstall", lambda o: regular(o, CM, "shop-seed")),
    Claim("HL207", "a hook annotation in crds/ does nothing: the CRD is "
          "created the same way as without it", "install,uninstall",
          lambda o: (same_ops(o, ignore=("hook",)) and
                     o["install"].creates("CustomResourceDefinition") == 1),
          good="compare"),
    Claim("HL208", "a hook under tests/ is never rendered: helm test runs "
          "nothing", "install,test",
          lambda o: (o["test"].creates("Pod") == 0 and
                     o["install"].creates("Pod") == 0)),
    # --- cleanup ----------------------------------------------------------
    Claim("HL301", "hook-succeeded only, the Job fails: it is left behind; "
          "the next upgrade fails with AlreadyExists (Helm 3) or applies "
          "the completed Job without running it (Helm 4)",
          "install,upgrade",
          lambda o: (not o["install"].ok() and
                     o["install"].creates(JOB, "shop-db-migrate") == 1 and
                     not o["install"].deletes(JOB, "shop-db-migrate") and
                     left_after_failure(o)),
          fail=["Job/shop-db-migrate"]),
    Claim("HL302", "without hook-succeeded the Job stays after its run and "
          "after uninstall; the next upgrade's before-hook-creation "
          "replaces it", "install,upgrade,uninstall",
          lambda o: (o["install"].creates(JOB, "shop-db-migrate") == 1 and
                     not o["install"].deletes(JOB) and
                     o["upgrade"].order("delete Job/shop-db-migrate",
                                        "create Job/shop-db-migrate") and
                     o["upgrade"].deletes(JOB) == 1 and
                     o["uninstall"].ok() and
                     not o["uninstall"].deletes(JOB))),
    # the exemption: a fixed-name test Pod without hook-succeeded
    Claim("HL302", "a test Pod with a fixed name and no hook-succeeded is "
          "not piled up: the next helm test deletes it before creating it "
          "again, and the last one stays for helm test --logs",
          "install,test,test",
          lambda o: (o.nth("test", 0).creates("Pod", "shop-smoke") == 1 and
                     not o.nth("test", 0).deletes("Pod") and
                     o.nth("test", 1).order("delete Pod/shop-smoke",
                                            "create Pod/shop-smoke") and
                     o.nth("test", 1).deletes("Pod") == 1),
          good="skip", extra=[
              "---\n# Source: shop/templates/tests/smoke.yaml\n"
              "apiVersion: v1\nkind: Pod\nmetadata:\n  name: shop-smoke\n"
              "  annotations:\n    \"helm.sh/hook\": test\nspec:\n"
              "  restartPolicy: Never\n  containers:\n    - name: smoke\n"
              "      image: busybox:1.36\n"]),
    Claim("HL303", "hook-succeeded deletes the pre-install Secret at the "
          "end of pre-install, before the post-install Job that reads it "
          "is created: the Job never starts and install times out",
          "install",
          lambda o: (not o["install"].ok() and
                     o["install"].creates("Secret", "shop-seed-env") >= 1 and
                     o["install"].creates(JOB, "shop-seed") == 1 and
                     not exists_at(o["install"], "Secret", "shop-seed-env",
                                   "create Job/shop-seed"))),
    Claim("HL304", "the hook Secret a Deployment mounts is deleted and "
          "created again at each upgrade and outlives uninstall",
          "install,upgrade,uninstall",
          lambda o: (o["upgrade"].order("delete Secret/shop-tls",
                                        "create Secret/shop-tls") and
                     o["uninstall"].deletes("Deployment", "shop-web") == 1 and
                     not o["uninstall"].deletes("Secret", "shop-tls"))),
    Claim("HL305", "resource-policy keep on a hook stops nothing: "
          "uninstall leaves it either way, the next install's "
          "before-hook-creation deletes and recreates it",
          "install,uninstall,install",
          lambda o: (same_ops(o) and
                     not o["uninstall"].deletes("Secret") and
                     o.nth("install", 1).order(
                         "delete Secret/shop-db-password",
                         "create Secret/shop-db-password")),
          good="compare"),
    Claim("HL306", "a delete policy on a CRD hook does nothing: Helm sends "
          "no delete for the CRD, before creation or after",
          "install,uninstall,install",
          lambda o: (same_ops(o) and o["install"].creates(
              "CustomResourceDefinition") == 1 and
              not any(op["op"] == "delete" and
                      op["kind"] == "CustomResourceDefinition"
                      for r in o.runs for op in r.ops)),
          good="compare"),
    Claim("HL307", "the next upgrade finds the old Pod still terminating: "
          "Helm 4 applies the hook onto it instead of creating a new Pod, "
          "where Helm 3 waits until it is gone and creates one",
          "install,sleep:3,upgrade",
          lambda o: any(op["op"] == "create" and op["kind"] == "Pod" and
                        bool(op.get("applied")) == (o.major == "4")
                        for op in o["upgrade"].ops),
          # with hook-succeeded there is nothing left: Helm 4 creates a
          # new Pod, and Helm 3 does what the claim says of it anyway
          good={"3": "same", "4": "negate"},
          # Helm 4 reaches the apply while the Pod is still terminating,
          # even on a loaded machine; the pause lets the good example's
          # Pod (deleted when install ends) go before the upgrade
          slow_delete=["Pod/shop-warm-cache"], slow_seconds=2.5),
    # --- ordering ---------------------------------------------------------
    Claim("HL401", "the Job (weight 0) is created and waited on before the "
          "ServiceAccount hook (weight 5) it uses: it never starts, install "
          "times out and the ServiceAccount is never created", "install",
          lambda o: (not o["install"].ok() and
                     o["install"].order("create Job/shop-db-migrate",
                                        "wait Job/shop-db-migrate") and
                     not o["install"].creates("ServiceAccount",
                                              "shop-migrate"))),
    Claim("HL402", "on install the pre-install Job is created and waited on "
          "before the regular ConfigMap it mounts exists: it never starts "
          "and install times out", "install",
          lambda o: (not o["install"].ok() and
                     o["install"].order("create Job/shop-db-migrate",
                                        "wait Job/shop-db-migrate") and
                     not o["install"].creates("ConfigMap", "shop-config"))),
    Claim("HL403", "on the upgrade that introduces the Secret, the "
          "pre-upgrade Job is created and waited on before the Secret "
          "exists: it never starts and the upgrade times out",
          "install,upgrade",
          lambda o: (o["install"].creates("Secret") == 0 and
                     not o["upgrade"].ok() and
                     o["upgrade"].order("create Job/shop-db-migrate",
                                        "wait Job/shop-db-migrate") and
                     not o["upgrade"].creates("Secret", "shop-db")),
          upgrade_only=[("Secret", "shop-db")]),
    Claim("HL404", "uninstall deletes the regular ServiceAccount before the "
          "post-delete Job that uses it is created", "install,uninstall",
          lambda o: o["uninstall"].order("delete ServiceAccount/shop",
                                         "create Job/shop-cleanup")),
    Claim("HL404", "uninstall does not wait for the regular resources to "
          "be gone before it runs the post-delete hooks (a ServiceAccount "
          "that takes 8 s to go)", "install,uninstall",
          lambda o: not waited_for_deletion(o, "serviceaccounts", "shop",
                                            "jobs", "shop-cleanup", 8.0),
          good="skip", slow_delete=["ServiceAccount/shop"], slow_seconds=8.0),
    Claim("HL405", "a ServiceAccount hook listed only for pre-upgrade does "
          "not exist on install when the pre-install Job runs", "install",
          lambda o: (o["install"].creates(JOB, "shop-db-migrate") == 1 and
                     o["install"].creates("ServiceAccount") == 0)),
    Claim("HL405", "a ServiceAccount hook of pre-install only, without "
          "hook-succeeded, is left by install: the pre-upgrade Job that "
          "uses it runs at upgrade", "install,upgrade",
          lambda o: (o["install"].creates("ServiceAccount",
                                          "shop-migrate") == 1 and
                     o["upgrade"].ok() and
                     o["upgrade"].creates(JOB, "shop-db-migrate") == 1 and
                     not o["upgrade"].creates("ServiceAccount")),
          text_map=LEFT_BY_INSTALL, good="skip"),
    Claim("HL405", "with hook-succeeded that ServiceAccount is deleted at "
          "the end of pre-install: at upgrade the pre-upgrade Job never "
          "starts and the upgrade times out", "install,upgrade",
          lambda o: (o["install"].ok() and
                     o["install"].order("create ServiceAccount/shop-migrate",
                                        "delete ServiceAccount/shop-migrate")
                     and not o["upgrade"].ok() and
                     o["upgrade"].creates(JOB, "shop-db-migrate") == 1 and
                     not o["upgrade"].creates("ServiceAccount")),
          text_map=lambda t: SUCCEEDED_SA(LEFT_BY_INSTALL(t)),
          map_good=False),
    Claim("HL406", "the custom-resource hook is created before the CRD "
          "in templates/, which is a regular resource", "install",
          lambda o: o["install"].order("create Widget/shop-default",
                                       "create CustomResourceDefinition/"
                                       "widgets.example.com")),
    Claim("HL407", "install does not create the test ConfigMap the "
          "Deployment reads; helm test creates it and deletes it again",
          "install,test",
          lambda o: (o["install"].creates("Deployment", "shop-web") == 1 and
                     o["install"].creates(CM, "shop-fixtures") == 0 and
                     o["test"].order("create ConfigMap/shop-fixtures",
                                     "delete ConfigMap/shop-fixtures"))),
    Claim("HL408", "two hooks of one name in one event: the second "
          "replaces the first (deleted by before-hook-creation and created "
          "again), fails or is applied over it", "install",
          lambda o: len(o["install"].find("create", CM, "shop-scripts",
                                          ok=False)) == 2 and
          (o["install"].deletes(CM, "shop-scripts") >= 1 or
           any(op.get("error") or op.get("applied")
               for op in o["install"].ops if op["name"] == "shop-scripts"))),
    Claim("HL409", "one name for an install hook and an upgrade hook: the "
          "upgrade deletes the install's object and creates its own",
          "install,upgrade",
          lambda o: (o["install"].creates(CM, "shop-scripts") == 1 and
                     o["upgrade"].order("delete ConfigMap/shop-scripts",
                                        "create ConfigMap/shop-scripts"))),
    Claim("HL410", "a hook named like a release resource: Helm 3 fails "
          "(already exists or invalid ownership metadata), Helm 4 applies "
          "the release resource over the hook silently", "install",
          lambda o: (fails_with(o["install"], "") and
                     ("already exists" in o["install"].stderr or
                      "invalid ownership metadata" in o["install"].stderr))
          if o.major == "3" else
          (o["install"].ok() and o["install"].creates("Secret", "shop-db")
           == 2 and any(op.get("applied") for op in o["install"].ops
                        if op["name"] == "shop-db"))),
    Claim("HL411", "uninstall creates the pre-delete ServiceAccount hook "
          "again and leaves it behind", "install,uninstall",
          lambda o: (o["uninstall"].ok() and
                     o["uninstall"].creates("ServiceAccount",
                                            "shop-hooks") == 1 and
                     not o["uninstall"].order(
                         "create ServiceAccount/shop-hooks",
                         "delete ServiceAccount/shop-hooks"))),
    Claim("HL412", "with release r the Jobs compare as r-search-reindex "
          "< r-shop-db-migrate: Helm runs the reindex first, before the "
          "migration", "install",
          lambda o: o["install"].order("create Job/r-search-reindex",
                                       "create Job/r-shop-db-migrate")),
    Claim("HL412", "with fullnameOverride=app the same templates compare "
          "the other way (app-db-migrate < r-search-reindex): the "
          "migration runs first", "install",
          lambda o: o["install"].order("create Job/app-db-migrate",
                                       "create Job/r-search-reindex"),
          args=["install=--set=fullnameOverride=app"], good="same"),
    # --- kinds ------------------------------------------------------------
    Claim("HL501", "a Job without restartPolicy: the API server rejects "
          "it (422, Unsupported value \"Always\") and install fails at "
          "once", "install",
          lambda o: (fails_with(o["install"], 'Unsupported value: "Always"')
                     and any(op.get("error") == 422 for op in o["install"].ops
                             if op["kind"] == JOB))),
    Claim("HL502", "a Pod test hook without restartPolicy never succeeds: "
          "helm test waits the whole --timeout (5s) and fails",
          "install,test",
          lambda o: (not o["test"].ok() and not o["test"].timed_out and
                     took(o, "test") >= 4.5 and
                     o["test"].creates("Pod", "shop-test-connection") == 1)),
    Claim("HL504", "a Job name over 63 characters is rejected by the API "
          "server (`must be no more than 63 characters`), install fails",
          "install",
          lambda o: (fails_with(o["install"],
                                "must be no more than 63 characters") and
                     any(op.get("error") == 422 for op in o["install"].ops
                         if op["kind"] == JOB))),
    Claim("HL506", "generateName only, before-hook-creation by default: "
          "install fails before any request for the hook with `resource "
          "name may not be empty`", "install",
          lambda o: (fails_with(o["install"], "resource name may not be "
                                "empty") and
                     not o["install"].creates(JOB))),
    Claim("HL507", "a Deployment hook is not part of the release: upgrade "
          "deletes and recreates it, uninstall leaves it running",
          "install,upgrade,uninstall",
          lambda o: (o["install"].creates("Deployment", "shop-cache") == 1 and
                     o["upgrade"].order("delete Deployment/shop-cache",
                                        "create Deployment/shop-cache") and
                     o["uninstall"].ok() and
                     not o["uninstall"].deletes("Deployment"))),
    Claim("HL508", "Helm does not wait for a CRD hook: nothing reads the "
          "CRD back after creating it (it does for crds/), and uninstall "
          "leaves it", "install,uninstall",
          lambda o: (o["install"].creates("CustomResourceDefinition") == 1 and
                     not crd_read_back(o) and
                     not o["uninstall"].deletes("CustomResourceDefinition")),
          # Helm 4 sends no request to wait for crds/ CRDs either: the
          # server's apply reply already says Established
          good={"3": "negate", "4": "skip"}),
    Claim("HL510", "helm test --logs fails on a Job test hook that "
          "passed: it asks for the logs of a Pod with the Job's name",
          "install,test",
          lambda o: (o["test"].creates(JOB) == 1 and
                     fails_with(o["test"], "unable to get pod logs")),
          args=["test=--logs"]),
    Claim("HL511", "a PVC hook is deleted and created empty at every "
          "upgrade, left behind by uninstall, deleted by the next install",
          "install,upgrade,uninstall,install",
          lambda o: (o["upgrade"].order(
              "delete PersistentVolumeClaim/shop-data",
              "create PersistentVolumeClaim/shop-data") and
              not o["uninstall"].deletes("PersistentVolumeClaim") and
              o.nth("install", 1).order(
                  "delete PersistentVolumeClaim/shop-data",
                  "create PersistentVolumeClaim/shop-data"))),
    # --- charts -----------------------------------------------------------
    Claim("HL601", "a ConfigMap in crds/ is created by install outside the "
          "release: upgrade and uninstall never touch it",
          "install,upgrade,uninstall",
          lambda o: (o["install"].creates(CM, "shop-settings") == 1 and
                     all(op["name"] != "shop-settings"
                         for r in o.runs[1:] for op in r.ops) and
                     o["uninstall"].ok())),
    Claim("HL602", "keep on an item of a List is not read: uninstall "
          "deletes the Secret", "install,uninstall",
          lambda o: o["uninstall"].deletes("Secret", "shop-db-password") == 1),
    Claim("HL603", "resource-policy retain: uninstall neither deletes the "
          "PVC nor reports it as kept", "install,uninstall",
          lambda o: (o["uninstall"].ok() and
                     not o["uninstall"].deletes("PersistentVolumeClaim") and
                     "shop-data" not in o["uninstall"].stdout)),
    Claim("HL603", "resource-policy retain: an upgrade that stops "
          "rendering the PVC deletes it", "install,upgrade",
          lambda o: o["upgrade"].deletes("PersistentVolumeClaim",
                                         "shop-data") == 1,
          dropped_on_upgrade=[("PersistentVolumeClaim", "shop-data")]),
    Claim("HL604", "resource-policy Keep: uninstall keeps the Secret",
          "install,uninstall",
          lambda o: (o["uninstall"].ok() and
                     not o["uninstall"].deletes("Secret")), good="same"),
    Claim("HL604", "resource-policy Keep: an upgrade that stops rendering "
          "the Secret deletes it", "install,upgrade",
          lambda o: o["upgrade"].deletes("Secret", "shop-db-password") == 1,
          dropped_on_upgrade=[("Secret", "shop-db-password")]),
    # --- syntax -----------------------------------------------------------
    Claim("HL901", "a YAML syntax error: install and helm template fail "
          "with `YAML parse error on` the template, nothing is created",
          "install",
          lambda o: (fails_with(o["install"], "YAML parse error on "
                                "shop/templates/db-migrate-job.yaml") and
                     fails_with(o.template, "YAML parse error on "
                                "shop/templates/db-migrate-job.yaml") and
                     not o["install"].ops),
          template=True),
]


def left_after_failure(o):
    """HL301: the failed Job stays; what the next upgrade does with it."""
    u = o["upgrade"]
    if u.deletes(JOB, "shop-db-migrate"):
        return False
    hits = [u.ops[k] for k in u.find("create", JOB, "shop-db-migrate",
                                     ok=False)]
    if o.major == "3":
        return (not u.ok() and
                any(h.get("reason") == "AlreadyExists" for h in hits))
    return bool(hits) and all(h.get("applied") for h in hits)


def exists_at(run, kind, name, spec):
    """Whether kind/name exists (by this command's ops) when spec happens."""
    stop = run.first(spec)
    if stop is None:
        return None
    there = False
    for o in run.ops[:stop]:
        if o["kind"] != kind or o["name"] != name:
            continue
        if o["op"] == "create" and not o.get("error"):
            there = True
        elif o["op"] == "delete" and not o.get("missing") and \
                not o.get("error"):
            there = False
    return there


def waited_for_deletion(o, res, name, hook_res, hook, seconds):
    """The hook was created at least `seconds` after the object's DELETE
    (the object vanishes `seconds` after it)."""
    dels = [e for e in o.requests("delete", res, name, "uninstall")
            if 200 <= (e.get("code") or 0) < 300]
    made = [e for e in o.requests(None, hook_res, hook, "uninstall")
            if e.get("verb") in ("create", "apply") and
            200 <= (e.get("code") or 0) < 300]
    if not dels or not made:
        return False
    gap = made[0]["time"] - dels[0]["time"]
    o.notes.append("the hook was created %.2f s after the DELETE of %s/%s "
                   "(which takes %.1f s)" % (gap, res, name, seconds))
    return gap >= seconds - 0.2


def pod_logs(o, command):
    """Pod lists and log requests of a command: Helm looking for logs."""
    reqs = [e for e in o.requests(command=command)
            if e.get("verb") == "log" or
            (e.get("verb") == "list" and e.get("resource") == "pods")]
    o.notes.append("%s: %d pod list/log requests %s" % (
        command, len(reqs), ["%s %s %s" % (e.get("verb"), e.get("name") or "",
                                           (e.get("query") or {}).get(
                                               "labelSelector") or "")
                             for e in reqs][:4]))
    return reqs


def took(o, command):
    s = o[command].seconds or 0
    o.notes.append("%s: %.2f s from its first request to its last" %
                   (command, s))
    return s


def crd_read_back(o):
    """A GET, LIST or WATCH of CRDs in install after the CRD's create."""
    seen = False
    for e in o.requests(command="install"):
        if e.get("resource") != "customresourcedefinitions":
            continue
        if e.get("verb") == "create" and 200 <= (e.get("code") or 0) < 300:
            seen = True
        elif seen and e.get("verb") in ("get", "list", "watch"):
            return True
    return False


NOT_OBSERVABLE = {
    "HL141": "only Jobs and Pods can fail a hook wait; a TaskRun (or any "
             "other kind) is ready at once, so there is never a failure "
             "whose logs Helm could print",
    "HL205": "annotation keys are validated by the real API server; the "
             "fake server does not check them",
    "HL206": "the annotation size limit is the real API server's; the fake "
             "server does not check it",
    "HL503": "the fake server has no container restarts: a failing Pod is "
             "Failed at once whatever its restartPolicy",
    "HL505": "the fake server has no TTL controller to delete a finished "
             "Job",
    "HL509": "the fake server has no back-off or deadline: a Job fails or "
             "completes at once",
    "HL701": "Argo CD behaviour (sync phases); Helm is not involved",
    "HL702": "Argo CD behaviour (Application deletion); Helm is not "
             "involved",
    "HL703": "Argo CD behaviour (its own hook annotation); Helm is not "
             "involved",
    "HL704": "Argo CD behaviour (sync waves); Helm ignores the weight",
    "HL705": "Argo CD behaviour (PreSync on every sync); Helm is not "
             "involved",
    "HL902": "a hooklint comment; Helm drops YAML comments",
    "HL903": "editor aid listing templated values; no Helm behaviour",
}


# ---------------------------------------------------------------------------
# running

class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0
        self.lock = threading.Lock()
        self.lines = []

    def result(self, ok, what, detail=None, todo=None):
        self.n += 1
        line = "%s %d - %s" % ("ok" if ok else "not ok", self.n, what)
        if todo:
            line += " # TODO " + todo
        print(line)
        if (not ok or todo or VERBOSE) and detail is not None:
            for ln in json.dumps(detail, indent=1).split("\n")[:80]:
                print("# " + ln)
        if not ok and not todo:
            self.failed += 1
        if ok and todo:
            self.failed += 1  # the claim holds again: drop the todo mark
        sys.stdout.flush()


def good_mode(claim, major):
    if isinstance(claim.good, dict):
        return claim.good.get(major, "negate")
    return claim.good


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: claims.py HOOKLINT SOURCE_ROOT\n")
        return 2
    hooklint, root = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    ids = rule_ids(root)
    only = [x for x in os.environ.get("CLAIMS_ONLY", "").split(",") if x]
    claims = [c for c in CLAIMS if not only or c.rule in only]
    helms = helms_available(root)
    if not helms:
        return helm_skip("no Helm binary (HELM3, HELM4 or .cache/helm)")

    rules = {i: parse_rule(os.path.join(root, "rules", i + ".yaml"))
             for i in ids}
    tmp = tempfile.mkdtemp(prefix="hooklint-claims-")
    tap = Tap()
    try:
        # plan: every (claim, example, helm) observation, deduplicated
        jobs, keys = {}, {}
        charts = {}
        for ci, c in enumerate(claims):
            rule = rules.get(c.rule)
            if rule is None:
                continue
            for which in ("bad", "good"):
                if which == "good" and all(good_mode(c, m) == "skip"
                                           for m, _, _ in helms):
                    continue
                files = chart_files(rule[which], c, which)
                d = write_chart(files, tmp)
                charts[(ci, which)] = d
                for major, path, _ in helms:
                    k = (d, c.cmds, c.helm_timeout, tuple(c.fail),
                         tuple(c.slow_delete), c.slow_seconds, tuple(c.args),
                         bool(c.upgrade_only or c.dropped_on_upgrade),
                         c.template, major)
                    keys[(ci, which, major)] = k
                    jobs.setdefault(k, (path, major, d, c))
        nproc = int(os.environ.get("CLAIMS_JOBS", "6"))
        results = {}
        with concurrent.futures.ThreadPoolExecutor(nproc) as ex:
            futs = {ex.submit(observe, p, m, d, c, tmp): k
                    for k, (p, m, d, c) in jobs.items()}
            # the lint check runs meanwhile
            lint = {}
            for c in claims:
                if c.rule in rules and c.rule not in lint:
                    ex = rules[c.rule]["bad"]
                    plain = write_chart(chart_files(ex, None), tmp)
                    lint[c.rule] = lints(hooklint, plain, ex, c.rule)
            for f in concurrent.futures.as_completed(futs):
                k = futs[f]
                try:
                    results[k] = f.result()
                except Exception as e:  # noqa: BLE001 - reported as a test
                    results[k] = Obs(k[-1], [], None, [], error=repr(e))

        print("1..%d" % count_tests(claims, helms, ids))
        # the two tables cover every rule, once
        in_claims = {c.rule for c in CLAIMS}
        missing = [i for i in ids
                   if i not in in_claims and i not in NOT_OBSERVABLE]
        both = sorted(in_claims & set(NOT_OBSERVABLE))
        unknown = sorted((in_claims | set(NOT_OBSERVABLE)) - set(ids))
        tap.result(not missing and not both and not unknown,
                   "every rule is in exactly one of CLAIMS and "
                   "NOT_OBSERVABLE",
                   {"in neither": missing, "in both": both,
                    "no such rule": unknown})
        done_lint = set()
        for ci, c in enumerate(claims):
            if c.rule not in rules:
                tap.result(False, "%s: no rules/%s.yaml" % (c.rule, c.rule))
                continue
            if c.rule not in done_lint:
                done_lint.add(c.rule)
                ok, detail = lint[c.rule]
                tap.result(ok, "%s: the chart built from the bad example "
                           "still reports %s" % (c.rule, c.rule), detail)
            for major, _, version in helms:
                bad = results[keys[(ci, "bad", major)]]
                good = results.get(keys.get((ci, "good", major)))
                bad.good = good
                todo = c.todo.get(major)
                ok = not bad.error and safe(c.pred, bad)
                tap.result(ok, "%s helm%s bad: %s" % (c.rule, major, c.what),
                           bad.summary(), todo=todo and
                           ("Helm %s: %s" % (version, todo) if not ok else
                            "the claim holds now, remove the todo mark"))
                mode = good_mode(c, major)
                if mode in ("compare", "skip") or good is None:
                    continue
                gok = not good.error and safe(c.pred, good)
                if mode == "negate":
                    tap.result(not good.error and not gok,
                               "%s helm%s good: does not show it" %
                               (c.rule, major), good.summary())
                else:
                    tap.result(gok, "%s helm%s good: behaves the same" %
                               (c.rule, major), good.summary())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if tap.failed else 0


def safe(pred, obs):
    try:
        return bool(pred(obs))
    except (KeyError, IndexError, TypeError, AttributeError):
        return False


def count_tests(claims, helms, ids):
    n = 1 + len({c.rule for c in claims})
    for c in claims:
        for major, _, _ in helms:
            n += 1
            if good_mode(c, major) not in ("compare", "skip"):
                n += 1
    return n


def lints(hooklint, chart, example, rule):
    """hooklint, run in the chart built from the bad example (as it is),
    reports the rule."""
    argv = [hooklint, "--format", "json", "--exit-zero", "--enable",
            rule] + list(example.get("args") or [])
    p = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                       cwd=chart)
    try:
        found = json.loads(p.stdout)
    except ValueError:
        return False, {"exit": p.returncode, "stderr": p.stderr[-500:]}
    text = json.dumps(found)
    return ('"%s"' % rule) in text, {"exit": p.returncode,
                                     "output": text[:800]}


if __name__ == "__main__":
    sys.exit(main(sys.argv))
