#!/usr/bin/env python3
"""rendering.py HOOKLINT SOURCE_ROOT - template mode against what Helm renders.

For every chart under fixtures/ (a directory holding Chart.yaml) and for
each Helm named by the environment (HELM3, HELM4), this renders the chart
with `helm template`, lints the rendering in rendered mode and the chart
sources in template mode, and checks:

  agree    both modes report the same findings, compared by rule, template
           path (rendered findings are mapped back through `# Source:`),
           kind and name of the resource (a templated name in the source is
           a pattern its rendered name must match) and the message with its
           quoted values and numbers blanked out; except the differences
           the EXCEPTIONS table below explains;
  drops    every document Helm drops with "skipping unknown hook" has an
           HL101 (or HL102, HL103) finding in template mode. The documents
           Helm drops are missing from the rendering, so rendered mode can
           never report them: their template-mode findings are accounted
           for here and left out of `agree`.

A chart Helm refuses with "YAML parse error on <template>" must have an
HL121 or HL901 finding in that template; nothing else is compared for it.

Charts the fixtures leave without values (or without a helper they call)
get them from tests/helm/values/<fixture>.yaml and tests/helm/overlays/
<fixture>/ (copied over a temporary copy of the chart before rendering;
template mode always lints the fixture as it is).

Output is TAP. Exit status 0 when every test passes (TODO tests, known
hooklint bugs, do not count), 1 otherwise, 77 (skipped; or
$HELM_SKIP_STATUS) when neither Helm is available (helms.py).
Python 3 standard library only.
"""

import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from helms import available as helms_available, skip as helm_skip  # noqa: E402

