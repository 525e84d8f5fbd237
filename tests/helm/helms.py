"""helms.py - which real Helm binaries the `helm` suite runs against.

HELM3 and HELM4 in the environment name them; unset, the copies
scripts/fetch-helm.sh keeps in .cache/helm are used. Each must report the
exact version the suite was written against. With neither available the
suite is skipped, unless HOOKLINT_REQUIRE_HELM is set (CI sets it): then
that is a failure, so a broken download cannot pass unnoticed.
"""
import os
import subprocess
import sys

VERSIONS = (("3", "HELM3", "v3.17.3"), ("4", "HELM4", "v4.1.4"))


def available(root):
    """[(major, path, version)] of the usable binaries; exits on a wrong one."""
    found = []
    for major, var, version in VERSIONS:
        path = os.environ.get(var) or os.path.join(
            root, ".cache", "helm", version, "helm")
        if not os.access(path, os.X_OK):
            continue
        out = subprocess.run([path, "version", "--template", "{{.Version}}"],
                             capture_output=True, text=True).stdout.strip()
        if out != version:
            sys.stderr.write("%s is Helm %r, not %s\n" % (path, out, version))
            sys.exit(2)
        found.append((major, path, version))
    return found


def skip(reason):
    """Print a TAP plan that skips everything; the exit status to use."""
    if os.environ.get("HOOKLINT_REQUIRE_HELM"):
        print("1..1\nnot ok 1 - %s (HOOKLINT_REQUIRE_HELM is set)" % reason)
        return 1
    print("1..0 # SKIP %s" % reason)
    # meson's TAP protocol takes any non-zero status as an error
    return int(os.environ.get("HELM_SKIP_STATUS", "77"))
