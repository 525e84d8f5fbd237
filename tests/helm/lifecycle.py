#!/usr/bin/env python3
"""lifecycle.py HOOKLINT SOURCE_ROOT - hooklint plan against real Helm.

For every chart under fixtures/ and every rendered fixture (wrapped in a
chart: each document goes to the file its "# Source:" comment names), and
for each Helm that helms.py finds, this runs

  helm install, upgrade, rollback 1, test, uninstall

against the fake API server of tests/cluster/ and compares, command by
command, the hook operations Helm sent (observe.py) with what

  hooklint plan --format json --target helm3|helm4

predicts from `helm template` of the same chart: the before-hook-creation
deletes of objects that exist, the creates in order, the waits on Jobs and
Pods, the hook-succeeded deletes at the end of each event, the crds/ CRDs
first and the regular resources created by install and deleted by
uninstall (as a set: Helm 3 creates one kind concurrently). Where a plan
mark says Helm stops (a hook's "stop", a command's "fails_before", the
regular resources' "rejected"), Helm must fail that command there, after
the deletes the hook's "if_fails" lists; where Helm fails unannounced,
the test fails. Then install runs once more with the last Job or Pod hook
of its first event with one made to fail, and what Helm deletes after the
failure must be the plan's "if_fails" for that hook. Later commands are compared only while both
sides agree that the earlier ones succeeded.

A case Helm itself cannot take (its templating of a rendered fixture, a
kind the fake server does not serve) is listed in CANNOT with the reason.
Output is TAP; Python 3 standard library only.
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

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "cluster"))
import helms  # noqa: E402
import observe  # noqa: E402

COMMANDS = ["install", "upgrade", "rollback", "test", "uninstall"]

# Inputs real Helm cannot take as they are, with the reason. Keyed by the
# fixture path relative to fixtures/.
CANNOT = {
    "chart-test-pods/chart":
        "a test Pod's name comes from randAlphaNum: helm template and helm "
        "install render different names",
    "real-helm-create/chart":
        "a test Pod's name comes from randAlphaNum: helm template and helm "
        "install render different names",
    "rule-HL302-template/chart":
        "a test Pod's name comes from randAlphaNum: helm template and helm "
        "install render different names",
    "real-helm2-operator/chart":
        "a crds/ file names its CRD with a template action, sent as "
        "written (HL601): Helm fails on it before anything",
    "rule-HL601-template/chart":
        "helm template prints crds/ files unparsed, and the suite plans "
        "from that rendering, where HL601 (a template-mode rule) does not "
        "look; Helm fails on the file before anything",
}

SOURCE = re.compile(r"^#\s*Source:\s*(\S+)\s*$", re.M)


def run(argv, cwd=None, stdin=None):
    p = subprocess.run(argv, cwd=cwd, input=stdin, capture_output=True,
                       text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


# --- inputs -----------------------------------------------------------------

def find_inputs(root):
    """[(name, kind, path)]: charts and rendered streams under fixtures/."""
    fixtures = os.path.join(root, "fixtures")
    found, seen = [], set()
    for dirpath, dirnames, filenames in os.walk(fixtures):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = os.path.relpath(dirpath, fixtures)
        if "Chart.yaml" in filenames:
            found.append((rel, "chart", dirpath))
            dirnames[:] = []
            continue
        for f in sorted(filenames):
            path = os.path.join(dirpath, f)
            if not f.endswith((".yaml", ".yml")) or f.startswith("."):
                continue
            if rel.startswith("malformed-") or rel.startswith("config-"):
                continue
            with open(path, "rb") as fh:
                data = fh.read()
            if b"apiVersion" not in data or b"# Source:" not in data:
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                continue        # the format-* cases share one input
            seen.add(digest)
            found.append((os.path.join(rel, f), "rendered", path))
    return found


def wrap(path, dest):
    """Write rendered stream @path as a chart in @dest; its name."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    docs = re.split(r"^---[ \t]*$", text, flags=re.M)
    files, chart = {}, "wrapped"
    for i, doc in enumerate(docs):
        if not doc.strip():
            continue
        m = SOURCE.search(doc)
        rel = "templates/doc-%d.yaml" % i
        if m:
            parts = m.group(1).split("/")
            chart = parts[0]
            rel = "/".join(parts[1:])
        doc = SOURCE.sub("", doc)
        if not rel.startswith("crds/"):
            # literal template actions in a rendered manifest (scripts
            # with {{ }}) are text: keep Helm from executing them
            doc = re.sub(r"(\{\{|\}\})",
                         lambda t: '{{ "%s" }}' % t.group(1), doc)
        files.setdefault(rel, []).append(doc.strip("\n") + "\n")
    os.makedirs(dest)
    with open(os.path.join(dest, "Chart.yaml"), "w") as fh:
        fh.write("apiVersion: v2\nname: %s\nversion: 0.1.0\n" % chart)
    for rel, parts in files.items():
        p = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as fh:
            fh.write("---\n".join(parts))
    return chart