# Rules that only one mode can report, or documents only one mode can see.
# One entry per fixture and rule (and template, when it matters), with the
# reason. A difference matching no entry fails; an entry matching no
# difference fails too (the table must not outlive what it explains).
#
#   side      'rendered': reported only on the rendering
#             'template': reported only on the template sources
#             'dropped': Helm drops a document (its helm.sh/hook is `hook`)
#             and template mode cannot report it
#   template  path inside the chart, or None for any
#   helm      '3', '4' or None for both
#   bug       True: a known hooklint bug; its test is reported as TODO
#             (remove the entry when fixed: the unused-entry check says so)
V = "value-dependent: "
H = "hook annotations from a helper or toYaml: "
EXCEPTIONS = [
    # Drops template mode cannot see: the bad event is a value.
    dict(fixture="inputs-directory", rule="HL101", side="dropped",
         hook="pre-instal",
         reason=V + "the misspelt event is values.yaml's `hook: "
                "pre-instal`, rendered by {{ .Values.hook }}"),

    # A token, weight, key or policy that is partly a template action:
    # template mode leaves it alone, whatever value makes of it.
    dict(fixture="rule-HL105-template", rule="HL105", side="rendered",
         template="templates/tests/test-api.yaml",
         reason=V + "test-{{ .Values.tests.suffix }} can only be test-success"),
    dict(fixture="rule-HL106-template", rule="HL106", side="rendered",
         template="templates/seed-job.yaml",
         reason=V + "{{ .Values.seed.event | upper }} and "
                "Pre-{{ .Values.warmup.event }} are upper case once rendered"),
    dict(fixture="rule-HL111-template", rule="HL111", side="rendered",
         template="templates/weights.yaml",
         reason=V + "\"+{{ .Values.hooks.weight }}\" and "
                "\"0{{ .Values.hooks.weight }}\" render as +5 and 05"),
    dict(fixture="rule-HL132-template", rule="HL132", side="rendered",
         template="templates/hooks.yaml",
         reason=V + "{{ .Values.hooks.deletePolicy | title }} is always "
                "title case"),
    dict(fixture="rule-HL202-template", rule="HL202", side="rendered",
         template="templates/passing.yaml",
         reason=V + "the key helm.sh/hook-delete-{{ .Values.settings."
                "legacyKey }} is the Helm 2 key once rendered"),
    dict(fixture="rule-HL604-template", rule="HL604", side="rendered",
         template="templates/secret.yaml",
         reason=V + "{{ .Values.session.resourcePolicy | upper }} renders "
                "KEEP"),

    # The resource is a hook, or its kind is known, only once rendered.
    dict(fixture="rule-HL507-template", rule="HL302", side="rendered",
         template="templates/passing.yaml",
         reason=V + "kind: {{ if .Values.worker.longRunning }}Deployment"
                "{{ else }}Job{{ end }}: a Job only once rendered"),

    # A name built with randAlphaNum is one fixed name in one rendering.
    *[dict(fixture=f, rule="HL302", side="template", template=t,
           reason="randAlphaNum in the name: a new test Pod per revision, "
                  "which one rendering cannot show")
      for f, t in (("rule-HL302-template", "templates/tests/test-smoke.yaml"),
                   ("real-helm-create", "templates/tests/test-api.yaml"))],

    # One finding per values switch in template mode; the rendering has
    # no switch, only the objects it made hooks.
    *[dict(fixture=f, rule="HL507", side=side, template=t, reason=why)
      for f, t in (("real-sentry", None),
                   ("rule-HL507-template", "templates/switched.yaml"))
      for side, why in (("template", "one finding for `if .Values.asHook`"),
                        ("rendered", "one finding per object "
                                     "`if .Values.asHook` made a hook"))],

    # Templates that render crds/ files for Helm 2 (.Files.Glob "crds/"):
    # Helm 3 and 4 drop that copy for its crd-install, and template mode
    # sees only the crds/ files, which are no hooks.
    *[dict(fixture=f, side="dropped", rule=None, hook="crd-install",
           reason="the templated copy of crds/ for Helm 2")
      for f in ("real-prometheus-operator",
                "rule-HL207-crds-rendered-template")],

    # Helper-built names: template mode cannot order them, so it reports
    # the hedged "may be created after" (info) where rendered mode knows.
    dict(fixture="release-template-names", rule="HL401", side="template",
         template="templates/upgrade.yaml",
         reason="helper-built name {{ include \"shop.migrator\" . }}: "
                "order unknown before rendering"),
    dict(fixture="release-template-names", rule="HL401", side="rendered",
         template="templates/upgrade.yaml",
         reason="helper-built name {{ include \"shop.migrator\" . }}: "
                "order unknown before rendering"),
    # HL412 is about exactly that: an order a rendering fixes, with the
    # names of its one release.
    dict(fixture="release-HL412-template", rule="HL412", side="template",
         template="templates/cache-warmup-job.yaml",
         reason="{{ .Release.Name }}-search-reindex and the fullname "
                "helper's Jobs: order unknown before rendering"),

    dict(fixture="real-kibana", rule="HL401", side="template",
         reason="'pre-install-{{ template \"kibana.fullname\" . }}' "
                "against '{{ template \"kibana.fullname\" . }}-helm-"
                "scripts': the release name decides"),
    dict(fixture="real-kibana", rule="HL401", side="rendered",
         reason="release 'r' sorts the ConfigMap after the Jobs"),

    # Suppressions written as template comments ({{/* hooklint disable */}})
    # are gone from the rendering; `# hooklint disable` YAML comments stay.
    dict(fixture="suppress-template", rule="HL130", side="rendered",
         template="templates/db-migrate-job.yaml",
         reason="disable comment is a template comment"),
]

# Rules about where a file sits in a chart (crds/, files outside
# templates/): the rendering does not say, so they are template mode's.
TEMPLATE_ONLY = {"HL207", "HL208", "HL601", "HL903"}

# Rules whose finding means Helm drops the whole resource (§ unknown hook).
DROP_RULES = {"HL101", "HL102", "HL103"}

# The ten events Helm knows; Helm lower-cases and trims each token.
EVENTS = {
    "pre-install", "post-install", "pre-delete", "post-delete",
    "pre-upgrade", "post-upgrade", "pre-rollback", "post-rollback",
    "test", "test-success",
}

# "info: skipping unknown hook: \"...\"" (Helm 3, log.Printf with %q) and
# level=INFO msg="skipping unknown hooks" hookTypes=... (Helm 4, slog).
SKIP_H3 = re.compile(r'skipping unknown hook: ("(?:[^"\\]|\\.)*")')
SKIP_H4 = re.compile(
    r'skipping unknown hooks?"?.*?hookTypes=("(?:[^"\\]|\\.)*"|\S*)')
YAML_ERROR = re.compile(r"YAML parse error on ([^:\s]+)")


