#!/usr/bin/env python3
"""Self-test of the fake API server and the observer.

First the server alone (no helm needed): 404/409/400/422 Status objects,
a protobuf Secret, WatchList with its BOOKMARK, aggregated discovery, a CRD
becoming servable.  Then, for each Helm that tests/helm/helms.py finds, real
helm runs through observe.py on the charts in testdata/:

  tiny      install, upgrade, rollback, test, uninstall: exit 0 and the
            expected ops (hooks by weight then name; before-hook-creation
            deletes before the create, hook-succeeded after the wait; hooks
            are left alone by uninstall)
  tiny      --fail Job/pre-job: install exits non-zero, the Job is kept
  leftover  a hook left behind: Helm 3 re-POSTs it and fails on 409,
            Helm 4 server-side-applies it and succeeds
  leftover  --slow-delete: Helm 3 waits until the old Job is gone before
            creating it again, Helm 4 applies onto the terminating Job
  twice     an event listed twice runs the hook twice
  list      the items of a kind: List document are created one by one

Output is TAP. Exit 0 when all pass, 1 on a failure. The binaries come
from tests/helm/helms.py (HELM3, HELM4, else .cache/helm); without them
only the server checks run, and HOOKLINT_REQUIRE_HELM makes that a
failure.
"""

import http.client
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "helm"))
import fakeapi  # noqa: E402
import helms  # noqa: E402
import observe  # noqa: E402

FAILURES = []
COUNT = [0]


def check(cond, what, detail=None):
    COUNT[0] += 1
    if cond:
        print("ok %d - %s" % (COUNT[0], what))
    else:
        print("not ok %d - %s" % (COUNT[0], what))
        if detail is not None:
            print("# " + json.dumps(detail)[:3000])
        FAILURES.append(what)


# ---------------------------------------------------------------------------
# server checks

def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def pb(num, value):
    if isinstance(value, int):
        return varint(num << 3) + varint(value)
    if isinstance(value, str):
        value = value.encode()
    return varint(num << 3 | 2) + varint(len(value)) + value


def pb_map(num, d):
    return b"".join(pb(num, pb(1, k) + pb(2, v)) for k, v in d.items())


def envelope(api_version, kind, raw):
    return fakeapi.PB_MAGIC + pb(1, pb(1, api_version) + pb(2, kind)) + \
        pb(2, raw) + pb(3, "") + pb(4, "")


def request(url, method, path, body=None, ctype="application/json",
            accept="application/json"):
    host = url.split("//")[1]
    c = http.client.HTTPConnection(host, timeout=10)
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
    c.request(method, path, body=body, headers={"Content-Type": ctype,
                                                "Accept": accept})
    r = c.getresponse()
    data = r.read()
    ct = r.getheader("Content-Type") or ""
    c.close()
    try:
        return r.status, json.loads(data), ct
    except ValueError:
        return r.status, data, ct


