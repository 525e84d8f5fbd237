#!/bin/sh
# config.sh HOOKLINT SOURCE_DIR - the configuration file and inline
# suppressions on the command line: discovery from nested directories up
# to the repository root, flags over the file, ignore globs and
# --force-exclude, the exit statuses (a bad configuration is 2, with its
# position), and the examples of docs/configuration.md.
set -u
hooklint=$1
src=$2
case $hooklint in /*) ;; *) hooklint=$(pwd)/$hooklint ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# A repository with a configuration at its root, manifests two levels
# down, vendored manifests, and a configuration above the repository that
# must never be read.
repo=$tmp/outer/repo
mkdir -p "$repo/.git" "$repo/deploy/prod" "$repo/vendor"
printf 'rules: {HL101: off}\n' >"$tmp/outer/.hooklint.yaml"
cat >"$repo/.hooklint.yaml" <<'EOF'
fail-on: error
rules:
  HL302: off
ignore: [vendor]
EOF
cat >"$repo/deploy/prod/job.yaml" <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations:
    "helm.sh/hook": pre-install
    "helm.sh/hook-weight": "+1"
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
EOF
cat >"$repo/vendor/bad.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    "helm.sh/hook": pre-instal
EOF
cp "$repo/vendor/bad.yaml" "$repo/deploy/prod/bad.yaml"

cd "$repo/deploy/prod" || exit 1
check "config found two levels up: HL101 error fails" 1 "$hooklint" bad.yaml
contains "the file above the repository is not read" "$tmp/out" "[HL101"
check "fail-on from the config: an info does not fail" 0 "$hooklint" job.yaml
contains "info still reported" "$tmp/out" "[HL111"
lacks "HL302 off in the config" "$tmp/out" "HL302"
check "--fail-on beats the config" 1 "$hooklint" --fail-on info job.yaml
check "--enable beats the config" 0 "$hooklint" --enable HL302 job.yaml
contains "HL302 back on" "$tmp/out" "[HL302"
check "--config replaces discovery" 1 "$hooklint" --config "$tmp/outer/.hooklint.yaml" --fail-on info job.yaml
contains "HL302 on again with another config" "$tmp/out" "[HL302"

cd "$repo" || exit 1
check "walking skips ignored directories" 1 "$hooklint" .
contains "deploy/ is linted" "$tmp/out" "deploy/prod/bad.yaml"
lacks "vendor/ is not" "$tmp/out" "vendor/bad.yaml"
check "a named file is linted even when ignored" 1 "$hooklint" vendor/bad.yaml
contains "vendor file reported" "$tmp/out" "vendor/bad.yaml:6:21"
check "--force-exclude skips it" 0 "$hooklint" --force-exclude vendor/bad.yaml
check "--force-exclude skips a named directory" 0 "$hooklint" --force-exclude vendor
check "--force-exclude with --stdin-filename" 0 sh -c \
	"\"$hooklint\" --force-exclude --stdin-filename vendor/x.yaml - <vendor/bad.yaml"
check "stdin named outside the globs is linted" 1 sh -c \
	"\"$hooklint\" --force-exclude --stdin-filename deploy/x.yaml - <vendor/bad.yaml"
# plan takes --force-exclude too, and so plan --help lists it
check "plan: a named file is planned even when ignored" 0 \
	"$hooklint" plan vendor/bad.yaml deploy/prod/job.yaml
contains "its release is planned" "$tmp/out" "release vendor/bad.yaml"
check "plan --force-exclude skips it" 0 \
	"$hooklint" plan --force-exclude vendor/bad.yaml deploy/prod/job.yaml
lacks "no release for it" "$tmp/out" "vendor/bad.yaml"
contains "the other file is planned" "$tmp/out" "release deploy/prod/job.yaml"

# Bad configurations: exit 2 with file:line:col, no report, no -o file.
printf 'fail-on: error\nrules:\n  HL302: of\n' >"$repo/.hooklint.yaml"
check "bad value: exit 2" 2 "$hooklint" -o report.json --format json deploy
contains "position of the bad value" "$tmp/err" ".hooklint.yaml:3:10: error: HL302: unknown setting 'of'"
n=$((n + 1))
if [ -e report.json ]; then
	echo "not ok $n - no report written on a configuration error"
	fails=$((fails + 1))
else
	echo "ok $n - no report written on a configuration error"
fi
cd deploy/prod || exit 1
check "discovered bad config from below" 2 "$hooklint" job.yaml
contains "path relative to the current directory" "$tmp/err" "../../.hooklint.yaml:3:10:"
printf 'target: argocd\ntarget: flux\n' >"$repo/.hooklint.yaml"
check "duplicate key: exit 2" 2 "$hooklint" job.yaml
contains "duplicate key position" "$tmp/err" "../../.hooklint.yaml:2:1: error:"
printf 'rules: [\n' >"$repo/.hooklint.yaml"
check "YAML error: exit 2" 2 "$hooklint" job.yaml
check "--version reads no configuration" 0 "$hooklint" --version
check "--list-rules reads no configuration" 0 "$hooklint" --list-rules
check "a missing --config is a usage error" 2 "$hooklint" --config nowhere.yaml job.yaml
contains "missing --config named" "$tmp/err" "cannot read configuration 'nowhere.yaml'"
check "bad config beats unreadable input" 2 "$hooklint" missing.yaml
rm "$repo/.hooklint.yaml"

# Targets from the configuration, and a suppression of a target's rule.
cat >"$repo/.hooklint.yaml" <<'EOF'
target: argocd
EOF
cat >"$repo/deploy/test.yaml" <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: smoke
  annotations:
    "helm.sh/hook": test  # hooklint disable=HL510
    "helm.sh/hook-delete-policy": before-hook-creation,hook-succeeded
spec:
  restartPolicy: Never
EOF
cd "$repo" || exit 1
check "target argocd from the config" 1 "$hooklint" deploy/test.yaml
contains "HL701 under argocd" "$tmp/out" "[HL701"
contains "an unused ID is HL902" "$tmp/out" "deploy/test.yaml:6:46: warning: unused suppression: no HL510 finding on line 6"
check "--target helm beats it: no HL701" 1 "$hooklint" --target helm deploy/test.yaml
lacks "no HL701 under helm" "$tmp/out" "HL701"
sed -i 's/HL510/HL701/' "$repo/deploy/test.yaml"
check "the suppression silences HL701" 0 "$hooklint" deploy/test.yaml
check "under helm, HL701 did not run: not unused" 0 "$hooklint" --target helm deploy/test.yaml
check "--disable HL902" 0 "$hooklint" --disable HL902 --target argocd deploy/test.yaml

# A rule that is off by default (HL903) counts for the exit status only
# when the configuration gives it a severity.
mkdir -p "$tmp/off/.git" "$tmp/off/chart/templates"
printf 'apiVersion: v2\nname: shop\nversion: 1.0.0\n' >"$tmp/off/chart/Chart.yaml"
cat >"$tmp/off/chart/templates/cm.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop
  annotations:
    "helm.sh/hook": {{ .Values.hookEvents }}
EOF
cd "$tmp/off" || exit 1
check "off by default: nothing" 0 "$hooklint" --fail-on info chart
check "--enable HL903 informs" 0 "$hooklint" --fail-on info --enable HL903 chart
contains "HL903 reported" "$tmp/out" "[HL903"
printf 'rules: {HL903: on}\n' >.hooklint.yaml
check "on in the config informs" 0 "$hooklint" --fail-on info chart
contains "HL903 reported with on" "$tmp/out" "info:"
printf 'rules: {HL903: warning}\n' >.hooklint.yaml
check "a severity in the config counts" 1 "$hooklint" chart
contains "at that severity" "$tmp/out" "warning:"
check "--enable over the config informs again" 0 "$hooklint" --enable HL903 chart

# The examples of docs/configuration.md: the commented configuration is
# valid, and every suppression of the inline example is used.
doc_block() {
	# doc_block HEADING-REGEX N: the N-th fenced block after the heading
	awk -v re="$1" -v want="$2" '
		$0 ~ re { on = 1; next }
		on && /^ *```/ { if (inside) { inside = 0; if (++k == want) exit; next }
				 inside = 1; next }
		on && inside && k + 1 == want { print }
	' "$src/docs/configuration.md"
}
mkdir -p "$tmp/docs/empty"
doc_block '^A commented example' 1 >"$tmp/docs/example.yaml"
check "the documented configuration is valid" 0 "$hooklint" --config "$tmp/docs/example.yaml" "$tmp/docs/empty"
contains "and it is the commented one" "$tmp/docs/example.yaml" "target: argocd"
doc_block '^## Inline suppression' 1 >"$tmp/docs/inline.yaml"
check "the inline example" 1 "$hooklint" "$tmp/docs/inline.yaml"
lacks "uses every suppression" "$tmp/out" "HL902"
lacks "silences HL302" "$tmp/out" "HL302"
lacks "silences HL509" "$tmp/out" "HL509"
lacks "silences HL111" "$tmp/out" "HL111"
mkdir -p "$tmp/docs/chart/templates"
printf 'apiVersion: v2\nname: shop\nversion: 1.0.0\n' >"$tmp/docs/chart/Chart.yaml"
{
	printf 'apiVersion: v1\nkind: ConfigMap\n'
	doc_block '^## Inline suppression' 2 | sed 's/^  //'
} >"$tmp/docs/chart/templates/settings.yaml"
check "the template example" 0 "$hooklint" "$tmp/docs/chart"
contains "template example read" "$tmp/docs/chart/templates/settings.yaml" "hooklint disable=HL130"

if [ "$fails" -eq 0 ]; then
	echo "1..$n"
	exit 0
fi
echo "1..$n"
exit 1