class Tap:
    def __init__(self):
        self.results = []

    def add(self, ok, desc, diag=(), directive=None):
        self.results.append((ok, desc, list(diag), directive))

    def emit(self):
        print("1..%d" % len(self.results))
        failed = 0
        for n, (ok, desc, diag, directive) in enumerate(self.results, 1):
            line = "%s %d - %s" % ("ok" if ok else "not ok", n, desc)
            if directive:
                line += " # " + directive
            print(line)
            for d in diag:
                print("#   " + d)
            failed += not ok and not (directive or "").startswith("TODO")
        return failed


def run(argv, cwd=None, stdin=None):
    p = subprocess.run(argv, cwd=cwd, input=stdin, capture_output=True,
                       text=True, errors="replace")
    return p.returncode, p.stdout, p.stderr


# --- documents and resources -------------------------------------------

def split_docs(text):
    """Line ranges [first, last] (1-based) of the documents, split the way
    Helm splits: at every line that starts with '---'."""
    lines = text.split("\n")
    starts = [1] + [i + 1 for i, l in enumerate(lines) if l.startswith("---")]
    docs = []
    for k, s in enumerate(starts):
        e = starts[k + 1] - 1 if k + 1 < len(starts) else len(lines)
        docs.append((s, e))
    return lines, docs


def doc_index(docs, line):
    for k, (s, e) in enumerate(docs):
        if s <= line <= e:
            return k
    return len(docs) - 1


def identity(lines, first, last):
    """(kind, name) as written in a document: top-level `kind:` and the
    least indented `name:` (or generateName) under `metadata:`."""
    kind, name = "", ""
    in_meta, best = False, None
    for l in lines[first - 1:last]:
        if not l.strip() or l.lstrip().startswith("#"):
            continue
        m = re.match(r"kind:\s*(.*?)\s*$", l)
        if m and not kind:
            kind = m.group(1)
        if not l[0].isspace() and not l.startswith("{{"):
            in_meta = l.rstrip() == "metadata:"
            continue
        if in_meta:
            m = re.match(r"( +)(?:name|generateName):\s*(.*?)\s*$", l)
            if m and (best is None or len(m.group(1)) < best):
                best, name = len(m.group(1)), m.group(2)
    return unquote(kind), unquote(name)


def unquote(s):
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"" and "{{" not in s:
        return s[1:-1]
    return s


ACTION = re.compile(r"\{\{.*?\}\}")
BRANCHING = re.compile(r"\{\{-?\s*(if|else|range|with|end)\b")


def pattern(text):
    """A template's kind or name as a regex its rendered text must match:
    template actions match anything; branches and unfinished actions make
    the whole text unknown."""
    if "{{" not in text:
        return re.compile(re.escape(text))
    if BRANCHING.search(text) or text.count("{{") != text.count("}}"):
        return re.compile(".*")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]   # "{{ include "x" . }}-test": quotes inside
    parts = ACTION.split(text)
    return re.compile(".*".join(re.escape(p) for p in parts), re.S)


QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
NUMBER = re.compile(r"\b\d+\b")


def message_kind(msg):
    return NUMBER.sub("N", QUOTED.sub("'…'", msg))


def quoted_tokens(msg):
    return {q[1:-1].strip().lower() for q in QUOTED.findall(msg)}


# --- findings ------------------------------------------------------------

class Finding:
    def __init__(self, rule, path, line, message, kind, name, doc):
        self.rule, self.path, self.line = rule, path, line
        self.message, self.kind, self.name, self.doc = message, kind, name, doc
        self.mkind = message_kind(message)

    def show(self):
        return "%s %s:%d [%s %s] %s" % (self.rule, self.path, self.line,
                                        self.kind or "?", self.name or "?",
                                        self.message)


def lint(hooklint, args, stdin, cwd):
    rc, out, err = run([hooklint, "--format", "json", "--exit-zero"] + args,
                       cwd=cwd, stdin=stdin)
    if rc != 0:
        raise RuntimeError("hooklint %s exited %d: %s"
                           % (" ".join(args), rc, err.strip()))
    report = json.loads(out)
    if report["errors"]:
        raise RuntimeError("hooklint input errors: %r" % report["errors"])
    return report["findings"]


