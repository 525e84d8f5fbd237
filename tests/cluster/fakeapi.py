#!/usr/bin/env python3
"""Fake Kubernetes API server for tests (Python standard library only).

Enough of the API for real `helm install/upgrade/rollback/test/uninstall`
(Helm 3 and Helm 4) to run against it:

  * plain HTTP on 127.0.0.1, port chosen by the OS, objects kept in memory,
    one thread per connection (daemon threads);
  * legacy discovery (/api, /api/v1, /apis, /apis/G/V) and aggregated
    discovery (apidiscovery.k8s.io/v2, chosen by the Accept header);
  * /version, /openapi/v2 (empty), /openapi/v3 (index and per group-version
    documents without schemas);
  * create, get, list, watch (also WatchList: sendInitialEvents plus the
    initial-events-end BOOKMARK), update (PUT), patch (JSON merge,
    strategic merge treated as JSON merge, server-side apply), delete;
  * request bodies in JSON or in the Kubernetes protobuf envelope for
    Secret, ConfigMap, Namespace and DeleteOptions (replies are always JSON);
  * CustomResourceDefinitions make their kinds servable and discoverable;
    cert-manager.io/v1 Certificate, example.com/v1 Widget and
    monitoring.coreos.com/v1 ServiceMonitor are there from the start;
  * Jobs complete at once, Pods with restartPolicy Never/OnFailure succeed,
    Pods with Always keep Running; Deployments and the like are ready;
  * the validation a real API server does that matters to charts (see
    validate());
  * every request is logged as one JSON object per line.

Switches (environment, or the Config arguments used by observe.py):

  FAKEAPI_FAIL=Kind/name,...        those Jobs get condition Failed, those
                                    Pods phase Failed (name may be *)
  FAKEAPI_SLOW_DELETE=Kind/name,... deleting those objects only marks them
                                    (deletionTimestamp); they vanish after
                                    FAKEAPI_SLOW_DELETE_SECONDS (default 3)
  FAKEAPI_LOG=path                  request log (JSON lines)

Run standalone: python3 fakeapi.py [--kubeconfig PATH] [--log PATH]
[--lifetime SECONDS]; it prints the server URL and serves until killed or
the lifetime ends.

Log record fields: seq, time, method, path, query (dict of first values),
content_type, accept, verb (discovery, openapi, version, get, list, watch,
create, update, patch, apply, delete, deletecollection, log, other),
group, version, resource, kind, namespace, name, subresource, body
(summary: kind, name, namespace, labels, annotations, or a note), code,
reason (Status reason on failure), message, dry_run, existed (the object
was there before a write or delete), hook (the object carries a
helm.sh/hook annotation), result (created, applied, updated, deleted,
terminating, missing, ...), events (for watches: how many events were sent).
"""

import base64
import copy
import datetime
import json
import os
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# ---------------------------------------------------------------------------
# Resource catalogue

ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch",
             "update", "watch"]


class Res:
    def __init__(self, group, version, kind, plural, namespaced=True,
                 short=(), status=False, subres=()):
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = kind.lower()
        self.namespaced = namespaced
        self.short = list(short)
        self.subres = list(subres) + (["status"] if status else [])

    @property
    def gv(self):
        return self.group + "/" + self.version if self.group else self.version


