#!/bin/sh
# setup.sh - install what building and testing hooklint needs, if missing.
# With --helm, then the real Helm binaries the `helm` test suite runs
# against (fetch-helm.sh); the product itself never needs Helm.
# Debian 12; as root, or through `sudo -n`. Idempotent: does nothing when
# everything is there.
set -eu
helm=false
[ "${1:-}" = --helm ] && helm=true
then_helm() {
	if $helm; then exec sh "$(dirname "$0")/fetch-helm.sh"; fi
	exit 0
}

packages="meson ninja-build pkg-config gcc libc6-dev libfyaml-dev libpcre2-dev check git pre-commit scdoc jq"
missing=
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
# the SARIF validation test runs a package from the npm registry
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
# the fake API server and the differential tests against real Helm
command -v python3 >/dev/null 2>&1 || missing="$missing python3"

[ -z "$missing" ] && then_helm

if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo -n"
else
	echo "setup: missing packages:$missing (run as root or allow sudo)" >&2
	exit 1
fi
echo "setup: installing$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
then_helm