def template_findings(hooklint, chart, target, cwd):
    found = []
    texts = {}
    for f in lint(hooklint, ["--target", target, "--mode", "template",
                             chart], None, cwd):
        rel = os.path.relpath(f["path"], chart)
        if rel not in texts:
            with open(f["path"], encoding="utf-8", errors="replace") as fh:
                texts[rel] = split_docs(fh.read())
        lines, docs = texts[rel]
        k = doc_index(docs, f["start"]["line"])
        kind, name = identity(lines, *docs[k])
        found.append(Finding(f["rule"], rel, f["start"]["line"],
                             f["message"], kind, name, (rel, k)))
    return found


def rendered_findings(hooklint, stream, target, cwd):
    lines, docs = split_docs(stream)
    found = []
    for f in lint(hooklint, ["--target", target, "--mode", "rendered",
                             "--stdin-filename", "rendered.yaml", "-"],
                  stream, cwd):
        tpl = f["template"] or "?"
        # "app/templates/x.yaml" -> "templates/x.yaml"; subcharts keep
        # "charts/sub/templates/x.yaml", as they sit in the chart.
        rel = tpl.split("/", 1)[1] if "/" in tpl else tpl
        k = doc_index(docs, f["start"]["line"])
        kind, name = identity(lines, *docs[k])
        found.append(Finding(f["rule"], rel, f["start"]["line"],
                             f["message"], kind, name, (rel, k)))
    return found


def same(t, r):
    return (t.rule == r.rule and t.path == r.path and t.mkind == r.mkind
            and pattern(t.kind).fullmatch(r.kind) is not None
            and pattern(t.name).fullmatch(r.name) is not None)


# --- Helm ------------------------------------------------------------------

def skipped_hooks(stderr):
    out = []
    for line in stderr.splitlines():
        m = SKIP_H3.search(line) or SKIP_H4.search(line)
        if not m:
            continue
        v = m.group(1)
        if v.startswith('"'):
            try:
                v = json.loads(v)
            except ValueError:
                v = v[1:-1]
        out.append(v)
    return out


def render(helm, chart, values, overlay, scratch):
    copy = os.path.join(scratch, "chart")
    shutil.copytree(chart, copy, symlinks=True)
    if overlay:
        shutil.copytree(overlay, copy, dirs_exist_ok=True)
    argv = [helm, "template", "r", copy, "--namespace", "default",
            "--include-crds"]
    if values:
        argv += ["-f", values]
    return run(argv, cwd=scratch)


# --- one chart, one Helm -----------------------------------------------------

def exception_for(fixture, version, side, f, used):
    for i, e in enumerate(EXCEPTIONS):
        if (e["fixture"] == fixture and e["rule"] == f.rule
                and e["side"] == side
                and e.get("template") in (None, f.path)
                and e.get("helm") in (None, version)):
            used.add(i)
            return e
    return None


def drop_exception(fixture, version, value, used):
    for i, e in enumerate(EXCEPTIONS):
        if (e["fixture"] == fixture and e["side"] == "dropped"
                and e.get("hook") == value
                and e.get("helm") in (None, version)):
            used.add(i)
            return e
    return None