def server_checks():
    srv, url = fakeapi.start(fakeapi.Config(fail="", slow_delete="",
                                            log_path=""))
    cms = "/api/v1/namespaces/default/configmaps"
    code, st, _ = request(url, "GET", cms + "/nope")
    check(code == 404 and st.get("kind") == "Status" and
          st.get("reason") == "NotFound" and
          st.get("message") == 'configmaps "nope" not found',
          "GET of a missing object is 404 NotFound", st)

    secret = pb(1, pb(1, "s1") + pb(3, "default") +
                pb_map(11, {"owner": "helm", "name": "r"})) + \
        pb_map(2, {"release": b"\x00\x01payload"}) + pb(3, "helm.sh/release.v1")
    body = envelope("v1", "Secret", secret)
    code, obj, _ = request(url, "POST", "/api/v1/namespaces/default/secrets",
                           body, "application/vnd.kubernetes.protobuf")
    check(code == 201 and obj["metadata"]["labels"] == {"owner": "helm",
                                                        "name": "r"} and
          obj["data"]["release"] == "AAFwYXlsb2Fk" and
          obj["type"] == "helm.sh/release.v1",
          "protobuf Secret is decoded", obj)
    code, st, _ = request(url, "POST", "/api/v1/namespaces/default/secrets",
                          body, "application/vnd.kubernetes.protobuf")
    check(code == 409 and st.get("reason") == "AlreadyExists",
          "second create is 409 AlreadyExists", st)
    code, obj, _ = request(url, "GET", "/api/v1/namespaces/default/secrets"
                           "?labelSelector=owner%3Dhelm,name+in+(r,x)")
    check(code == 200 and [i["metadata"]["name"] for i in obj["items"]] ==
          ["s1"], "labelSelector on list", obj)
    dopts = envelope("v1", "DeleteOptions", pb(4, "Background"))
    code, _, _ = request(url, "DELETE",
                         "/api/v1/namespaces/default/secrets/s1", dopts,
                         "application/vnd.kubernetes.protobuf")
    last = [e for e in srv.state.log if e.get("verb") == "delete"][-1]
    check(code == 200 and last.get("propagation") == "Background",
          "protobuf DeleteOptions is decoded", last)

    code, st, _ = request(url, "POST", cms, {
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "n", "annotations": {"a": 3}}})
    check(code == 400 and st.get("reason") == "BadRequest" and
          "json: cannot unmarshal number into Go struct field "
          "ObjectMeta.metadata.annotations of type string" in st["message"],
          "number annotation is a 400 decode error", st)
    code, st, _ = request(url, "POST", cms, {
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": {}})
    check(code == 422 and st.get("reason") == "Invalid" and
          "name or generateName is required" in st["message"],
          "a name is required", st)
    code, st, _ = request(url, "POST", "/apis/batch/v1/namespaces/default/"
                          "jobs", {"apiVersion": "batch/v1", "kind": "Job",
                                   "metadata": {"name": "j"},
                                   "spec": {"template": {"spec": {
                                       "containers": [{"name": "c"}]}}}})
    check(code == 422 and st["details"]["causes"][0]["field"] ==
          "spec.template.spec.restartPolicy", "Job restartPolicy Always is "
          "422 Invalid", st)

    request(url, "POST", cms, {"apiVersion": "v1", "kind": "ConfigMap",
                               "metadata": {"name": "w1"}})
    host = url.split("//")[1]
    c = http.client.HTTPConnection(host, timeout=10)
    c.request("GET", cms + "?watch=true&sendInitialEvents=true&"
              "allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&"
              "timeoutSeconds=2")
    r = c.getresponse()
    events = []
    while True:
        line = r.readline()
        if not line:
            break
        ev = json.loads(line)
        events.append((ev["type"], ev["object"]["metadata"].get("name")))
        if ev["type"] == "BOOKMARK":
            check(ev["object"]["metadata"]["annotations"] ==
                  {"k8s.io/initial-events-end": "true"},
                  "bookmark ends the initial events", ev)
            break
    c.close()
    check(events == [("ADDED", "w1"), ("BOOKMARK", None)],
          "WatchList sends ADDED then BOOKMARK", events)

    code, obj, ct = request(url, "GET", "/apis", accept=(
        "application/json;g=apidiscovery.k8s.io;v=v2;"
        "as=APIGroupDiscoveryList,application/json"))
    names = [i["metadata"].get("name") for i in obj.get("items", [])]
    check(code == 200 and "as=APIGroupDiscoveryList" in ct and
          "batch" in names and "cert-manager.io" in names,
          "aggregated discovery", names)
    request(url, "POST", "/apis/apiextensions.k8s.io/v1/"
            "customresourcedefinitions", {
                "apiVersion": "apiextensions.k8s.io/v1",
                "kind": "CustomResourceDefinition",
                "metadata": {"name": "things.test.io"},
                "spec": {"group": "test.io", "scope": "Namespaced",
                         "names": {"kind": "Thing", "plural": "things"},
                         "versions": [{"name": "v1", "served": True,
                                       "storage": True}]}})
    code, obj, _ = request(url, "GET", "/apis/test.io/v1")
    check(code == 200 and obj["resources"][0]["kind"] == "Thing",
          "a created CRD is discoverable", obj)
    srv.shutdown()


# ---------------------------------------------------------------------------
# helm checks

def run(helm, chart, commands, *extra):
    args = ["--helm", helm, "--chart", os.path.join(HERE, "testdata", chart),
            "--commands", commands, "--timeout", "40"] + list(extra)
    out = observe.observe(observe.parse_args(args))
    for c in out["commands"]:
        c["ops"] = strip(c["ops"])
    return out


def strip(ops, keep_missing=True):
    """The ops without their namespace (these charts use one)."""
    return [{k: v for k, v in o.items() if k != "namespace"} for o in ops
            if keep_missing or not o.get("missing")]


def C(kind, name, hook=True, **kw):
    return dict(op="create", kind=kind, name=name, hook=hook, **kw)


def D(kind, name, hook=True, **kw):
    return dict(op="delete", kind=kind, name=name, hook=hook, **kw)


def M(kind, name):
    return dict(op="delete", kind=kind, name=name, missing=True)


def W(kind, name):
    return dict(op="wait", kind=kind, name=name)


def helm_checks(helm):
    out = run(helm, "tiny", "install,upgrade,rollback,test,uninstall")
    v = out["helm"]
    major = v.lstrip("v").split(".")[0]
    print("# %s (%s)" % (helm, v))
    cmds = {c["command"]: c for c in out["commands"]}
    check(all(c["exit"] == 0 for c in out["commands"]),
          "%s: tiny chart, every command exits 0" % v,
          [(c["command"], c["exit"], c["stderr"]) for c in out["commands"]])
    check(cmds["install"]["ops"] == [
        M("Job", "pre-job"), C("Job", "pre-job"), W("Job", "pre-job"),
        D("Job", "pre-job"), C("ConfigMap", "plain-cm", False),
        M("ConfigMap", "post-cm"), C("ConfigMap", "post-cm")],
        "%s: install ops" % v, cmds["install"]["ops"])
    for c in ("upgrade", "rollback"):
        ops = cmds[c]["ops"]
        check(all(not o.get("hook") and o["name"] == "plain-cm" and
                  o["op"] in ("create", "update") for o in ops),
              "%s: %s touches only the regular ConfigMap" % (v, c), ops)
    check(cmds["test"]["ops"] == [M("Pod", "test-pod"), C("Pod", "test-pod"),
                                  W("Pod", "test-pod")],
          "%s: test ops" % v, cmds["test"]["ops"])
    check(cmds["uninstall"]["ops"] == [D("ConfigMap", "plain-cm", False)],
          "%s: uninstall deletes the regular resource, not the hooks" % v,
          cmds["uninstall"]["ops"])

    out = run(helm, "tiny", "install", "--fail", "Job/pre-job")
    c = out["commands"][0]
    check(c["exit"] not in (0, None) and c["ops"] == [
        M("Job", "pre-job"), C("Job", "pre-job"), W("Job", "pre-job")],
        "%s: a failing pre-install Job fails install, the Job stays" % v,
        [c["exit"], c["ops"]])

    out = run(helm, "leftover", "install,upgrade")
    c = out["commands"][1]
    first = c["ops"][:1]
    if major == "3":
        check(c["exit"] != 0 and first == [C(
            "ConfigMap", "kept-cm", error=409, reason="AlreadyExists")],
            "%s: a leftover hook gets 409 and the upgrade fails" % v,
            [c["exit"], c["ops"]])
    else:
        check(c["exit"] == 0 and first == [C("ConfigMap", "kept-cm",
                                              applied=True)],
              "%s: a leftover hook is server-side applied" % v,
              [c["exit"], c["ops"]])

    out = run(helm, "leftover", "install,upgrade", "--set", "kept=false",
              "--slow-delete", "Job/bhc-job", "--slow-seconds", "3")
    c = out["commands"][1]
    if major == "3":
        want = [D("Job", "bhc-job", terminating=True), C("Job", "bhc-job"),
                W("Job", "bhc-job")]
        what = "waits for before-hook-creation deletion"
    else:
        want = [D("Job", "bhc-job", terminating=True),
                C("Job", "bhc-job", applied=True), W("Job", "bhc-job")]
        what = "does not wait for before-hook-creation deletion"
    check(c["exit"] == 0 and c["ops"] == want, "%s: %s" % (v, what),
          [c["exit"], c["ops"]])

    out = run(helm, "twice", "install")
    c = out["commands"][0]
    creates = [o for o in c["ops"] if o["op"] == "create"]
    check(c["exit"] == 0 and creates == [C("Job", "twice-job")] * 2,
          "%s: an event listed twice runs the hook twice" % v, c["ops"])

    out = run(helm, "list", "install")
    c = out["commands"][0]
    check(c["exit"] == 0 and sorted(o["name"] for o in c["ops"]) ==
          ["item-one", "item-two"] and
          all(o["op"] == "create" for o in c["ops"]),
          "%s: List items are created one by one" % v, c["ops"])


def main():
    server_checks()
    found = helms.available(os.path.join(HERE, "..", ".."))
    if not found:
        print("1..%d" % COUNT[0])
        print("# no Helm 3.17.3 or 4.1.4: helm checks skipped")
        if os.environ.get("HOOKLINT_REQUIRE_HELM"):
            return 1
        return 1 if FAILURES else 0
    for _, path, _ in found:
        helm_checks(path)
    print("1..%d" % COUNT[0])
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