def prepare(root, name, kind, path, scratch):
    """A chart directory Helm can install, and the values file or None."""
    chart = os.path.join(scratch, "chart")
    if kind == "rendered":
        wrap(path, chart)
        return chart, None
    shutil.copytree(path, chart, symlinks=True)
    fixture = name.split(os.sep)[0]
    overlay = os.path.join(HERE, "overlays", fixture)
    if os.path.isdir(overlay):
        shutil.copytree(overlay, chart, dirs_exist_ok=True)
    values = os.path.join(HERE, "values", fixture + ".yaml")
    return chart, values if os.path.exists(values) else None


# --- the prediction -----------------------------------------------------------

CLUSTER_KINDS = {
    "APIService", "ClusterRole", "ClusterRoleBinding",
    "CustomResourceDefinition", "IngressClass",
    "MutatingWebhookConfiguration", "Namespace", "PersistentVolume",
    "PriorityClass", "StorageClass", "ValidatingWebhookConfiguration",
}


def ident(o):
    """Kind, name and namespace; None for the release's or none."""
    ns = o.get("namespace") or None
    if ns == "default" or o["kind"] in CLUSTER_KINDS:
        ns = None
    return (o["kind"], o["name"], ns)


def all_objects(plan, *keys):
    """The objects of every phase of every command, under @keys."""
    for rel in plan["releases"]:
        for c in rel["commands"]:
            for ph in c["phases"]:
                for key in keys:
                    yield from ph.get(key, [])


def objects(plan):
    """(kind, name) of every object of the chart: a reference to anything
    else is to an object the cluster has (as hooklint assumes)."""
    return sorted({(o["kind"], o["name"])
                   for o in all_objects(plan, "hooks", "resources")
                   if o["name"]})


def crds(plan):
    """The CRDs the chart brings: the server must not serve their kinds
    before they are created."""
    return sorted({name for kind, name in objects(plan)
                   if kind == "CustomResourceDefinition"})


def namespaces(plan):
    """The namespaces other than the release's the plan's objects use."""
    return sorted({o["namespace"]
                   for o in all_objects(plan, "hooks", "resources")
                   if o.get("namespace") not in (None, "default")})


def predict(plan, exists):
    """{command: (ops, stop)} from the plan; @exists: hook objects there.

    stop is the plan's "stop" object where Helm fails the command, else
    None. A leftover's note (stops null) is no stop.
    """
    rel = plan["releases"][0] if plan["releases"] else {"commands": []}
    hooks = {ident(h) for h in all_objects(plan, "hooks")}
    out = {}
    for c in rel["commands"]:
        ops, stop = [], c.get("fails_before") and c["fails_before"]["stop"]
        for ph in c["phases"]:
            if stop:
                break
            if ph["phase"] == "crds":
                ops += [("create", ident(r), "regular")
                        for r in ph["resources"]]
            elif ph["phase"] == "resources":
                if ph.get("rejected"):
                    stop = ph["rejected"]["stop"]
                    ops.append(("rejected", ident(ph["rejected"]),
                                "regular"))
                    break
                if ph["action"] == "create":
                    ops += [("create", ident(r), "regular")
                            for r in ph["resources"]]
                elif ph["action"] == "delete":
                    ops += [("delete", ident(r), "regular")
                            for r in ph["resources"] if not r["kept"]]
            else:
                stop = event_ops(ph, exists, ops)
        out[c["command"]] = (ops, stop)
    return out, hooks


def event_ops(ph, exists, ops):
    """Append one hook event's ops; the plan's stop, if Helm stops."""
    for h in ph["hooks"]:
        i = ident(h)
        stop = h.get("stop")
        if stop and not stop["stops"]:
            stop = None         # a leftover's note: Helm goes on
        if h["delete"]["before_creation"] and i in exists:
            ops.append(("delete", i, "hook"))
            exists.discard(i)
        if stop and stop["stops"] == "rejected":
            # Helm may fail on the client or the API server may refuse:
            # either way nothing more of this hook
            ops.append(("rejected", i, "hook"))
            return stop
        ops.append(("create", i, "hook"))
        exists.add(i)
        if h["wait"]:
            ops.append(("wait", i, "hook"))
        if stop:
            for d in h["if_fails"]["deletes"]:
                if ident(d) in exists:
                    ops.append(("delete", ident(d), "hook"))
                    exists.discard(ident(d))
            return stop
    for d in ph["deleted_at_end"]:
        if ident(d) in exists:
            ops.append(("delete", ident(d), "hook"))
            exists.discard(ident(d))
    return None


