#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check-layout.py SRC_DIR LIBRARY - the layering promises of src/.

1. No circle between units (a unit is src/X.c with its header src/X.h),
   by #include or by call: a symbol one object file uses and another
   defines, function tables included, counts as a call.
2. Every function a unit exports is declared in its own header, or in
   the one family interface of its family (src/rules/families.h for the
   rule families).
Prints TAP; exits 1 when a promise is broken.
"""
import os
import re
import subprocess
import sys

# headers that declare the entry points of a family of units
FAMILY = {"rules/families.h": re.compile(r"^rules/(?!ordering$)")}

src, lib = sys.argv[1], sys.argv[2]


def unit_of(path):
    return os.path.splitext(path)[0]


def sources():
    for root, _, files in os.walk(src):
        for f in files:
            if f.endswith((".c", ".h")):
                yield os.path.relpath(os.path.join(root, f), src)


include_re = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
edges = {}
files = sorted(sources())
for f in files:
    u = unit_of(f)
    text = open(os.path.join(src, f), encoding="utf-8").read()
    for h in include_re.findall(text):
        if os.path.exists(os.path.join(src, h)) and unit_of(h) != u:
            edges.setdefault(u, {}).setdefault(unit_of(h), set()).add(
                "includes " + h)

# object files to units: meson names them like rules_ordering.c.o
obj_unit = {}
for f in files:
    if f.endswith(".c"):
        obj_unit[f.replace("/", "_") + ".o"] = unit_of(f)
nm = subprocess.run(["nm", "-A", lib], capture_output=True, text=True,
                    check=True).stdout
defined, used = {}, []
for line in nm.splitlines():
    m = re.match(r"^[^:]*:([^:]+): *(?:[0-9a-f]+)? ([A-Za-z]) (\S+)$", line)
    if not m:
        continue
    obj, kind, sym = m.groups()
    obj = os.path.basename(obj)
    u = obj_unit.get(obj)
    if u is None:
        # generated from rules/*.yaml: the registry's tables, the pass's
        if "rule_meta" in obj:
            u = "registry"
        elif "pass_families" in obj:
            u = "pass"
        else:
            continue
    if kind == "U":
        used.append((u, sym))
    elif kind in "TDRB":
        defined[sym] = (u, kind)
for u, sym in used:
    if sym in defined and defined[sym][0] != u:
        edges.setdefault(u, {}).setdefault(defined[sym][0], set()).add(
            "uses " + sym)

n = 0
fails = 0


def tap(ok, what, detail=""):
    global n, fails
    n += 1
    print(("ok" if ok else "not ok") + " %d - %s" % (n, what))
    if not ok:
        fails += 1
        for d in detail.splitlines():
            print("# " + d)


# strongly connected components (Tarjan)
index, low, stack, on, sccs = {}, {}, [], set(), []
sys.setrecursionlimit(10000)


def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v)
    on.add(v)
    for w in edges.get(v, {}):
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(sorted(comp))


for v in sorted(set(edges) | {w for e in edges.values() for w in e}):
    if v not in index:
        visit(v)
detail = ""
for comp in sccs:
    detail += "circle: " + " ".join(comp) + "\n"
    for a in comp:
        for b in comp:
            if b in edges.get(a, {}):
                why = sorted(edges[a][b])
                detail += "  %s -> %s (%s)\n" % (a, b, ", ".join(why[:3]))
tap(not sccs, "no circle between units", detail)

# where each exported function is declared
decl_re = re.compile(r"\b(hl_\w+|x\w+)\s*\(")
declared = {}
for f in files:
    if f.endswith(".h"):
        text = open(os.path.join(src, f), encoding="utf-8").read()
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for sym in decl_re.findall(text):
            declared.setdefault(sym, set()).add(f)
detail = ""
for sym, (u, kind) in sorted(defined.items()):
    if kind != "T":
        continue
    homes = declared.get(sym, set())
    own = u + ".h"
    if own in homes:
        continue
    if any(h in FAMILY and FAMILY[h].match(u) for h in homes):
        continue
    detail += "%s (in %s.c) is declared in %s\n" % (
        sym, u, ", ".join(sorted(homes)) or "no header")
tap(not detail, "every exported function is declared in its unit's header",
    detail)
print("1..%d" % n)
sys.exit(1 if fails else 0)
