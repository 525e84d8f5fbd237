#!/usr/bin/env python3
"""Run helm commands on a chart against a fresh fake API server and print,
as JSON, what happened to the chart's objects (hooks above all).

Usage:
  observe.py --helm PATH --chart DIR [--set k=v ...] [--values FILE ...]
             [--fail Kind/name ...] [--slow-delete Kind/name ...]
             [--slow-seconds N] [--namespace NS ...]
             [--absent-crd PLURAL.GROUP ...] [--chart-object KIND/NAME ...]
             [--commands install,upgrade,rollback,test,
             uninstall] [--timeout 20] [--helm-timeout 10s]
             [--arg COMMAND=ARG ...] [--log FILE] [--raw]

--helm defaults to $HELM, then $HELM3, then $HELM4.  Each run starts its
own server (fakeapi.py, in this process) and a temporary HOME, XDG dirs
and kubeconfig, so nothing touches the user's configuration.  Commands run
in order, release name "r", namespace "default":

  install        helm install r CHART --namespace default --timeout T [--set..]
  upgrade        helm upgrade r CHART --namespace default --timeout T [--set..]
  rollback[:N]   helm rollback r N --namespace default --timeout T  (N = 1)
  test           helm test r --namespace default --timeout T
  uninstall      helm uninstall r --namespace default --timeout T
  status, list   helm status r / helm list (for completeness)
  sleep:S        no command: wait S seconds (pending deletions finish)

--arg install=--wait adds an argument to every command of that name.
Each helm process is killed after --timeout seconds (then "timed_out").

Output contract (one JSON object on stdout):

  {"helm": "v3.17.3",
   "commands": [
     {"command": "install", "argv": [...], "exit": 0, "timed_out": false,
      "stderr": "...",
      "ops": [{"op": "create", "kind": "Job", "name": "x", "hook": true},
              {"op": "wait", "kind": "Job", "name": "x"},
              {"op": "delete", "kind": "Job", "name": "x", "hook": true},
              ...]},
     ...]}

How ops derive from the server's request log of that command (requests in
arrival order; dry-run requests, discovery, openapi, /version and the
release records -- Secrets or ConfigMaps labelled owner=helm, named
sh.helm.release.v1.* -- are left out):

  create  a POST that created an object, or a server-side-apply PATCH
          (Content-Type application/apply-patch+yaml) that created one;
          an apply PATCH on an object that already existed gives
          "applied": true.  "hook" tells whether the object sent carries a
          helm.sh/hook annotation (regular resources appear with
          "hook": false).  A rejected create or apply gives the same op
          with "error": HTTP code and "reason" (AlreadyExists, Invalid,
          BadRequest, ...).
  update  any other PATCH or a PUT on an object of the chart (Helm 3
          upgrade/rollback of regular resources), with "hook"; rejected
          ones carry "error"/"reason" like create.
  wait    the first GET, LIST or WATCH of Jobs or Pods after a successful
          create of a Job or Pod that could observe it: a GET of that name,
          or a LIST/WATCH in its namespace (or all namespaces) whose
          fieldSelector, if any, names it.  At most one wait per create; it
          is placed where that request arrived.  Other kinds never get a
          wait op (Helm 4 also watches them, it is not reported).
  delete  a DELETE of an object that was there: "hook" as for create,
          "terminating": true when the server only marked it (slow delete,
          see --slow-delete).  A DELETE answered 404 gives
          {"op": "delete", "kind": ..., "name": ..., "missing": true}, so a
          consumer can drop those (Helm deletes before-hook-creation hooks
          whether they exist or not).

All ops have "op", "kind", "name"; wait, create and delete also have
"namespace" ("" for cluster-scoped objects). Nothing else is promised to
be absent.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fakeapi  # noqa: E402

RELEASE = "r"
NAMESPACE = "default"
SKIP_VERBS = {"discovery", "openapi", "version", "other", "log"}


def helm_version(helm, env):
    try:
        p = subprocess.run([helm, "version", "--template", "{{.Version}}"],
                           capture_output=True, text=True, timeout=20,
                           env=env)
        return p.stdout.strip() or p.stderr.strip()
    except (OSError, subprocess.TimeoutExpired) as e:
        return "unknown (%s)" % e


def command_argv(helm, cmd, chart, a):
    name, _, extra = cmd.partition(":")
    ns = ["--namespace", NAMESPACE]
    tmo = ["--timeout", a.helm_timeout]
    values = []
    for s in a.set or []:
        values += ["--set", s]
    for f in a.values or []:
        values += ["--values", os.path.abspath(f)]
    if name == "install":
        argv = ["install", RELEASE, chart] + ns + tmo + values
    elif name == "upgrade":
        argv = ["upgrade", RELEASE, chart] + ns + tmo + values
    elif name == "rollback":
        argv = ["rollback", RELEASE, extra or "1"] + ns + tmo
    elif name == "test":
        argv = ["test", RELEASE] + ns + tmo
    elif name == "uninstall":
        argv = ["uninstall", RELEASE] + ns + tmo
    elif name == "status":
        argv = ["status", RELEASE] + ns
    elif name == "list":
        argv = ["list"] + ns
    else:
        raise SystemExit("observe.py: unknown command %r" % cmd)
    for spec in a.arg or []:
        k, _, v = spec.partition("=")
        if k in (cmd, name):
            argv.append(v)
    return [helm] + argv


def is_release_record(e):
    name = e.get("name") or ""
    labels = (e.get("body") or {}).get("labels") or {}
    return e.get("kind") in ("Secret", "ConfigMap") and (
        name.startswith("sh.helm.release.v1.") or
        labels.get("owner") == "helm")


def derive_ops(entries):
    ops = []
    pending = []  # [kind, namespace, name] of created Jobs/Pods, unwaited
    for e in sorted(entries, key=lambda x: x["seq"]):
        verb = e.get("verb")
        if verb in SKIP_VERBS or not e.get("kind") or e.get("dry_run"):
            continue
        kind, name, ns = e["kind"], e.get("name"), e.get("namespace")
        code = e.get("code") or 0
        ok = 200 <= code < 300
        if verb in ("get", "list", "watch"):
            if kind not in ("Job", "Pod") or not ok:
                continue
            fs = (e.get("query") or {}).get("fieldSelector") or ""
            named = None
            for part in fs.split(","):
                k, _, v = part.partition("=")
                if k.strip() == "metadata.name":
                    named = v.strip().lstrip("=")
            if verb == "get":
                named = name
            for p in list(pending):
                pk, pns, pname = p
                if pk != kind or (ns is not None and pns != ns):
                    continue
                if named is not None and named != pname:
                    continue
                ops.append({"op": "wait", "kind": kind, "name": pname,
                            "namespace": pns})
                pending.remove(p)
            continue
        if is_release_record(e):
            continue
        if verb in ("create", "apply"):
            op = {"op": "create", "kind": kind, "name": name,
                  "namespace": ns or "", "hook": bool(e.get("hook"))}
            if ok and e.get("result") == "applied":
                op["applied"] = True
            if not ok:
                op["error"] = code
                op["reason"] = e.get("reason")
            ops.append(op)
            if ok and kind in ("Job", "Pod"):
                pending = [p for p in pending
                           if p != [kind, ns or "", name]]
                pending.append([kind, ns or "", name])
        elif verb in ("patch", "update"):
            op = {"op": "update", "kind": kind, "name": name,
                  "hook": bool(e.get("hook"))}
            if not ok:
                op["error"] = code
                op["reason"] = e.get("reason")
            ops.append(op)
        elif verb == "delete":
            if code == 404:
                ops.append({"op": "delete", "kind": kind, "name": name,
                            "namespace": ns or "", "missing": True})
            elif ok:
                op = {"op": "delete", "kind": kind, "name": name,
                      "namespace": ns or "", "hook": bool(e.get("hook"))}
                if e.get("result") == "terminating":
                    op["terminating"] = True
                ops.append(op)
            else:
                ops.append({"op": "delete", "kind": kind, "name": name,
                            "error": code, "reason": e.get("reason")})
    return ops


def observe(a):
    helm = a.helm or os.environ.get("HELM") or os.environ.get("HELM3") or \
        os.environ.get("HELM4")
    if not helm:
        raise SystemExit("observe.py: no helm binary (--helm, $HELM, "
                         "$HELM3 or $HELM4)")
    chart = os.path.abspath(a.chart)
    tmp = tempfile.mkdtemp(prefix="hooklint-observe-")
    try:
        cfg = fakeapi.Config(fail=",".join(a.fail or []),
                             slow_delete=",".join(a.slow_delete or []),
                             slow_seconds=a.slow_seconds, log_path=a.log or "",
                             namespaces=",".join(a.namespace or []),
                             absent_crds=a.absent_crd or [],
                             chart_objects=a.chart_object)
        srv, url = fakeapi.start(cfg)
        kc = os.path.join(tmp, "kubeconfig")
        fakeapi.write_kubeconfig(kc, url, NAMESPACE)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("HELM_", "KUBE", "XDG_"))}
        home = os.path.join(tmp, "home")
        env.update(HOME=home, KUBECONFIG=kc,
                   XDG_CONFIG_HOME=os.path.join(home, ".config"),
                   XDG_CACHE_HOME=os.path.join(home, ".cache"),
                   XDG_DATA_HOME=os.path.join(home, ".local", "share"))
        os.makedirs(home)
        out = {"helm": helm_version(helm, env), "commands": []}
        for cmd in [c.strip() for c in a.commands.split(",") if c.strip()]:
            if cmd.startswith("sleep:"):
                time.sleep(float(cmd[6:]))  # slow deletions finish
                continue
            argv = command_argv(helm, cmd, chart, a)
            first = srv.state.seq
            timed_out = False
            try:
                p = subprocess.run(argv, capture_output=True, text=True,
                                   timeout=a.timeout, env=env, cwd=tmp)
                code, stderr, stdout = p.returncode, p.stderr, p.stdout
            except subprocess.TimeoutExpired as e:
                timed_out, code = True, None
                stderr = e.stderr.decode() if isinstance(e.stderr, bytes) \
                    else (e.stderr or "")
                stdout = ""
            time.sleep(0.3)  # let handlers of the dead client finish
            with srv.state.lock:
                last = srv.state.seq
                entries = [dict(x) for x in srv.state.log
                           if first < x["seq"] <= last]
            rec = {"command": cmd, "argv": argv[1:], "exit": code,
                   "timed_out": timed_out, "stderr": stderr[-4000:],
                   "ops": derive_ops(entries)}
            if a.raw:
                rec["stdout"] = stdout[-4000:]
                rec["requests"] = [
                    {k: v for k, v in x.items() if k != "_logged"}
                    for x in sorted(entries, key=lambda x: x["seq"])
                    if x.get("verb") not in SKIP_VERBS]
            out["commands"].append(rec)
        srv.shutdown()
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="observe what helm does to a chart's hooks")
    ap.add_argument("--helm", help="helm binary ($HELM, $HELM3, $HELM4)")
    ap.add_argument("--chart", required=True, help="chart directory")
    ap.add_argument("--set", action="append", help="k=v, for install and "
                    "upgrade")
    ap.add_argument("--values", action="append", help="values file, for "
                    "install and upgrade")
    ap.add_argument("--fail", action="append", help="Kind/name to fail")
    ap.add_argument("--slow-delete", action="append",
                    help="Kind/name whose deletion takes --slow-seconds")
    ap.add_argument("--slow-seconds", type=float, default=3.0)
    ap.add_argument("--namespace", action="append",
                    help="a namespace that exists besides default")
    ap.add_argument("--chart-object", action="append",
                    help="Kind/name of an object of the chart: with these "
                    "given, a pod spec's reference to any other object "
                    "counts as satisfied (the cluster has it)")
    ap.add_argument("--absent-crd", action="append",
                    help="a pre-registered custom kind to leave out "
                    "(widgets.example.com): the chart brings its CRD")
    ap.add_argument("--commands", default="install",
                    help="comma-separated: install, upgrade, rollback[:N], "
                    "test, uninstall, status, list, sleep:S")
    ap.add_argument("--timeout", type=float, default=20.0,
                    help="kill each helm command after this many seconds")
    ap.add_argument("--helm-timeout", default="10s",
                    help="helm's own --timeout (default 10s)")
    ap.add_argument("--arg", action="append",
                    help="COMMAND=ARG: extra argument for that command")
    ap.add_argument("--log", help="also write the request log here")
    ap.add_argument("--raw", action="store_true",
                    help="add stdout and the request log to each command")
    return ap.parse_args(argv)


def main(argv):
    out = observe(parse_args(argv))
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