def check(hooklint, root, chart, version, helm, used):
    """Returns a list of (ok, desc, diag, directive)."""
    rel = os.path.relpath(chart, os.path.join(root, "fixtures"))
    fixture = rel.split(os.sep)[0]
    label = "helm%s %s" % (version, rel)
    target = "helm" + version
    values = os.path.join(root, "tests", "helm", "values", fixture + ".yaml")
    overlay = os.path.join(root, "tests", "helm", "overlays", fixture)
    results = []
    with tempfile.TemporaryDirectory(prefix="hl-render-") as scratch:
        rc, stream, err = render(helm, chart,
                                 values if os.path.isfile(values) else None,
                                 overlay if os.path.isdir(overlay) else None,
                                 scratch)
        tfind = template_findings(hooklint, chart, target, scratch)
        if rc != 0:
            m = YAML_ERROR.search(err)
            if not m:
                return [(False, "%s: helm template renders" % label,
                         err.strip().splitlines()[:6], None)]
            path = m.group(1).split("/", 1)[1]
            hit = [t for t in tfind if t.path == path
                   and t.rule in ("HL121", "HL901")]
            diag = [err.strip().splitlines()[0]]
            if not hit:
                diag += ["template mode has no HL121 or HL901 in " + path]
            return [(bool(hit), "%s: Helm rejects %s, template mode reports "
                     "it" % (label, path), diag, None)]
        rfind = rendered_findings(hooklint, stream, target, scratch)

    # drops: each skipped hook pairs with a template document that has a
    # finding saying Helm drops it.
    dropdocs = {}
    for t in tfind:
        if t.rule in DROP_RULES:
            dropdocs.setdefault(t.doc, []).append(t)
    dropped, unpaired, known = set(), [], []
    for value in skipped_hooks(err):
        unknown = {tok.strip().lower() for tok in value.split(",")} - EVENTS
        match = None
        for doc, fs in dropdocs.items():
            tokens = set().union(*(quoted_tokens(f.message) for f in fs))
            if (unknown & tokens) or ("" in unknown and
                                      any(f.rule == "HL102" for f in fs)):
                match = doc
                if doc not in dropped:
                    break
        if match is None:
            e = drop_exception(fixture, version, value, used)
            if e:
                known.append("dropped, no finding (known: %s): "
                             "helm.sh/hook %r" % (e["reason"], value))
            else:
                unpaired.append(value)
        else:
            dropped.add(match)
    ndrops = len(skipped_hooks(err))
    diag = ["Helm dropped a document with helm.sh/hook %r: no HL101, HL102 "
            "or HL103 in template mode says so" % v for v in unpaired]
    results.append((not unpaired, "%s: %d dropped document(s) reported"
                    % (label, ndrops), diag + known, None))

    # agree
    tcmp = [t for t in tfind
            if t.doc not in dropped and t.rule not in TEMPLATE_ONLY]
    diag, known = [], []
    for t in tcmp:
        if not any(same(t, r) for r in rfind):
            e = exception_for(fixture, version, "template", t, used)
            if e:
                known.append("%stemplate only (known: %s): %s"
                             % ("BUG " if e.get("bug") else "",
                                e["reason"], t.show()))
            else:
                diag.append("template only: " + t.show())
    for r in rfind:
        if not any(same(t, r) for t in tcmp):
            e = exception_for(fixture, version, "rendered", r, used)
            if e:
                known.append("%srendered only (known: %s): %s"
                             % ("BUG " if e.get("bug") else "",
                                e["reason"], r.show()))
            else:
                diag.append("rendered only: " + r.show())
    bugs = [k for k in known if k.startswith("BUG ")]
    results.append((not diag and not bugs,
                    "%s: %d template and %d rendered findings agree"
                    % (label, len(tcmp), len(rfind)), diag + known,
                    "TODO hooklint bug" if bugs and not diag else None))
    return results


def find_charts(fixtures):
    charts = []
    for dirpath, dirnames, filenames in os.walk(fixtures):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if "Chart.yaml" in filenames:
            charts.append(dirpath)
            dirnames[:] = []    # subcharts are linted with their parent
    return sorted(charts)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: rendering.py HOOKLINT SOURCE_ROOT\n")
        return 2
    hooklint = os.path.abspath(sys.argv[1])
    root = os.path.abspath(sys.argv[2])
    helms = [(major, path) for major, path, _ in helms_available(root)]
    if not helms:
        return helm_skip("no Helm 3.17.3 or 4.1.4 (run scripts/fetch-helm.sh "
                         "or set HELM3, HELM4)")

    charts = find_charts(os.path.join(root, "fixtures"))
    used = set()
    tap = Tap()
    jobs = [(c, v, h) for c in charts for v, h in helms]
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        futures = [ex.submit(check, hooklint, root, c, v, h, used)
                   for c, v, h in jobs]
        for fut in futures:
            for ok, desc, diag, directive in fut.result():
                tap.add(ok, desc, diag, directive)

    versions = {v for v, _ in helms}
    stale = [e for i, e in enumerate(EXCEPTIONS) if i not in used
             and e.get("helm") in (None, *versions)]
    tap.add(not stale, "every exception explains a difference",
            ["unused: %(fixture)s %(rule)s %(side)s only" % e
             for e in stale])
    return 1 if tap.emit() else 0


if __name__ == "__main__":
    sys.exit(main())
