#!/bin/sh
# cli.sh HOOKLINT - the command line: exit statuses, options, -o, stdin,
# colour, and inputs that cannot be read.
set -u
hooklint=$1
case $hooklint in /*) ;; *) hooklint=$(pwd)/$hooklint ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
cd "$tmp" || exit 1

cat >clean.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  annotations:
    helm.sh/hook: pre-install
data: {}
EOF
cat >bad.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  annotations:
    helm.sh/hook: pre-instal
EOF
cat >info.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  annotations:
    helm.sh/hook: pre-install
    helm.sh/hook-delete-timeout: "30"
EOF

check "clean input exits 0" 0 "$hooklint" clean.yaml
check "findings exit 1" 1 "$hooklint" bad.yaml
contains "text names rule and position" out "bad.yaml:6:19: error: unknown hook event 'pre-instal'"
contains "summary line on stderr" err "1 error, 0 warnings, 0 infos in 1 file"
check "--quiet drops the summary" 1 "$hooklint" --quiet bad.yaml
lacks "no summary with --quiet" err "in 1 file"
check "--exit-zero" 0 "$hooklint" --exit-zero bad.yaml
check "--fail-on never" 0 "$hooklint" --fail-on never bad.yaml
check "info below the default fail level" 0 "$hooklint" info.yaml
check "--fail-on info" 1 "$hooklint" --fail-on info info.yaml
check "--disable a rule by ID" 0 "$hooklint" --disable HL101 bad.yaml
check "--disable a rule by name" 0 "$hooklint" --disable unknown-hook-event bad.yaml
check "unknown rule is a usage error" 2 "$hooklint" --disable HL999 bad.yaml
contains "usage error says why" err "unknown rule 'HL999'"
check "unknown option is a usage error" 2 "$hooklint" --frobnicate
check "bad --format value" 2 "$hooklint" --format xml bad.yaml
check "missing file exits 3" 3 "$hooklint" missing.yaml
contains "missing file named on stderr" err "cannot read 'missing.yaml'"
check "missing file: others still linted, 3 wins over 1" 3 "$hooklint" missing.yaml bad.yaml
contains "the other file's finding is reported" out "bad.yaml:6:19"
check "usage error wins over unreadable input" 2 "$hooklint" --format nope missing.yaml
check "stdin" 1 sh -c "\"$hooklint\" - < bad.yaml"
contains "stdin is named -" out "-:6:19: error"
check "--stdin-filename" 1 sh -c "\"$hooklint\" --stdin-filename charts/x.yaml - < bad.yaml"
contains "stdin takes the given name" out "charts/x.yaml:6:19"
check "-o writes the report" 1 "$hooklint" --format json -o report.json bad.yaml
cp out o-stdout	# check below overwrites out before its command runs
contains "-o file holds the json" report.json '"rule": "HL101"'
check "-o leaves stdout empty" 0 test ! -s o-stdout
check "--version" 0 "$hooklint" --version
contains "--version prints the name" out "hooklint "
check "--help" 0 "$hooklint" --help
contains "--help lists --fail-on" out "--fail-on"
check "--list-rules" 0 "$hooklint" --list-rules
contains "--list-rules lists HL101" out "HL101"
check "--explain" 0 "$hooklint" --explain HL110
contains "--explain shows the rule" out "invalid-hook-weight"
check "--color always colours" 1 "$hooklint" --color always bad.yaml
esc=$(printf '\033[')
contains "colour escapes present" out "$esc"

# a 100 MB scalar: no copy of it is made, nothing breaks
{
	printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n'
	printf '  annotations:\n    example.com/blob: "'
	head -c 100000000 /dev/zero | tr '\0' x
	printf '"\ndata:\n  blob: |\n    '
	head -c 100000000 /dev/zero | tr '\0' y
	printf '\n'
} >big.yaml
check "100 MB scalars" 1 "$hooklint" --format gcc big.yaml
contains "the oversized annotations are reported" out "big.yaml:5:3: error:"
rm -f big.yaml

echo "1..$n"
[ "$fails" -eq 0 ]
