#!/bin/sh
# precommit.sh HOOKLINT SOURCE_DIR - the real pre-commit (Debian's
# package) runs this repository's .pre-commit-hooks.yaml in a scratch
# repository, with the built hooklint first on PATH: it must fail on a
# broken manifest and print the finding, pass once it is fixed, pass on a
# commit that touches no YAML, lint a chart through a changed template,
# and leave out what the ignore globs of .hooklint.yaml name.
#
# The hook source is this repository (`pre-commit try-repo` takes its
# uncommitted changes too). While .pre-commit-hooks.yaml is not yet
# tracked by git, try-repo cannot see it: a scratch hook repository with
# a copy of it stands in.
set -u
hooklint=$1
src=$2
case $hooklint in /*) ;; *) hooklint=$(pwd)/$hooklint ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac

if ! command -v pre-commit >/dev/null 2>&1 || ! command -v git >/dev/null 2>&1; then
	echo "1..0 # SKIP pre-commit or git is not installed (scripts/setup.sh)"
	exit 0
fi

tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
fails=0
n=0

# No user configuration, no cache outside $tmp, a fixed identity.
export HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/cache" XDG_CACHE_HOME="$tmp/cache"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
mkdir -p "$HOME"
bindir=$tmp/bin
mkdir -p "$bindir"
ln -s "$hooklint" "$bindir/hooklint"
PATH=$bindir:$PATH
export PATH

hooks=$src
if ! git -C "$src" ls-files --error-unmatch .pre-commit-hooks.yaml >/dev/null 2>&1; then
	hooks=$tmp/hooks
	mkdir -p "$hooks"
	cp "$src/.pre-commit-hooks.yaml" "$hooks/"
	git -C "$hooks" init -q
	git -C "$hooks" add .pre-commit-hooks.yaml
	git -C "$hooks" commit -q -m hooks
fi

run() {
	# run NAME EXPECTED_STATUS ARGS... (pre-commit try-repo in $work)
	name=$1 want=$2
	shift 2
	n=$((n + 1))
	(cd "$work" && pre-commit try-repo "$hooks" hooklint "$@") \
		>"$tmp/out" 2>&1 </dev/null
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "not ok $n - $name: exit $got, want $want"
		sed 's/^/#   /' "$tmp/out"
		fails=$((fails + 1))
	else
		echo "ok $n - $name"
	fi
}

contains() {
	n=$((n + 1))
	if grep -qF -- "$2" "$tmp/out"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1: '$2' not in the output"
		sed 's/^/#   /' "$tmp/out"
		fails=$((fails + 1))
	fi
}

work=$tmp/work
mkdir -p "$work/deploy" "$work/docs"
git -C "$work" init -q
cat >"$work/deploy/migrate.yaml" <<'EOF'
---
# Source: shop/templates/db-migrate-job.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: shop-db-migrate
  annotations:
    "helm.sh/hook": pre-instal,pre-upgrade
    "helm.sh/hook-delete-policy": before-hook-creation,hook-succeeded
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: registry.example.com/shop/api:1.4.2
EOF
echo "# deploy" >"$work/docs/README.md"
git -C "$work" add -A

run "a broken manifest fails the hook" 1 --all-files
contains "the finding is printed" \
	"deploy/migrate.yaml:8:21: error: unknown hook event 'pre-instal'"
contains "pre-commit names the hook" "hooklint"
contains "and says it failed" "Failed"

sed -i 's/pre-instal,/pre-install,/' "$work/deploy/migrate.yaml"
git -C "$work" add -A
run "the fixed manifest passes" 0 --all-files
contains "pre-commit says it passed" "Passed"
git -C "$work" commit -q -m deploy

echo "more" >>"$work/docs/README.md"
git -C "$work" add -A
run "a change without YAML runs nothing" 0
contains "no files to check" "(no files to check)"
git -C "$work" commit -q -m docs

# A chart: the changed template is linted with its whole chart.
mkdir -p "$work/charts/shop/templates"
cat >"$work/charts/shop/Chart.yaml" <<'EOF'
apiVersion: v2
name: shop
version: 1.0.0
EOF
cat >"$work/charts/shop/templates/_helpers.tpl" <<'EOF'
{{- define "shop.name" -}}{{ .Release.Name }}-shop{{- end }}
EOF
cat >"$work/charts/shop/templates/db-migrate-job.yaml" <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "shop.name" . }}-db-migrate
  annotations:
    "helm.sh/hook": pre-install,pre-upgrade
    "helm.sh/hook-weight": "{{ .Values.weight }}"
    "helm.sh/hook-delete-policy": hook-succeeded,before-hook-creation
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Always
      containers:
        - name: migrate
          image: "{{ .Values.image }}"
EOF
git -C "$work" add -A
run "a broken chart template fails" 1
contains "its finding is printed" \
	"charts/shop/templates/db-migrate-job.yaml:13:22: error:"
sed -i 's/restartPolicy: Always/restartPolicy: Never/' \
	"$work/charts/shop/templates/db-migrate-job.yaml"
git -C "$work" add -A
run "the fixed chart passes" 0

git -C "$work" commit -q -m chart

# The ignore globs of .hooklint.yaml apply to the files pre-commit names.
mkdir -p "$work/vendor"
sed 's/pre-install,/pre-instal,/' "$work/deploy/migrate.yaml" >"$work/vendor/upstream.yaml"
git -C "$work" add -A
run "a broken vendored manifest fails without a config" 1
contains "vendored finding" "vendor/upstream.yaml:8:21: error:"
printf 'ignore: [vendor/]\n' >"$work/.hooklint.yaml"
git -C "$work" add -A
run "ignored through .hooklint.yaml" 0 --all-files

echo "1..$n"
[ "$fails" -eq 0 ]
