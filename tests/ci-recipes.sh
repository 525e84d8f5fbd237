#!/bin/sh
# ci-recipes.sh HOOKLINT SOURCE_DIR - the recipes of docs/ci.md, taken
# from the page itself (the fenced blocks after "<!-- file: PATH -->"), run
# against real hooklint output in a scratch repository: the problem
# matcher's regular expressions on the gcc format, the GitLab Code Quality
# jq program on the json format, the shell gate, the commands of the
# GitHub workflow, and the pre-commit configuration against
# .pre-commit-hooks.yaml. Parts that need node or jq are skipped without.
set -u
hooklint=$1
src=$2
case $hooklint in /*) ;; *) hooklint=$(pwd)/$hooklint ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	[ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/#   /' "$2"
	fails=$((fails + 1))
}

# The block after "<!-- file: $1 -->" in docs/ci.md, to $2.
extract() {
	awk -v want="<!-- file: $1 -->" '
		$0 == want { found = 1; next }
		found == 1 && /^```/ { found = 2; next }
		found == 2 && /^```/ { exit }
		found == 2 { print }
	' "$src/docs/ci.md" >"$2"
	if [ -s "$2" ]; then ok "docs/ci.md has $1"; else not_ok "docs/ci.md has $1"; fi
}

mkdir -p "$tmp/bin" "$tmp/repo/ci" "$tmp/repo/.github/workflows"
ln -s "$hooklint" "$tmp/bin/hooklint"
PATH=$tmp/bin:$PATH
export PATH
repo=$tmp/repo
extract .pre-commit-config.yaml "$repo/.pre-commit-config.yaml"
extract .github/workflows/hooklint.yml "$repo/.github/workflows/hooklint.yml"
extract ci/hooklint-codequality.jq "$repo/ci/hooklint-codequality.jq"
extract .gitlab-ci.yml "$repo/.gitlab-ci.yml"
extract ci/hooklint-gate.sh "$repo/ci/hooklint-gate.sh"

# A repository with findings of every severity, a path with a space and a
# colon, and non-ASCII text before a finding.
mkdir -p "$repo/.git" "$repo/deploy" "$repo/rendered: v2"
cat >"$repo/deploy/jobs.yaml" <<'EOF'
---
# Source: shop/templates/db-migrate-job.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: shop-db-migrate
  annotations:
    "helm.sh/hook": post-install,pre-uninstall
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
---
# Source: shop/templates/db-seed-job.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: shop-db-seed
  annotations:
    "helm.sh/hook": pre-install
    "helm.sh/hook-weight": "1.5"
    "helm.sh/hook-delete-policy": hook-succeeded
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
EOF
cat >"$repo/rendered: v2/pod.yaml" <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: café-test
  annotations: {"helm.sh/hook": test-success, "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded"}
spec:
  restartPolicy: Never
EOF
cd "$repo" || exit 1

# --- the reports the recipes read ------------------------------------
"$hooklint" --format json -o "$tmp/report.json" --exit-zero . 2>/dev/null
"$hooklint" --format gcc . >"$tmp/report.gcc" 2>/dev/null
status=$?
if [ "$status" -eq 1 ] && [ -s "$tmp/report.gcc" ]; then
	ok "the gcc format exits 1 on findings"
else
	not_ok "the gcc format exits 1 on findings (got $status)" "$tmp/report.gcc"
fi

# --- GitHub: the problem matcher over real gcc lines ------------------
if command -v node >/dev/null 2>&1; then
	cat >"$tmp/matcher.js" <<'EOF'
// Apply the matchers the way the Actions runner does: the first that
// matches a line wins; its groups, else its default severity. Compare
// with the JSON report of the same run.
'use strict';
const fs = require('fs');
const [matcherFile, gccFile, jsonFile] = process.argv.slice(2);
const matchers = JSON.parse(fs.readFileSync(matcherFile, 'utf8')).problemMatcher
	.map((m) => ({ m, p: m.pattern[0], re: new RegExp(m.pattern[0].regexp) }));
const lines = fs.readFileSync(gccFile, 'utf8').split('\n').filter((l) => l);
const findings = JSON.parse(fs.readFileSync(jsonFile, 'utf8')).findings;
const sev = { error: 'error', warning: 'warning', info: 'notice' };
let bad = 0;
if (lines.length !== findings.length) {
	console.log(`# ${lines.length} gcc lines, ${findings.length} findings`);
	bad++;
}
lines.forEach((line, i) => {
	const f = findings[i];
	const hit = matchers.map(({ m, p, re }) => {
		const g = line.match(re);
		if (!g) return null;
		const get = (k) => (p[k] === undefined ? undefined : g[p[k]]);
		return { file: get('file'), line: get('line'), column: get('column'),
			 severity: (get('severity') || m.severity || 'error').toLowerCase(),
			 code: get('code'), message: get('message') };
	}).find((x) => x);
	const want = f && { file: f.path, line: String(f.start.line),
		column: String(f.start.col), severity: sev[f.severity],
		code: f.rule, message: f.message };
	if (!hit || JSON.stringify(hit) !== JSON.stringify(want)) {
		console.log(`# ${line}\n#   got  ${JSON.stringify(hit)}\n#   want ${JSON.stringify(want)}`);
		bad++;
	}
});
process.exit(bad ? 1 : 0);
EOF
	if node "$tmp/matcher.js" "$src/docs/problem-matcher.json" \
		"$tmp/report.gcc" "$tmp/report.json" >"$tmp/matcher.out" 2>&1; then
		ok "the problem matcher reads every gcc line as the JSON report says"
	else
		not_ok "the problem matcher reads every gcc line as the JSON report says" "$tmp/matcher.out"
	fi
else
	skip "the problem matcher on real gcc lines" "node is not installed"
fi

# --- GitHub: the workflow's commands ----------------------------------
wf=$repo/.github/workflows/hooklint.yml
for want in 'hooklint --format sarif -o hooklint.sarif --exit-zero .' \
	    'uses: github/codeql-action/upload-sarif@' 'sarif_file: hooklint.sarif' \
	    'security-events: write' 'hooklint --format github .' \
	    '::add-matcher::.hooklint-src/docs/problem-matcher.json' \
	    'hooklint --format gcc .'; do
	if grep -qF -- "$want" "$wf"; then ok "workflow: $want"; else not_ok "workflow: $want"; fi
done
rm -f hooklint.sarif
hooklint --format sarif -o hooklint.sarif --exit-zero . 2>/dev/null
status=$?
if [ "$status" -eq 0 ] && [ -s hooklint.sarif ]; then
	ok "SARIF step: exit 0, report written"
else
	not_ok "SARIF step: exit 0, report written (got $status)"
fi
if command -v node >/dev/null 2>&1; then
	if node -e '
		const fs = require("fs");
		const s = JSON.parse(fs.readFileSync("hooklint.sarif", "utf8"));
		const j = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
		const r = s.runs[0].results;
		process.exit(s.version === "2.1.0" && r.length === j.findings.length &&
			r.every((x) => x.locations[0].physicalLocation.artifactLocation.uriBaseId === "%SRCROOT%") ? 0 : 1);
	' "$tmp/report.json"; then
		ok "SARIF: one result per finding, relative to %SRCROOT%"
	else
		not_ok "SARIF: one result per finding, relative to %SRCROOT%"
	fi
fi
rm -f hooklint.sarif
hooklint --format github . >"$tmp/github.out" 2>/dev/null
status=$?
if [ "$status" -eq 1 ] &&
   [ "$(grep -c '^::\(error\|warning\|notice\) file=' "$tmp/github.out")" -eq "$(grep -c . "$tmp/report.gcc")" ]; then
	ok "annotations step: one command per finding, exit 1"
else
	not_ok "annotations step: one command per finding, exit 1 (got $status)" "$tmp/github.out"
fi

# The YAML of the recipes is valid YAML (hooklint parses it: no HL901).
for f in "$repo/.pre-commit-config.yaml" "$wf" "$repo/.gitlab-ci.yml"; do
	if hooklint --format gcc "$f" >"$tmp/yaml.out" 2>&1; then
		ok "valid YAML: ${f#"$repo"/}"
	else
		not_ok "valid YAML: ${f#"$repo"/}" "$tmp/yaml.out"
	fi
done

# --- pre-commit: the hook the configuration names exists ---------------
id=$(sed -n 's/^- id: //p' "$src/.pre-commit-hooks.yaml")
if grep -q "^      - id: $id\$" "$repo/.pre-commit-config.yaml" &&
   grep -q 'repo: https://github.com/hooklint/hooklint$' "$repo/.pre-commit-config.yaml"; then
	ok "the pre-commit configuration names hook '$id'"
else
	not_ok "the pre-commit configuration names hook '$id'" "$repo/.pre-commit-config.yaml"
fi

# --- GitLab: Code Quality from the JSON report -------------------------
if grep -qF 'jq -f ci/hooklint-codequality.jq hooklint.json > gl-code-quality-report.json' "$repo/.gitlab-ci.yml" &&
   grep -qF 'codequality: gl-code-quality-report.json' "$repo/.gitlab-ci.yml"; then
	ok ".gitlab-ci.yml runs the jq program and reports its output"
else
	not_ok ".gitlab-ci.yml runs the jq program and reports its output"
fi
if command -v jq >/dev/null 2>&1; then
	if jq -f ci/hooklint-codequality.jq "$tmp/report.json" >"$tmp/cq.json" 2>"$tmp/cq.err" &&
	   jq -e --argjson n "$(jq '.findings | length' "$tmp/report.json")" '
		length == $n and $n > 0 and
		([.[].fingerprint] | unique | length) == $n and
		all(.[]; (.description | type == "string" and length > 0) and
			(.check_name | test("^HL[0-9]+$")) and
			(.severity | IN("info", "minor", "major", "critical", "blocker")) and
			(.location.path | type == "string" and length > 0) and
			(.location.lines.begin | type == "number"))' "$tmp/cq.json" >/dev/null; then
		ok "the Code Quality report has GitLab's fields, one entry per finding"
	else
		cat "$tmp/cq.err" "$tmp/cq.json" >"$tmp/cq.all" 2>/dev/null
		not_ok "the Code Quality report has GitLab's fields, one entry per finding" "$tmp/cq.all"
	fi
	if jq -e --slurpfile r "$tmp/report.json" '[.[].severity] ==
		[$r[0].findings[].severity | {error: "major", warning: "minor", info: "info"}[.]] and
		([.[].severity] | unique) == ["info", "major", "minor"]' "$tmp/cq.json" >/dev/null; then
		ok "severities: error major, warning minor, info info"
	else
		not_ok "severities: error major, warning minor, info info" "$tmp/cq.json"
	fi
else
	skip "the Code Quality jq program" "jq is not installed"
fi

# --- the plain shell gate ----------------------------------------------
gate() {
	# gate NAME WANT_STATUS WANT_TEXT DIR
	(cd "$4" && sh "$repo/ci/hooklint-gate.sh") >"$tmp/gate.out" 2>&1
	got=$?
	if [ "$got" -eq "$2" ] && grep -qF -- "$3" "$tmp/gate.out"; then
		ok "gate: $1"
	else
		not_ok "gate: $1 (exit $got, want $2, '$3')" "$tmp/gate.out"
	fi
}
mkdir -p "$tmp/warn/.git" "$tmp/clean/.git"
cp "$repo/rendered: v2/pod.yaml" "$tmp/warn/"
cat >"$tmp/clean/ok.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data: {}
EOF
gate "errors fail the build" 1 "hooklint: errors in Helm hook annotations" "$repo"
gate "warnings and infos do not" 0 "[HL105]" "$tmp/warn"
gate "a clean tree" 0 "hooklint: no errors" "$tmp/clean"
printf 'fail-on: sometimes\n' >"$tmp/clean/.hooklint.yaml"
gate "a bad .hooklint.yaml" 2 ".hooklint.yaml:1:10: error:" "$tmp/clean"

echo "1..$n"
[ "$fails" -eq 0 ]