def same(got, want):
    """Whether Helm's ops match the plan's. A rejected hook matches Helm
    sending nothing for it, its before-hook-creation delete, or a create
    the API server refused."""
    got, want = normalize(got), normalize(want)
    if want and want[-1][0] == "rejected" and want[-1][2] == "regular":
        # the resources phase: Helm sends them all, some are refused
        head = want[:-1]
        return got[:len(head)] == head and all(
            op[0] == "create" and op[2] == "regular"
            for op in got[len(head):])
    if want and want[-1][0] == "rejected":
        i = want[-1][1]
        head = want[:-1]
        if got[:len(head)] != head:
            return False
        rest = got[len(head):]
        # a body the API server cannot decode has no name to log
        return all(op[0] in ("create", "delete", "wait") and
                   (op[1] == i or (op[1][0] == i[0] and
                                   (op[1][1] is None or i[1] is None)))
                   for op in rest)
    return got == want


def normalize(ops):
    """Sort each run of consecutive regular-resource ops."""
    out, run_ = [], []
    for op in ops + [None]:
        if op is not None and op[2] == "regular":
            run_.append(op)
            continue
        out += sorted(run_)
        run_ = []
        if op is not None:
            out.append(op)
    return out


def observed_ops(cmd, hooks, regulars):
    ops = []
    for o in cmd["ops"]:
        if o["op"] == "update" or o.get("missing"):
            continue
        i = ident(o)
        # what the plan says; where it has both (HL410): a hook object
        # carries the annotation, as does a regular resource Helm 4
        # applies over it, and uninstall deletes the regular one
        if (i in hooks) != (i in regulars):
            role = "hook" if i in hooks else "regular"
        elif i in regulars and o["op"] == "delete" and \
                cmd["command"] == "uninstall":
            role = "regular"
        elif o.get("hook") and not o.get("applied"):
            role = "hook"
        else:
            role = "regular"
        if role == "regular" and cmd["command"] in ("upgrade", "rollback"):
            continue    # Helm 4 applies every resource, Helm 3 patches
        if role == "regular" and o["op"] == "wait":
            continue
        ops.append((o["op"], i, role))
    return ops


# --- one input, one Helm ------------------------------------------------------

def check(hooklint, root, item, major, helm):
    name, kind, path = item
    scratch = tempfile.mkdtemp(prefix="hooklint-life-")
    try:
        return compare(hooklint, root, item, major, helm, scratch)
    except Exception as e:  # one broken case must not hide the others
        return False, [{"command": "-", "helm_exit": None, "plan_stop": None,
                        "helm": [], "plan": [], "stderr": repr(e)}]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def compare(hooklint, root, item, major, helm, scratch):
    name, kind, path = item
    chart, values = prepare(root, name, kind, path, scratch)
    argv = [helm, "template", "r", chart, "--namespace", "default",
            "--include-crds"] + (["-f", values] if values else [])
    rc, stream, err = run(argv)
    if rc != 0:
        return None, "helm template fails: " + err.strip()[-300:]
    rc, out, err = run([hooklint, "plan", "--format", "json", "--target",
                        "helm" + major, "--stdin-filename", "rendered.yaml",
                        "-"], stdin=stream)
    if rc != 0:
        return False, "hooklint plan exit %d: %s" % (rc, err.strip())
    plan = json.loads(out)
    pred, hooks = predict(plan, set())
    regulars = {ident(o) for o in all_objects(plan, "resources")}
    args = ["--helm", helm, "--chart", chart, "--commands",
            ",".join(COMMANDS), "--helm-timeout", "5s", "--timeout", "30"]
    if values:
        args += ["--values", values]
    for ns in namespaces(plan):
        args += ["--namespace", ns]
    for crd in crds(plan):
        args += ["--absent-crd", crd]
    for kind, name in objects(plan):
        args += ["--chart-object", "%s/%s" % (kind, name)]
    obs = observe.observe(observe.parse_args(args))
    diffs = []
    if "install" in pred and not pred["install"][1]:
        fail_at_hook(plan, args, hooks, regulars, diffs)
    for cmd in obs["commands"]:
        want, stop = pred.get(cmd["command"], ([], None))
        got = observed_ops(cmd, hooks, regulars)
        failed = cmd["exit"] != 0
        if not same(got, want) or failed != bool(stop):
            diffs.append({"command": cmd["command"],
                          "helm_exit": cmd["exit"],
                          "plan_stop": stop and stop["rule"],
                          "helm": got, "plan": want,
                          "stderr": cmd["stderr"].strip()[-400:]})
            break
        if failed:
            break
    return not diffs, diffs