def _builtin():
    R = Res
    return [
        R("", "v1", "Pod", "pods", short=["po"], status=True,
          subres=["log", "eviction", "exec"]),
        R("", "v1", "Service", "services", short=["svc"], status=True),
        R("", "v1", "ConfigMap", "configmaps", short=["cm"]),
        R("", "v1", "Secret", "secrets"),
        R("", "v1", "ServiceAccount", "serviceaccounts", short=["sa"]),
        R("", "v1", "Namespace", "namespaces", False, ["ns"], True),
        R("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims",
          short=["pvc"], status=True),
        R("", "v1", "PersistentVolume", "persistentvolumes", False, ["pv"],
          True),
        R("", "v1", "Endpoints", "endpoints", short=["ep"]),
        R("", "v1", "Event", "events", short=["ev"]),
        R("", "v1", "LimitRange", "limitranges", short=["limits"]),
        R("", "v1", "ResourceQuota", "resourcequotas", short=["quota"],
          status=True),
        R("", "v1", "ReplicationController", "replicationcontrollers",
          short=["rc"], status=True),
        R("", "v1", "Node", "nodes", False, ["no"], True),
        R("apps", "v1", "Deployment", "deployments", short=["deploy"],
          status=True, subres=["scale"]),
        R("apps", "v1", "StatefulSet", "statefulsets", short=["sts"],
          status=True, subres=["scale"]),
        R("apps", "v1", "DaemonSet", "daemonsets", short=["ds"], status=True),
        R("apps", "v1", "ReplicaSet", "replicasets", short=["rs"],
          status=True, subres=["scale"]),
        R("apps", "v1", "ControllerRevision", "controllerrevisions"),
        R("batch", "v1", "Job", "jobs", status=True),
        R("batch", "v1", "CronJob", "cronjobs", short=["cj"], status=True),
        R("rbac.authorization.k8s.io", "v1", "Role", "roles"),
        R("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
        R("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles",
          False),
        R("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding",
          "clusterrolebindings", False),
        R("networking.k8s.io", "v1", "Ingress", "ingresses", short=["ing"],
          status=True),
        R("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies",
          short=["netpol"]),
        R("networking.k8s.io", "v1", "IngressClass", "ingressclasses", False),
        R("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets",
          short=["pdb"], status=True),
        R("autoscaling", "v2", "HorizontalPodAutoscaler",
          "horizontalpodautoscalers", short=["hpa"], status=True),
        R("autoscaling", "v1", "HorizontalPodAutoscaler",
          "horizontalpodautoscalers", short=["hpa"], status=True),
        R("admissionregistration.k8s.io", "v1",
          "MutatingWebhookConfiguration", "mutatingwebhookconfigurations",
          False),
        R("admissionregistration.k8s.io", "v1",
          "ValidatingWebhookConfiguration",
          "validatingwebhookconfigurations", False),
        R("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy",
          "validatingadmissionpolicies", False, status=True),
        R("admissionregistration.k8s.io", "v1",
          "ValidatingAdmissionPolicyBinding",
          "validatingadmissionpolicybindings", False),
        R("apiextensions.k8s.io", "v1", "CustomResourceDefinition",
          "customresourcedefinitions", False, ["crd", "crds"], True),
        R("apiregistration.k8s.io", "v1", "APIService", "apiservices",
          False, status=True),
        R("storage.k8s.io", "v1", "StorageClass", "storageclasses", False,
          ["sc"]),
        R("storage.k8s.io", "v1", "CSIDriver", "csidrivers", False),
        R("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments",
          False, status=True),
        R("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses",
          False, ["pc"]),
        R("coordination.k8s.io", "v1", "Lease", "leases"),
        # Common CRD-defined kinds, as if their CRDs were installed.
        R("cert-manager.io", "v1", "Certificate", "certificates",
          short=["cert", "certs"], status=True),
        R("example.com", "v1", "Widget", "widgets", status=True),
        R("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors",
          short=["smon"]),
    ]


# ---------------------------------------------------------------------------
# Protobuf (wire format only, the few messages Helm sends)

PB_MAGIC = b"k8s\x00"


def pb_fields(buf):
    """Decode one message into {field_number: [values]}; varints as int,
    length-delimited as bytes, fixed32/64 as bytes."""
    out = {}
    i, n = 0, len(buf)

    def varint():
        nonlocal i
        shift = val = 0
        while True:
            b = buf[i]
            i += 1
            val |= (b & 0x7F) << shift
            if b < 0x80:
                return val
            shift += 7

    while i < n:
        key = varint()
        num, wt = key >> 3, key & 7
        if wt == 0:
            v = varint()
        elif wt == 2:
            ln = varint()
            v = buf[i:i + ln]
            i += ln
        elif wt == 1:
            v = buf[i:i + 8]
            i += 8
        elif wt == 5:
            v = buf[i:i + 4]
            i += 4
        else:
            raise ValueError("unsupported wire type %d" % wt)
        out.setdefault(num, []).append(v)
    return out


def _s(f, num):
    v = f.get(num)
    return v[-1].decode() if v else None


def _map(f, num, as_bytes=False):
    res = {}
    for entry in f.get(num, []):
        e = pb_fields(entry)
        k = _s(e, 1) or ""
        v = e.get(2, [b""])[-1]
        res[k] = base64.b64encode(v).decode() if as_bytes else v.decode()
    return res


def pb_object_meta(buf):
    f = pb_fields(buf)
    m = {}
    for num, key in ((1, "name"), (2, "generateName"), (3, "namespace"),
                     (5, "uid"), (6, "resourceVersion")):
        v = _s(f, num)
        if v:
            m[key] = v
    if f.get(7):
        m["generation"] = f[7][-1]
    for num, key in ((11, "labels"), (12, "annotations")):
        if f.get(num):
            m[key] = _map(f, num)
    if f.get(14):
        m["finalizers"] = [x.decode() for x in f[14]]
    return m


def pb_decode(body):
    """Kubernetes protobuf envelope -> JSON-like dict."""
    if not body.startswith(PB_MAGIC):
        raise ValueError("missing k8s protobuf magic")
    unk = pb_fields(body[len(PB_MAGIC):])
    tm = pb_fields(unk.get(1, [b""])[-1])
    api_version, kind = _s(tm, 1) or "", _s(tm, 2) or ""
    raw = unk.get(2, [b""])[-1]
    f = pb_fields(raw)
    obj = {"apiVersion": api_version, "kind": kind}
    if kind in ("Secret", "ConfigMap", "Namespace"):
        obj["metadata"] = pb_object_meta(f.get(1, [b""])[-1])
    if kind == "Secret":
        if f.get(2):
            obj["data"] = _map(f, 2, as_bytes=True)
        if f.get(3):
            obj["type"] = _s(f, 3)
        if f.get(4):
            obj["stringData"] = _map(f, 4)
        if f.get(5):
            obj["immutable"] = bool(f[5][-1])
    elif kind == "ConfigMap":
        if f.get(2):
            obj["data"] = _map(f, 2)
        if f.get(3):
            obj["binaryData"] = _map(f, 3, as_bytes=True)
    elif kind == "DeleteOptions":
        if f.get(1):
            v = f[1][-1]
            obj["gracePeriodSeconds"] = v - (1 << 64) if v >= 1 << 63 else v
        if f.get(4):
            obj["propagationPolicy"] = _s(f, 4)
        if f.get(5):
            obj["dryRun"] = [x.decode() for x in f[5]]
    elif kind != "Namespace":
        raise ValueError("protobuf body of kind %r not supported" % kind)
    return obj


# ---------------------------------------------------------------------------
# Selectors

def parse_label_selector(s):
    reqs = []
    if not s:
        return reqs
    # split on commas not inside parentheses
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    for p in (x.strip() for x in parts):
        if not p:
            continue
        m = re.match(r"^(\S+)\s+(in|notin)\s+\((.*)\)$", p)
        if m:
            vals = {v.strip() for v in m.group(3).split(",")}
            reqs.append((m.group(1), m.group(2), vals))
        elif p.startswith("!"):
            reqs.append((p[1:].strip(), "!", None))
        elif "!=" in p:
            k, v = p.split("!=", 1)
            reqs.append((k.strip(), "!=", v.strip()))
        elif "==" in p:
            k, v = p.split("==", 1)
            reqs.append((k.strip(), "=", v.strip()))
        elif "=" in p:
            k, v = p.split("=", 1)
            reqs.append((k.strip(), "=", v.strip()))
        else:
            reqs.append((p, "exists", None))
    return reqs


def labels_match(reqs, labels):
    for k, op, v in reqs:
        have = k in labels
        val = labels.get(k)
        if op == "=" and val != v:
            return False
        if op == "!=" and val == v:
            return False
        if op == "in" and val not in v:
            return False
        if op == "notin" and have and val in v:
            return False
        if op == "exists" and not have:
            return False
        if op == "!" and have:
            return False
    return True


def field_match(sel, obj):
    if not sel:
        return True
    for p in sel.split(","):
        p = p.strip()
        if not p:
            continue
        neg = "!=" in p
        k, v = p.split("!=" if neg else ("==" if "==" in p else "="), 1)
        cur = obj
        for seg in k.strip().split("."):
            cur = cur.get(seg) if isinstance(cur, dict) else None
        cur = "" if cur is None else str(cur)
        if (cur == v.strip()) == neg:
            return False
    return True


# ---------------------------------------------------------------------------
# Validation

DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
DNS1123_SUBDOMAIN = re.compile(
    r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
DNS1035_LABEL = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")

MSG_SUBDOMAIN = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
    "characters, '-' or '.', and must start and end with an alphanumeric "
    "character (e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
MSG_LABEL = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric "
    "characters or '-', and must start and end with an alphanumeric "
    "character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
MSG_1035 = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or "
    "'-', start with an alphabetic character, and end with an alphanumeric "
    "character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
    "'[a-z]([-a-z0-9]*[a-z0-9])?')")


def _gostr(v):
    return json.dumps(v)


def decode_error(obj):
    """What a real API server's JSON decoder rejects (400 BadRequest):
    labels and annotations must map strings to strings."""
    md = obj.get("metadata")
    if md is None:
        return None
    if not isinstance(md, dict):
        return ("json: cannot unmarshal %s into Go struct field %s.metadata "
                "of type v1.ObjectMeta" % (_gotype(md), obj.get("kind", "")))
    for fld in ("labels", "annotations"):
        m = md.get(fld)
        if m is None:
            continue
        if not isinstance(m, dict):
            return ("json: cannot unmarshal %s into Go struct field "
                    "ObjectMeta.metadata.%s of type map[string]string"
                    % (_gotype(m), fld))
        for v in m.values():
            if not isinstance(v, str):
                return ("json: cannot unmarshal %s into Go struct field "
                        "ObjectMeta.metadata.%s of type string"
                        % (_gotype(v), fld))
    for k in ("name", "namespace", "generateName"):
        v = md.get(k)
        if v is not None and not isinstance(v, str):
            return ("json: cannot unmarshal %s into Go struct field "
                    "ObjectMeta.metadata.%s of type string" % (_gotype(v), k))
    return None


def _gotype(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "null"


def validate(res, obj, name_from_path=None):
    """Field errors a real API server would answer with 422 Invalid.
    Returns a list of (field, reason, message)."""
    errs = []
    md = obj.get("metadata") or {}
    name = md.get("name") or ""
    if not name and not md.get("generateName"):
        errs.append(("metadata.name", "FieldValueRequired",
                     "Required value: name or generateName is required"))
    elif name:
        if res.kind in ("Service", "Namespace"):
            # a label: DNS-1035 for a Service, DNS-1123 for a Namespace
            pattern, msg = (DNS1035_LABEL, MSG_1035) \
                if res.kind == "Service" else (DNS1123_LABEL, MSG_LABEL)
            if not pattern.match(name):
                errs.append(("metadata.name", "FieldValueInvalid",
                             "Invalid value: %s: %s" % (_gostr(name), msg)))
            if len(name) > 63:
                errs.append(("metadata.name", "FieldValueInvalid",
                             "Invalid value: %s: must be no more than 63 "
                             "characters" % _gostr(name)))
        elif res.group == "rbac.authorization.k8s.io":
            # RBAC names are path segments: "system:auth-delegator"
            if name in (".", "..") or "/" in name or "%" in name:
                errs.append(("metadata.name", "FieldValueInvalid",
                             "Invalid value: %s: may not contain '/' or "
                             "'%%'" % _gostr(name)))
        else:
            if len(name) > 253:
                errs.append(("metadata.name", "FieldValueInvalid",
                             "Invalid value: %s: must be no more than 253 "
                             "characters" % _gostr(name)))
            elif not DNS1123_SUBDOMAIN.match(name):
                errs.append(("metadata.name", "FieldValueInvalid",
                             "Invalid value: %s: %s" % (_gostr(name),
                                                        MSG_SUBDOMAIN)))
    if name_from_path is not None and name and name != name_from_path:
        errs.append(("metadata.name", "FieldValueInvalid",
                     "Invalid value: %s: field is immutable" % _gostr(name)))
    if res.kind == "Job":
        if len(name) > 63:
            errs.append(("metadata.name", "FieldValueInvalid",
                         "Invalid value: %s: must be no more than 63 "
                         "characters" % _gostr(name)))
        tspec = ((obj.get("spec") or {}).get("template") or {}).get("spec")
        tspec = tspec or {}
        rp = tspec.get("restartPolicy") or "Always"
        if rp not in ("Never", "OnFailure"):
            errs.append(("spec.template.spec.restartPolicy",
                         "FieldValueNotSupported",
                         "Unsupported value: %s: supported values: "
                         "\"OnFailure\", \"Never\"" % _gostr(rp)))
        if not tspec.get("containers"):
            errs.append(("spec.template.spec.containers",
                         "FieldValueRequired", "Required value"))
    if res.kind == "Pod":
        spec = obj.get("spec") or {}
        rp = spec.get("restartPolicy") or "Always"
        if rp not in ("Always", "Never", "OnFailure"):
            errs.append(("spec.restartPolicy", "FieldValueNotSupported",
                         "Unsupported value: %s: supported values: "
                         "\"Always\", \"OnFailure\", \"Never\"" % _gostr(rp)))
        if not spec.get("containers"):
            errs.append(("spec.containers", "FieldValueRequired",
                         "Required value"))
    return errs


# ---------------------------------------------------------------------------
# Server state

def now_ts():
    return datetime.datetime.now(datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def is_hook(obj):
    ann = ((obj or {}).get("metadata") or {}).get("annotations") or {}
    return isinstance(ann, dict) and "helm.sh/hook" in ann


def _parse_targets(spec):
    out = []
    for item in (spec or "").replace(";", ",").split(","):
        item = item.strip()
        if not item:
            continue
        kind, _, name = item.partition("/")
        out.append((kind.strip().lower(), name.strip() or "*"))
    return out


def _targets_match(targets, kind, name):
    for k, n in targets:
        if k in (kind.lower(), "*") and n in (name, "*"):
            return True
    return False


class Config:
    def __init__(self, fail=None, slow_delete=None, slow_seconds=None,
                 log_path=None, namespaces=None, absent_crds=None,
                 chart_objects=None):
        env = os.environ
        self.fail = _parse_targets(fail if fail is not None
                                   else env.get("FAKEAPI_FAIL"))
        self.slow_delete = _parse_targets(
            slow_delete if slow_delete is not None
            else env.get("FAKEAPI_SLOW_DELETE"))
        self.slow_seconds = float(slow_seconds if slow_seconds is not None
                                  else env.get("FAKEAPI_SLOW_DELETE_SECONDS",
                                               "3"))
        self.log_path = log_path if log_path is not None \
            else env.get("FAKEAPI_LOG")
        # namespaces that exist besides the default ones (a chart may
        # expect them, as a real cluster would have them)
        # pre-registered custom kinds to leave out ("widgets.example.com"):
        # the chart under test installs their CRD itself
        self.absent_crds = set(absent_crds or [])
        # "Kind/name" of the chart's objects: a pod spec's reference to
        # anything else is to an object the cluster is assumed to have
        # (None: every reference is checked)
        self.chart_objects = set(chart_objects) if chart_objects else None
        self.namespaces = [n for n in (namespaces if namespaces is not None
                                       else env.get("FAKEAPI_NAMESPACES",
                                                    "")).split(",") if n]


class State:
    def __init__(self, config):
        self.cfg = config
        self.lock = threading.RLock()
        self.cond = threading.Condition(self.lock)
        self.rv = 100
        self.objects = {}   # (group, plural, ns, name) -> obj
        self.events = []    # (rv, type, group, plural, ns, obj)
        self.res = []       # Res list
        for r in _builtin():
            if r.plural + "." + r.group not in config.absent_crds:
                self.res.append(r)
        self.log = []
        self.log_file = open(config.log_path, "a") if config.log_path \
            else None
        self.seq = 0
        for ns in ["default", "kube-system", "kube-public",
                   "kube-node-lease"] + config.namespaces:
            with self.lock:
                self._put(self.find_res("", "v1", "namespaces"), {
                    "apiVersion": "v1", "kind": "Namespace",
                    "metadata": {"name": ns}}, "")

    # -- catalogue
    def find_res(self, group, version, plural):
        for r in self.res:
            if r.group == group and r.version == version and \
                    r.plural == plural:
                return r
        return None

    def groups(self):
        """[(group, [versions])], preferred version first."""
        out = {}
        for r in self.res:
            vs = out.setdefault(r.group, [])
            if r.version not in vs:
                vs.append(r.version)
        return list(out.items())

    def register_crd(self, crd):
        spec = crd.get("spec") or {}
        names = spec.get("names") or {}
        group, kind = spec.get("group"), names.get("kind")
        plural = names.get("plural") or (kind or "").lower() + "s"
        if not group or not kind:
            return
        namespaced = spec.get("scope", "Namespaced") == "Namespaced"
        versions = [v.get("name") for v in spec.get("versions") or []
                    if v.get("served", True) and v.get("name")]
        if not versions and spec.get("version"):
            versions = [spec["version"]]
        for v in versions:
            if not self.find_res(group, v, plural):
                self.res.append(Res(group, v, kind, plural, namespaced,
                                    names.get("shortNames") or (),
                                    status=True))

    # -- objects
    def next_rv(self):
        self.rv += 1
        return self.rv

    def _put(self, res, obj, ns, etype="ADDED"):
        md = obj.setdefault("metadata", {})
        rv = self.next_rv()
        md["resourceVersion"] = str(rv)
        md.setdefault("uid", str(uuid.uuid4()))
        md.setdefault("creationTimestamp", now_ts())
        if res.namespaced:
            md["namespace"] = ns
        else:
            md.pop("namespace", None)
        obj["apiVersion"] = res.gv
        obj["kind"] = res.kind
        key = (res.group, res.plural, ns if res.namespaced else "",
               md["name"])
        self.objects[key] = obj
        self.events.append((rv, etype, res.group, res.plural, key[2],
                            copy.deepcopy(obj)))
        self.cond.notify_all()
        return obj

    def _remove(self, res, key):
        obj = self.objects.pop(key, None)
        if obj is None:
            return None
        rv = self.next_rv()
        obj = copy.deepcopy(obj)
        obj["metadata"]["resourceVersion"] = str(rv)
        self.events.append((rv, "DELETED", res.group, res.plural, key[2],
                            copy.deepcopy(obj)))
        self.cond.notify_all()
        # garbage collection: dependents go with their owner
        uid = obj["metadata"].get("uid")
        for k, o in list(self.objects.items()):
            if any(r.get("uid") == uid for r in
                   o["metadata"].get("ownerReferences") or []):
                r2 = next((r for r in self.res if r.group == k[0] and
                           r.plural == k[1]), None)
                if r2 is not None:
                    self._remove(r2, k)
        return obj

    def key(self, res, ns, name):
        return (res.group, res.plural, ns if res.namespaced else "", name)

    def missing_refs(self, spec, ns):
        """What a pod spec needs that its namespace lacks: a real Pod then
        never starts (no ServiceAccount: the Job cannot create it; a
        missing ConfigMap, Secret or claim: it stays Pending)."""
        need = []
        sa = spec.get("serviceAccountName") or spec.get("serviceAccount")
        if sa and sa != "default":
            need.append(("serviceaccounts", sa))
        for v in spec.get("volumes") or []:
            for key, plural, field in (("secret", "secrets", "secretName"),
                                       ("configMap", "configmaps", "name"),
                                       ("persistentVolumeClaim",
                                        "persistentvolumeclaims",
                                        "claimName")):
                ref = v.get(key)
                if isinstance(ref, dict) and not ref.get("optional"):
                    need.append((plural, ref.get(field)))
            for src in (v.get("projected") or {}).get("sources") or []:
                for key, plural in (("secret", "secrets"),
                                    ("configMap", "configmaps")):
                    ref = src.get(key)
                    if isinstance(ref, dict) and not ref.get("optional"):
                        need.append((plural, ref.get("name")))
        for c in (spec.get("containers") or []) + \
                (spec.get("initContainers") or []):
            for ef in c.get("envFrom") or []:
                for key, plural in (("secretRef", "secrets"),
                                    ("configMapRef", "configmaps")):
                    ref = ef.get(key)
                    if isinstance(ref, dict) and not ref.get("optional"):
                        need.append((plural, ref.get("name")))
            for env in c.get("env") or []:
                vf = env.get("valueFrom") or {}
                for key, plural in (("secretKeyRef", "secrets"),
                                    ("configMapKeyRef", "configmaps")):
                    ref = vf.get(key)
                    if isinstance(ref, dict) and not ref.get("optional"):
                        need.append((plural, ref.get("name")))
        kinds = {"serviceaccounts": "ServiceAccount", "secrets": "Secret",
                 "configmaps": "ConfigMap",
                 "persistentvolumeclaims": "PersistentVolumeClaim"}
        known = self.cfg.chart_objects
        return [(p, n) for p, n in need
                if n and ("", p, ns, n) not in self.objects and
                (known is None or "%s/%s" % (kinds[p], n) in known)]

    def simulate_status(self, res, obj, ns=None):
        """Give the object the status a controller would soon set."""
        md = obj["metadata"]
        name = md.get("name", "")
        failing = _targets_match(self.cfg.fail, res.kind, name)
        ns = md.get("namespace") or ns or "default"
        spec = obj.get("spec") or {}
        pod = (spec.get("template") or {}).get("spec") \
            if res.kind == "Job" else spec if res.kind == "Pod" else None
        if isinstance(pod, dict) and self.missing_refs(pod, ns):
            # never starts: Helm waits on it until its timeout
            if res.kind == "Job":
                obj["status"] = {"startTime": now_ts(), "active": 1}
            else:
                obj["status"] = {"phase": "Pending"}
            return
        md.setdefault("generation", 1)
        gen = md["generation"]
        spec = obj.get("spec") or {}
        ts = now_ts()
        if res.kind == "Job":
            if failing:
                obj["status"] = {
                    "startTime": ts, "failed": 1, "active": 0, "ready": 0,
                    "conditions": [
                        {"type": "FailureTarget", "status": "True",
                         "reason": "BackoffLimitExceeded",
                         "message": "Job has reached the specified backoff "
                                    "limit", "lastProbeTime": ts,
                         "lastTransitionTime": ts},
                        {"type": "Failed", "status": "True",
                         "reason": "BackoffLimitExceeded",
                         "message": "Job has reached the specified backoff "
                                    "limit", "lastProbeTime": ts,
                         "lastTransitionTime": ts}]}
            else:
                obj["status"] = {
                    "startTime": ts, "completionTime": ts, "succeeded": 1,
                    "active": 0, "ready": 0,
                    "conditions": [
                        {"type": "SuccessCriteriaMet", "status": "True",
                         "reason": "CompletionsReached",
                         "lastProbeTime": ts, "lastTransitionTime": ts},
                        {"type": "Complete", "status": "True",
                         "reason": "CompletionsReached",
                         "lastProbeTime": ts, "lastTransitionTime": ts}]}
        elif res.kind == "Pod":
            spec.setdefault("restartPolicy", "Always")
            obj["spec"] = spec
            rp = spec.get("restartPolicy")
            cs = [{"name": c.get("name", ""), "image": c.get("image", ""),
                   "ready": False, "restartCount": 0}
                  for c in spec.get("containers") or []]
            if failing:
                for c in cs:
                    c["state"] = {"terminated": {"exitCode": 1,
                                                 "reason": "Error"}}
                obj["status"] = {"phase": "Failed", "containerStatuses": cs,
                                 "conditions": [{"type": "Ready",
                                                 "status": "False"}],
                                 "startTime": ts}
            elif rp in ("Never", "OnFailure"):
                for c in cs:
                    c["state"] = {"terminated": {"exitCode": 0,
                                                 "reason": "Completed"}}
                obj["status"] = {"phase": "Succeeded",
                                 "containerStatuses": cs,
                                 "conditions": [{"type": "Ready",
                                                 "status": "False",
                                                 "reason": "PodCompleted"}],
                                 "startTime": ts}
            else:
                for c in cs:
                    c["ready"] = True
                    c["started"] = True
                    c["state"] = {"running": {"startedAt": ts}}
                obj["status"] = {"phase": "Running", "containerStatuses": cs,
                                 "conditions": [{"type": "Ready",
                                                 "status": "True"},
                                                {"type": "ContainersReady",
                                                 "status": "True"}],
                                 "podIP": "10.0.0.10", "startTime": ts}
        elif res.kind in ("Deployment", "StatefulSet", "ReplicaSet"):
            n = spec.get("replicas", 1)
            st = {"observedGeneration": gen, "replicas": n,
                  "updatedReplicas": n, "readyReplicas": n,
                  "availableReplicas": n, "currentReplicas": n}
            if res.kind == "Deployment":
                st["conditions"] = [
                    {"type": "Available", "status": "True",
                     "reason": "MinimumReplicasAvailable"},
                    {"type": "Progressing", "status": "True",
                     "reason": "NewReplicaSetAvailable"}]
            if res.kind == "StatefulSet":
                st["currentRevision"] = st["updateRevision"] = name + "-1"
            obj["status"] = st
        elif res.kind == "DaemonSet":
            obj["status"] = {"observedGeneration": gen,
                             "desiredNumberScheduled": 1,
                             "currentNumberScheduled": 1,
                             "updatedNumberScheduled": 1,
                             "numberAvailable": 1, "numberReady": 1}
        elif res.kind == "PersistentVolumeClaim":
            obj["status"] = {"phase": "Bound"}
        elif res.kind == "Namespace":
            obj.setdefault("spec", {"finalizers": ["kubernetes"]})
            obj["status"] = {"phase": "Active"}
        elif res.kind == "CustomResourceDefinition":
            obj["status"] = {"conditions": [
                {"type": "NamesAccepted", "status": "True"},
                {"type": "Established", "status": "True"}],
                "acceptedNames": (spec.get("names") or {})}
        elif res.kind == "Service":
            spec.setdefault("type", "ClusterIP")
            if spec.get("clusterIP") is None:
                spec["clusterIP"] = "10.96.0.10"
            obj["spec"] = spec
            obj["status"] = {"loadBalancer": {}}
        elif res.kind == "PodDisruptionBudget":
            obj["status"] = {"observedGeneration": gen,
                             "conditions": [{"type": "DisruptionAllowed",
                                             "status": "True"}]}

    def after_write(self, res, obj):
        """Side effects of a stored write: a CRD makes its kind servable;
        a Deployment gets a ready ReplicaSet of its template (Helm 3's
        --wait looks for it)."""
        if res.kind == "CustomResourceDefinition":
            self.register_crd(obj)
        if res.kind != "Deployment":
            return
        md = obj["metadata"]
        spec = obj.get("spec") or {}
        tmpl = copy.deepcopy(spec.get("template") or {})
        h = "%08x" % (hash(json.dumps(tmpl, sort_keys=True)) & 0xffffffff)
        tmpl.setdefault("metadata", {}).setdefault("labels", {})[
            "pod-template-hash"] = h
        n = spec.get("replicas", 1)
        sel = copy.deepcopy(spec.get("selector") or {})
        sel.setdefault("matchLabels", {})["pod-template-hash"] = h
        rs = {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {
            "name": "%s-%s" % (md["name"], h), "generation": 1,
            "labels": dict(tmpl["metadata"]["labels"]),
            "annotations": {"deployment.kubernetes.io/revision": "1"},
            "ownerReferences": [{
                "apiVersion": "apps/v1", "kind": "Deployment",
                "name": md["name"], "uid": md["uid"], "controller": True,
                "blockOwnerDeletion": True}]},
            "spec": {"replicas": n, "selector": sel, "template": tmpl},
            "status": {"replicas": n, "readyReplicas": n,
                       "availableReplicas": n, "fullyLabeledReplicas": n,
                       "observedGeneration": 1}}
        rsres = self.find_res("apps", "v1", "replicasets")
        ns = md.get("namespace", "")
        for key in [k for k, o in self.objects.items()
                    if k[:3] == ("apps", "replicasets", ns) and
                    any(r.get("uid") == md["uid"] for r in
                        o["metadata"].get("ownerReferences") or [])]:
            if key[3] != rs["metadata"]["name"]:
                self._remove(rsres, key)
        self._put(rsres, rs, ns, "ADDED")

    # -- logging
    def arrive(self, entry):
        """Number a request in arrival order."""
        with self.lock:
            self.seq += 1
            entry["seq"] = self.seq

    def record(self, entry):
        """Log a request: at its end, or for watches once the stream is
        open (the record is then updated in memory as events go out).
        Records are numbered in arrival order, so sort by seq."""
        with self.lock:
            if entry.get("_logged"):
                return
            entry["_logged"] = True
            self.log.append(entry)
            if self.log_file:
                self.log_file.write(json.dumps(
                    {k: v for k, v in entry.items() if k != "_logged"},
                    sort_keys=True) + "\n")
                self.log_file.flush()


# ---------------------------------------------------------------------------
# Patching

def merge_patch(target, patch):
    """RFC 7386 JSON merge patch; strategic-merge directives ($patch,
    $setElementOrder/..., $retainKeys, $deleteFromPrimitiveList/...) are
    dropped, lists replaced whole."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = dict(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if k.startswith("$"):
            continue
        if v is None:
            out.pop(k, None)
        else:
            out[k] = merge_patch(out.get(k), v)
    return out


def apply_merge(live, applied):
    """Server-side apply, much simplified: the applied configuration's
    fields win, maps merge recursively, everything else is kept."""
    if not isinstance(applied, dict) or not isinstance(live, dict):
        return copy.deepcopy(applied)
    out = dict(live)
    for k, v in applied.items():
        out[k] = apply_merge(live.get(k), v) if isinstance(v, dict) \
            else copy.deepcopy(v)
    return out


def parse_body(raw, ctype):
    """-> (obj, error message, format: protobuf, json or yaml)."""
    ct = (ctype or "").split(";")[0].strip()
    if ct == "application/vnd.kubernetes.protobuf":
        try:
            return pb_decode(raw), None, "protobuf"
        except (ValueError, IndexError) as e:
            return None, "protobuf: %s" % e, "protobuf"
    text = raw.decode("utf-8", "replace")
    try:
        return json.loads(text), None, "json"
    except ValueError as e:
        if ct == "application/apply-patch+yaml":
            try:
                return mini_yaml(text), None, "yaml"
            except ValueError as e2:
                return None, "yaml: %s" % e2, "yaml"
        return None, "json: %s" % e, "json"


def mini_yaml(text):
    """Tiny block-YAML reader (maps, lists, plain/quoted scalars), enough
    for machine-written apply configurations."""
    lines = []
    for ln in text.splitlines():
        if not ln.strip() or ln.lstrip().startswith("#") or \
                ln.strip() == "---":
            continue
        lines.append((len(ln) - len(ln.lstrip(" ")), ln.strip()))
    pos = [0]

    def scalar(s):
        if s[:1] in "\"'":
            return json.loads(s) if s[0] == '"' else s[1:-1].replace("''",
                                                                    "'")
        if s in ("null", "~", ""):
            return None
        if s == "true":
            return True
        if s == "false":
            return False
        if s[:1] in "{[":
            return json.loads(s)
        try:
            return int(s)
        except ValueError:
            pass
        try:
            return float(s)
        except ValueError:
            return s

    def block(indent):
        if pos[0] >= len(lines):
            return None
        ind, txt = lines[pos[0]]
        if txt.startswith("- ") or txt == "-":
            out = []
            while pos[0] < len(lines) and lines[pos[0]][0] == ind and \
                    (lines[pos[0]][1].startswith("- ") or
                     lines[pos[0]][1] == "-"):
                body = lines[pos[0]][1][1:].strip()
                if not body:
                    pos[0] += 1
                    out.append(block(ind + 1))
                elif re.match(r"^[^\"'{\[][^:]*:( |$)", body) or \
                        re.match(r"^\"[^\"]*\":( |$)", body):
                    lines[pos[0]] = (ind + 2, body)
                    out.append(block(ind + 2))
                else:
                    pos[0] += 1
                    out.append(scalar(body))
            return out
        out = {}
        while pos[0] < len(lines) and lines[pos[0]][0] == ind:
            txt = lines[pos[0]][1]
            m = re.match(r"^(\"[^\"]*\"|'[^']*'|[^:]+):(?: (.*))?$", txt)
            if not m:
                raise ValueError("cannot parse line %r" % txt)
            k = scalar(m.group(1)) if m.group(1)[0] in "\"'" else m.group(1)
            rest = (m.group(2) or "").strip()
            pos[0] += 1
            if rest:
                out[k] = scalar(rest)
            elif pos[0] < len(lines) and (lines[pos[0]][0] > ind or (
                    lines[pos[0]][0] == ind and
                    lines[pos[0]][1].startswith("-"))):
                out[k] = block(lines[pos[0]][0])
            else:
                out[k] = None
        return out

    return block(lines[0][0]) if lines else {}


# ---------------------------------------------------------------------------
# HTTP

class ApiError(Exception):
    def __init__(self, code, reason, message, details=None):
        Exception.__init__(self, message)
        self.code, self.reason, self.message = code, reason, message
        self.details = details


def status_obj(code, reason, message, details=None):
    st = {"kind": "Status", "apiVersion": "v1", "metadata": {},
          "status": "Failure" if code >= 400 else "Success",
          "message": message, "reason": reason, "code": code}
    if details:
        st["details"] = details
    return st


def group_kind(res):
    return res.plural + ("." + res.group if res.group else "")


def not_found(res, name):
    return ApiError(404, "NotFound", '%s "%s" not found'
                    % (group_kind(res), name),
                    {"name": name, "group": res.group, "kind": res.plural})


def invalid(res, name, errs):
    gk = res.kind + ("." + res.group if res.group else "")
    msgs = ["%s: %s" % (f, m) for f, _, m in errs]
    msg = '%s "%s" is invalid: %s' % (
        gk, name, msgs[0] if len(msgs) == 1 else "[" + ", ".join(msgs) + "]")
    return ApiError(422, "Invalid", msg, {
        "name": name, "group": res.group, "kind": res.kind,
        "causes": [{"reason": r, "message": m, "field": f}
                   for f, r, m in errs]})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fakeapi/1"

    def log_message(self, fmt, *args):
        pass

    # every method goes through one place
    def do_GET(self):
        self.dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_GET

    @property
    def st(self):
        return self.server.state

    def send_json(self, code, obj, ctype="application/json"):
        data = json.dumps(obj).encode()
        # log before answering, so a client that has its answer finds the
        # request in the log
        self.entry["code"] = code
        self.st.record(self.entry)
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def dispatch(self):
        u = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(u.query,
                                         keep_blank_values=True).items()}
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        self.entry = {
            "time": round(time.time(), 4), "method": self.command,
            "path": u.path, "query": q,
            "content_type": self.headers.get("Content-Type") or "",
            "accept": self.headers.get("Accept") or "",
            "user_agent": self.headers.get("User-Agent") or ""}
        e = self.entry
        self.st.arrive(e)
        try:
            self.route(u.path, q, raw)
        except ApiError as err:
            e["code"], e["reason"], e["message"] = err.code, err.reason, \
                err.message
            self.send_json(err.code, status_obj(err.code, err.reason,
                                                err.message, err.details))
        except (BrokenPipeError, ConnectionResetError):
            e.setdefault("code", 0)
        except Exception as err:  # keep serving, report as 500
            e["code"], e["message"] = 500, "%s: %s" % (type(err).__name__,
                                                       err)
            try:
                self.send_json(500, status_obj(500, "InternalError",
                                               e["message"]))
            except OSError:
                pass
        finally:
            self.st.record(e)

    # -- routing
    def route(self, path, q, raw):
        e = self.entry
        parts = [p for p in path.split("/") if p]
        if path in ("/version", "/version/"):
            e["verb"] = "version"
            e["code"] = 200
            return self.send_json(200, {
                "major": "1", "minor": "33", "gitVersion": "v1.33.0",
                "gitCommit": "0" * 40, "gitTreeState": "clean",
                "buildDate": "2025-01-01T00:00:00Z", "goVersion": "go1.24",
                "compiler": "gc", "platform": "linux/amd64"})
        if parts[:1] == ["openapi"]:
            return self.openapi(parts, q)
        if path in ("/healthz", "/livez", "/readyz"):
            e["verb"], e["code"] = "other", 200
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
            return None
        if parts[:1] == ["api"]:
            if len(parts) == 1:
                return self.discovery_root(core=True)
            group, version, rest = "", parts[1], parts[2:]
        elif parts[:1] == ["apis"]:
            if len(parts) == 1:
                return self.discovery_root(core=False)
            if len(parts) == 2:
                return self.discovery_group(parts[1])
            group, version, rest = parts[1], parts[2], parts[3:]
        else:
            e["verb"] = "other"
            raise ApiError(404, "NotFound", "the server could not find the "
                           "requested resource")
        if not rest:
            return self.discovery_gv(group, version)
        watch_path = False
        if rest[0] == "watch":
            watch_path, rest = True, rest[1:]
        ns = None
        if len(rest) >= 3 and rest[0] == "namespaces" and \
                self.st.find_res(group, version, rest[2]) and \
                self.st.find_res(group, version, rest[2]).namespaced:
            ns, rest = rest[1], rest[2:]
        res = self.st.find_res(group, version, rest[0])
        e.update(group=group, version=version, resource=rest[0],
                 namespace=ns)
        if res is None:
            e["verb"] = "other"
            raise ApiError(404, "NotFound", "the server could not find the "
                           "requested resource")
        e["kind"] = res.kind
        name = rest[1] if len(rest) > 1 else None
        sub = "/".join(rest[2:]) or None
        e["name"], e["subresource"] = name, sub
        if res.namespaced and ns is None and name is not None:
            raise ApiError(404, "NotFound", "the server could not find the "
                           "requested resource")
        m = self.command
        if watch_path or (m == "GET" and name is None and
                          q.get("watch") in ("1", "true")):
            return self.do_watch(res, ns, name, q)
        if m in ("GET", "HEAD"):
            if name is None:
                return self.do_list(res, ns, q)
            if sub == "log":
                return self.do_log(res, ns, name)
            return self.do_get(res, ns, name)
        if m == "POST" and name is None:
            return self.do_create(res, ns, q, raw)
        if m == "PUT" and name is not None:
            return self.do_update(res, ns, name, sub, q, raw)
        if m == "PATCH" and name is not None:
            return self.do_patch(res, ns, name, sub, q, raw)
        if m == "DELETE" and name is not None:
            return self.do_delete(res, ns, name, q, raw)
        if m == "DELETE":
            return self.do_delete_collection(res, ns, q, raw)
        e["verb"] = "other"
        raise ApiError(405, "MethodNotAllowed", "the server does not allow "
                       "this method on the requested resource")

    # -- discovery
    def wants_aggregated(self):
        acc = self.headers.get("Accept") or ""
        return "as=APIGroupDiscoveryList" in acc

    def agg_resource(self, r):
        rk = {"group": r.group, "version": r.version, "kind": r.kind}
        d = {"resource": r.plural, "responseKind": rk,
             "scope": "Namespaced" if r.namespaced else "Cluster",
             "singularResource": r.singular, "verbs": ALL_VERBS}
        if r.short:
            d["shortNames"] = r.short
        if r.subres:
            d["subresources"] = [
                {"subresource": s, "responseKind": rk,
                 "verbs": ["get", "patch", "update"]} for s in r.subres]
        return d

    def discovery_root(self, core):
        e = self.entry
        e["verb"] = "discovery"
        st = self.st
        with st.lock:
            groups = [(g, vs) for g, vs in st.groups()
                      if (g == "") == core]
            if self.wants_aggregated():
                items = []
                for g, vs in groups:
                    versions = []
                    for v in vs:
                        versions.append({
                            "version": v, "freshness": "Current",
                            "resources": [self.agg_resource(r)
                                          for r in st.res
                                          if r.group == g and
                                          r.version == v]})
                    item = {"metadata": {"creationTimestamp": None},
                            "versions": versions}
                    if g:
                        item["metadata"]["name"] = g
                    items.append(item)
                e["code"] = 200
                ct = ("application/json;g=apidiscovery.k8s.io;v=v2;"
                      "as=APIGroupDiscoveryList")
                return self.send_json(200, {
                    "kind": "APIGroupDiscoveryList",
                    "apiVersion": "apidiscovery.k8s.io/v2",
                    "metadata": {}, "items": items}, ct)
            e["code"] = 200
            if core:
                return self.send_json(200, {
                    "kind": "APIVersions", "versions": ["v1"],
                    "serverAddressByClientCIDRs": [{
                        "clientCIDR": "0.0.0.0/0",
                        "serverAddress": "127.0.0.1"}]})
            return self.send_json(200, {
                "kind": "APIGroupList", "apiVersion": "v1",
                "groups": [self.legacy_group(g, vs) for g, vs in groups]})

    @staticmethod
    def legacy_group(g, vs):
        gvs = [{"groupVersion": g + "/" + v, "version": v} for v in vs]
        return {"name": g, "versions": gvs, "preferredVersion": gvs[0]}

    def discovery_group(self, g):
        e = self.entry
        e["verb"] = "discovery"
        for gg, vs in self.st.groups():
            if gg == g:
                e["code"] = 200
                d = self.legacy_group(g, vs)
                d.update(kind="APIGroup", apiVersion="v1")
                return self.send_json(200, d)
        raise ApiError(404, "NotFound", "the server could not find the "
                       "requested resource")

    def discovery_gv(self, g, v):
        e = self.entry
        e["verb"] = "discovery"
        rs = [r for r in self.st.res if r.group == g and r.version == v]
        if not rs:
            raise ApiError(404, "NotFound", "the server could not find the "
                           "requested resource")
        out = []
        for r in rs:
            d = {"name": r.plural, "singularName": r.singular,
                 "namespaced": r.namespaced, "kind": r.kind,
                 "verbs": ALL_VERBS}
            if r.short:
                d["shortNames"] = r.short
            out.append(d)
            for s in r.subres:
                out.append({"name": r.plural + "/" + s, "singularName": "",
                            "namespaced": r.namespaced, "kind": r.kind,
                            "verbs": ["get", "patch", "update"]})
        e["code"] = 200
        return self.send_json(200, {"kind": "APIResourceList",
                                    "apiVersion": "v1",
                                    "groupVersion": rs[0].gv,
                                    "resources": out})

    def openapi(self, parts, q):
        e = self.entry
        e["verb"] = "openapi"
        e["code"] = 200
        if parts[1:2] == ["v2"]:
            # An empty document: client-go's protobuf parser reads it as a
            # spec with no definitions.
            self.send_response(200)
            acc = self.headers.get("Accept") or ""
            ct = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf" \
                if "protobuf" in acc else "application/json"
            body = b"" if "protobuf" in acc else b"{}"
            self.send_header("Content-Type", ct)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        if len(parts) == 2:
            paths = {}
            for g, vs in self.st.groups():
                for v in vs:
                    p = "api/" + v if not g else "apis/%s/%s" % (g, v)
                    paths[p] = {"serverRelativeURL":
                                "/openapi/v3/%s?hash=%s" % (p, "0" * 16)}
            return self.send_json(200, {"paths": paths})
        return self.send_json(200, {
            "openapi": "3.0.0",
            "info": {"title": "Kubernetes", "version": "v1.33.0"},
            "paths": {}, "components": {"schemas": {}}})

    # -- reads
    def visible(self, res, ns, q):
        sel = parse_label_selector(q.get("labelSelector", ""))
        fs = q.get("fieldSelector", "")
        out = []
        for (g, p, ons, _), obj in sorted(self.st.objects.items()):
            if g != res.group or p != res.plural:
                continue
            if ns is not None and ons != ns:
                continue
            labels = obj["metadata"].get("labels") or {}
            if labels_match(sel, labels) and field_match(fs, obj):
                out.append(obj)
        return out

    def set_hook(self, obj):
        self.entry["hook"] = is_hook(obj)

    def do_get(self, res, ns, name):
        e = self.entry
        e["verb"] = "get"
        with self.st.lock:
            obj = self.st.objects.get(self.st.key(res, ns, name))
            if obj is None:
                e["result"] = "missing"
                raise not_found(res, name)
            obj = copy.deepcopy(obj)
        self.set_hook(obj)
        e["code"] = 200
        e["result"] = "found"
        self.send_json(200, self.out(res, obj))

    def out(self, res, obj):
        obj["apiVersion"], obj["kind"] = res.gv, res.kind
        return obj

    def do_list(self, res, ns, q):
        e = self.entry
        e["verb"] = "list"
        with self.st.lock:
            items = [self.out(res, copy.deepcopy(o))
                     for o in self.visible(res, ns, q)]
            rv = self.st.rv
        e["code"] = 200
        e["items"] = [o["metadata"]["name"] for o in items][:50]
        self.send_json(200, {"kind": res.kind + "List",
                             "apiVersion": res.gv,
                             "metadata": {"resourceVersion": str(rv)},
                             "items": items})

    def do_log(self, res, ns, name):
        e = self.entry
        e["verb"] = "log"
        with self.st.lock:
            if self.st.key(res, ns, name) not in self.st.objects:
                raise not_found(res, name)
        body = b"fake log output\n"
        e["code"] = 200
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_watch(self, res, ns, name, q):
        e = self.entry
        e["verb"] = "watch"
        st = self.st
        if name is not None:
            q = dict(q)
            q["fieldSelector"] = ",".join(
                x for x in (q.get("fieldSelector"), "metadata.name=" + name)
                if x)
        sel = parse_label_selector(q.get("labelSelector", ""))
        fs = q.get("fieldSelector", "")
        initial = q.get("sendInitialEvents") == "true"
        rv_param = q.get("resourceVersion", "")
        timeout = min(float(q.get("timeoutSeconds") or 60), 60)
        deadline = time.time() + timeout
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        e["code"] = 200
        sent = [0]
        e["events"] = 0
        e["send_initial_events"] = initial

        def emit(etype, obj):
            data = json.dumps({"type": etype, "object": obj}).encode() + b"\n"
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
            sent[0] += 1
            e["events"] = sent[0]

        def match(obj, ons):
            if ns is not None and ons != ns:
                return False
            return labels_match(sel, obj["metadata"].get("labels") or {}) \
                and field_match(fs, obj)

        with st.lock:
            start_rv = st.rv
            initial_objs = []
            if initial or rv_param in ("", "0"):
                initial_objs = [self.out(res, copy.deepcopy(o))
                                for o in self.visible(res, ns, q)]
            else:
                start_rv = int(rv_param)
        e["initial"] = [o["metadata"]["name"] for o in initial_objs][:50]
        st.record(e)
        try:
            for o in initial_objs:
                emit("ADDED", o)
            if initial:
                emit("BOOKMARK", {
                    "kind": res.kind, "apiVersion": res.gv,
                    "metadata": {"resourceVersion": str(start_rv),
                                 "annotations": {
                                     "k8s.io/initial-events-end": "true"}}})
            idx = 0
            with st.lock:
                while idx < len(st.events) and st.events[idx][0] <= start_rv:
                    idx += 1
            while time.time() < deadline:
                if self.client_gone():
                    e["closed_by_client"] = True
                    break
                batch = []
                with st.lock:
                    if idx >= len(st.events):
                        st.cond.wait(min(1.0, max(0.0,
                                                  deadline - time.time())))
                    while idx < len(st.events):
                        rv, et, g, p, ons, obj = st.events[idx]
                        idx += 1
                        if g == res.group and p == res.plural and \
                                match(obj, ons):
                            batch.append((et, self.out(res,
                                                       copy.deepcopy(obj))))
                for et, obj in batch:
                    emit(et, obj)
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            e["closed_by_client"] = True
        self.close_connection = True

    def client_gone(self):
        import select
        import socket
        try:
            r, _, _ = select.select([self.connection], [], [], 0)
            if r:
                return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True
        return False

    # -- writes
    def decode(self, raw, res, kind_hint=True):
        e = self.entry
        obj, err, fmt = parse_body(raw, self.headers.get("Content-Type"))
        e["body_format"] = fmt
        if err:
            e["body"] = {"note": "undecodable"}
            raise ApiError(400, "BadRequest", err)
        if isinstance(obj, dict):
            md = obj.get("metadata") if isinstance(obj.get("metadata"),
                                                   dict) else {}
            e["body"] = {k: v for k, v in (
                ("kind", obj.get("kind")), ("apiVersion",
                                            obj.get("apiVersion")),
                ("name", md.get("name")),
                ("generateName", md.get("generateName")),
                ("namespace", md.get("namespace")),
                ("labels", md.get("labels")),
                ("annotations", md.get("annotations")),
                ("propagationPolicy", obj.get("propagationPolicy")),
                ("gracePeriodSeconds", obj.get("gracePeriodSeconds")))
                if v is not None}
        if res is not None and isinstance(obj, dict) and \
                obj.get("kind") not in (None, "DeleteOptions"):
            derr = decode_error(obj)
            if derr:
                raise ApiError(400, "BadRequest",
                               '%s in version "%s" cannot be handled as a '
                               '%s: %s' % (res.kind, res.version, res.kind,
                                           derr))
        return obj

    def check_ns(self, res, ns):
        if res.namespaced and ns is not None:
            nsres = self.st.find_res("", "v1", "namespaces")
            if self.st.key(nsres, "", ns) not in self.st.objects:
                raise ApiError(404, "NotFound",
                               'namespaces "%s" not found' % ns,
                               {"name": ns, "kind": "namespaces"})

    def dry(self, q):
        d = bool(q.get("dryRun"))
        self.entry["dry_run"] = d
        return d

    def do_create(self, res, ns, q, raw):
        e = self.entry
        e["verb"] = "create"
        obj = self.decode(raw, res)
        if not isinstance(obj, dict):
            raise ApiError(400, "BadRequest", "body is not an object")
        self.set_hook(obj)
        md = obj.setdefault("metadata", {})
        if res.namespaced and md.get("namespace") and ns and \
                md["namespace"] != ns:
            raise ApiError(400, "BadRequest", "the namespace of the provided "
                           "object does not match the namespace sent on the "
                           "request")
        if not md.get("name") and md.get("generateName"):
            md["name"] = md["generateName"] + uuid.uuid4().hex[:5]
        name = md.get("name") or ""
        e["name"] = name
        errs = validate(res, obj)
        if errs:
            raise invalid(res, name, errs)
        dry = self.dry(q)
        with self.st.lock:
            self.check_ns(res, ns)
            key = self.st.key(res, ns, name)
            old = self.st.objects.get(key)
            e["existed"] = old is not None
            if old is not None:
                msg = '%s "%s" already exists' % (group_kind(res), name)
                if old["metadata"].get("deletionTimestamp"):
                    msg = 'object is being deleted: ' + msg
                raise ApiError(409, "AlreadyExists", msg, {
                    "name": name, "group": res.group, "kind": res.plural})
            for k in ("uid", "resourceVersion", "creationTimestamp",
                      "deletionTimestamp"):
                md.pop(k, None)
            obj.pop("status", None)
            self.st.simulate_status(res, obj, ns)
            if dry:
                out = copy.deepcopy(obj)
                out["metadata"]["uid"] = str(uuid.uuid4())
            else:
                out = copy.deepcopy(self.st._put(res, obj, ns or ""))
                self.st.after_write(res, out)
        e["code"] = 201
        e["result"] = "created"
        self.send_json(201, self.out(res, out))

    def do_update(self, res, ns, name, sub, q, raw):
        e = self.entry
        e["verb"] = "update"
        obj = self.decode(raw, res)
        self.set_hook(obj)
        errs = validate(res, obj, name)
        if errs:
            raise invalid(res, name, errs)
        dry = self.dry(q)
        with self.st.lock:
            key = self.st.key(res, ns, name)
            old = self.st.objects.get(key)
            e["existed"] = old is not None
            if old is None:
                raise not_found(res, name)
            want = obj["metadata"].get("resourceVersion")
            if want and want != old["metadata"]["resourceVersion"]:
                raise ApiError(409, "Conflict", 'Operation cannot be '
                               'fulfilled on %s "%s": the object has been '
                               'modified; please apply your changes to the '
                               'latest version and try again'
                               % (group_kind(res), name))
            new = copy.deepcopy(obj)
            md = new.setdefault("metadata", {})
            for k in ("uid", "creationTimestamp", "deletionTimestamp"):
                if k in old["metadata"]:
                    md[k] = old["metadata"][k]
            if sub != "status":
                if "status" in old:
                    new["status"] = old["status"]
                md["generation"] = old["metadata"].get("generation", 1) + (
                    1 if new.get("spec") != old.get("spec") else 0)
                self.st.simulate_status(res, new, ns)
            if not dry:
                new = copy.deepcopy(self.st._put(res, new, ns or "",
                                                 "MODIFIED"))
                self.st.after_write(res, new)
        e["code"] = 200
        e["result"] = "updated"
        self.send_json(200, self.out(res, new))

    def do_patch(self, res, ns, name, sub, q, raw):
        e = self.entry
        ct = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        apply = ct == "application/apply-patch+yaml"
        e["verb"] = "apply" if apply else "patch"
        e["field_manager"] = q.get("fieldManager")
        e["force"] = q.get("force")
        patch = self.decode(raw, res)
        if not isinstance(patch, dict):
            raise ApiError(400, "BadRequest", "patch is not an object")
        if apply:
            self.set_hook(patch)
        dry = self.dry(q)
        with self.st.lock:
            key = self.st.key(res, ns, name)
            old = self.st.objects.get(key)
            e["existed"] = old is not None
            if old is None and not apply:
                raise not_found(res, name)
            if old is None:
                self.check_ns(res, ns)
                new = copy.deepcopy(patch)
                new.setdefault("metadata", {})["name"] = \
                    new["metadata"].get("name") or name
                errs = validate(res, new, name)
                if errs:
                    raise invalid(res, name, errs)
                new.pop("status", None)
                self.st.simulate_status(res, new, ns)
                etype, code, result = "ADDED", 201, "created"
            else:
                if not apply:
                    self.set_hook(old)
                new = (apply_merge if apply else merge_patch)(
                    copy.deepcopy(old), patch)
                md = new.setdefault("metadata", {})
                for k in ("uid", "creationTimestamp", "deletionTimestamp",
                          "name"):
                    if k in old["metadata"]:
                        md[k] = old["metadata"][k]
                if apply:
                    self.set_hook(new)
                errs = validate(res, new, name)
                if errs:
                    raise invalid(res, name, errs)
                if sub != "status":
                    if "status" in old:
                        new["status"] = old["status"]
                    md["generation"] = old["metadata"].get(
                        "generation", 1) + (1 if new.get("spec") !=
                                            old.get("spec") else 0)
                etype, code = "MODIFIED", 200
                result = "applied" if apply else "patched"
            if apply:
                md = new.setdefault("metadata", {})
                md["managedFields"] = [{
                    "manager": q.get("fieldManager", ""),
                    "operation": "Apply", "apiVersion": res.gv,
                    "time": now_ts(), "fieldsType": "FieldsV1",
                    "fieldsV1": {}}]
            if not dry:
                new = copy.deepcopy(self.st._put(res, new, ns or "", etype))
                self.st.after_write(res, new)
        e["code"] = code
        e["result"] = result
        self.send_json(code, self.out(res, new))

    def do_delete(self, res, ns, name, q, raw):
        e = self.entry
        e["verb"] = "delete"
        opts = self.decode(raw, None) if raw else {}
        opts = opts if isinstance(opts, dict) else {}
        e["propagation"] = q.get("propagationPolicy") or \
            opts.get("propagationPolicy")
        dry = self.dry(q) or bool(opts.get("dryRun"))
        e["dry_run"] = dry
        st = self.st
        with st.lock:
            key = st.key(res, ns, name)
            old = st.objects.get(key)
            e["existed"] = old is not None
            if old is None:
                e["result"] = "missing"
                raise not_found(res, name)
            self.set_hook(old)
            if dry:
                out = copy.deepcopy(old)
                e["result"] = "dry-run"
            elif old["metadata"].get("deletionTimestamp"):
                out = copy.deepcopy(old)
                e["result"] = "already-terminating"
            elif _targets_match(st.cfg.slow_delete, res.kind, name) or \
                    res.kind == "Namespace":
                old = copy.deepcopy(old)
                old["metadata"]["deletionTimestamp"] = now_ts()
                old["metadata"]["deletionGracePeriodSeconds"] = 0
                if res.kind == "Namespace":
                    old.setdefault("status", {})["phase"] = "Terminating"
                out = copy.deepcopy(st._put(res, old, key[2], "MODIFIED"))
                delay = st.cfg.slow_seconds if _targets_match(
                    st.cfg.slow_delete, res.kind, name) else 0.2
                uid = old["metadata"]["uid"]

                def vanish():
                    with st.lock:
                        cur = st.objects.get(key)
                        if cur is not None and cur["metadata"]["uid"] == uid:
                            st._remove(res, key)
                            if res.kind == "Namespace":
                                for k in [k for k in st.objects
                                          if k[2] == name]:
                                    r2 = next(r for r in st.res
                                              if r.group == k[0] and
                                              r.plural == k[1])
                                    st._remove(r2, k)
                t = threading.Timer(delay, vanish)
                t.daemon = True
                t.start()
                e["result"] = "terminating"
            else:
                out = st._remove(res, key)
                e["result"] = "deleted"
        e["code"] = 200
        self.send_json(200, self.out(res, out))

    def do_delete_collection(self, res, ns, q, raw):
        e = self.entry
        e["verb"] = "deletecollection"
        st = self.st
        with st.lock:
            victims = [copy.deepcopy(o) for o in self.visible(res, ns, q)]
            if not self.dry(q):
                for o in victims:
                    st._remove(res, st.key(res, o["metadata"].get(
                        "namespace", ""), o["metadata"]["name"]))
        e["code"] = 200
        e["items"] = [o["metadata"]["name"] for o in victims]
        self.send_json(200, {"kind": res.kind + "List", "apiVersion": res.gv,
                             "metadata": {}, "items": victims})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start(config=None):
    """Start a server on 127.0.0.1 with an OS-chosen port in a daemon
    thread; returns (server, url).  server.state holds objects and log."""
    srv = Server(("127.0.0.1", 0), Handler)
    srv.state = State(config or Config())
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    return srv, "http://127.0.0.1:%d" % srv.server_address[1]


def write_kubeconfig(path, url, namespace="default"):
    with open(path, "w") as f:
        f.write(
            "apiVersion: v1\nkind: Config\n"
            "clusters:\n- name: fake\n  cluster:\n    server: %s\n"
            "contexts:\n- name: fake\n  context:\n    cluster: fake\n"
            "    user: fake\n    namespace: %s\n"
            "current-context: fake\n"
            "users:\n- name: fake\n  user:\n    token: fake-token\n"
            % (url, namespace))
    os.chmod(path, 0o600)


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description="fake Kubernetes API server")
    ap.add_argument("--kubeconfig", help="write a kubeconfig here")
    ap.add_argument("--log", help="request log (JSON lines)")
    ap.add_argument("--fail", help="Kind/name,... to fail")
    ap.add_argument("--slow-delete", help="Kind/name,... to delete slowly")
    ap.add_argument("--lifetime", type=float, default=600,
                    help="stop after this many seconds (default 600)")
    a = ap.parse_args(argv)
    srv, url = start(Config(fail=a.fail, slow_delete=a.slow_delete,
                            log_path=a.log))
    if a.kubeconfig:
        write_kubeconfig(a.kubeconfig, url)
    print(url, flush=True)
    try:
        time.sleep(a.lifetime)
    except KeyboardInterrupt:
        pass
    srv.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:])