def fail_at_hook(plan, args, hooks, regulars, diffs):
    """Make the last Job or Pod hook of install's first event with one
    fail, and hold Helm to the plan's if_fails for it: what Helm deletes
    after the failure (Helm 4 also the event's earlier hook-succeeded
    hooks) and what it leaves."""
    install = next(c for c in plan["releases"][0]["commands"]
                   if c["command"] == "install")
    for ph in install["phases"]:
        # a hook that runs once: the object fails each of its runs
        runs = [ident(h) for h in ph.get("hooks", [])]
        waited = [h for h in ph.get("hooks", []) if h["wait"] and
                  h["name"] and runs.count(ident(h)) == 1]
        if waited:
            break
    else:
        return
    target = waited[-1]
    target["stop"] = {"rule": "fail", "stops": "timeout"}
    want, stop = predict(plan, set())[0]["install"]
    target["stop"] = None
    i = args.index("--commands")
    argv = args[:i] + ["--commands", "install", "--fail",
                       "%s/%s" % (target["kind"], target["name"])] + \
        args[i + 2:]
    cmd = observe.observe(observe.parse_args(argv))["commands"][0]
    got = observed_ops(cmd, hooks, regulars)
    if not same(got, want) or cmd["exit"] == 0:
        diffs.append({"command": "install, %s/%s failing" % (
                          target["kind"], target["name"]),
                      "helm_exit": cmd["exit"], "plan_stop": "fail",
                      "helm": got, "plan": want,
                      "stderr": cmd["stderr"].strip()[-400:]})


def show(ops):
    return ", ".join("%s %s/%s%s" % (op, i[0], i[1] if not i[2] else
                                     i[2] + "/" + i[1],
                                     "" if role == "hook" else " (regular)")
                     for op, i, role in normalize(ops))


def main():
    if len(sys.argv) < 3:
        sys.stderr.write("usage: lifecycle.py HOOKLINT SOURCE_ROOT "
                         "[FIXTURE...]\n")
        return 2
    hooklint = os.path.abspath(sys.argv[1])
    root = os.path.abspath(sys.argv[2])
    found = helms.available(root)
    if not found:
        return helms.skip("no Helm 3.17.3 or 4.1.4 (run scripts/"
                          "fetch-helm.sh or set HELM3, HELM4)")
    items = find_inputs(root)
    if len(sys.argv) > 3:
        items = [i for i in items if any(a in i[0] for a in sys.argv[3:])]
    jobs = [(i, major, path) for i in items for major, path, _ in found]
    stale = sorted(set(CANNOT) - {i[0] for i in find_inputs(root)})
    print("1..%d" % (len(jobs) + 1))
    failures = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        futs = [pool.submit(check, hooklint, root, i, m, p)
                if i[0] not in CANNOT else None for i, m, p in jobs]
        for n, (fut, (i, major, _)) in enumerate(zip(futs, jobs), 1):
            ok, detail = fut.result() if fut else (None, "")
            what = "helm%s %s" % (major, i[0])
            if i[0] in CANNOT:
                print("ok %d - %s # SKIP %s" % (n, what, CANNOT[i[0]]))
            elif ok is None and "YAML parse error" in detail:
                # the rendering suite checks that hooklint reports it
                print("ok %d - %s # SKIP Helm refuses to render it: %s"
                      % (n, what, detail.splitlines()[0][:160]))
            elif ok is None:
                failures += 1
                print("not ok %d - %s: %s" % (n, what, detail))
            elif ok:
                print("ok %d - %s" % (n, what))
            else:
                failures += 1
                print("not ok %d - %s" % (n, what))
                for d in detail:
                    print("# %s: helm exit %s, plan stop %s" % (
                        d["command"], d["helm_exit"], d["plan_stop"]))
                    print("#   helm: " + show(d["helm"]))
                    print("#   plan: " + show(d["plan"]))
                    if d["stderr"]:
                        print("#   stderr: " + d["stderr"][-200:]
                              .replace("\n", " | "))
            sys.stdout.flush()
    n = len(jobs) + 1
    if stale:
        failures += 1
        print("not ok %d - CANNOT names no input: %s" % (n, ", ".join(stale)))
    else:
        print("ok %d - every CANNOT entry names an input" % n)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
