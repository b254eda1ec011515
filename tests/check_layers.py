#!/usr/bin/env python3
"""check_layers.py - the rooms of engine/ call only downward.

Reads which object file calls which from the symbols the objects define and
use (nm), so calls made through a shared public header count too, and the
private headers each source includes.  Fails on
  - a call or an #include that climbs to a higher room,
  - a circle of calls between rooms,
  - a circle of more than three files inside a room,
  - a source file outside the known rooms.
usage: check_layers.py BUILD_OBJ_DIR ENGINE_DIR   (make check-layers)"""
import os, re, subprocess, sys

ROOMS = ["base", "ingest", "count", "model", "stats", "report", "cli"]
RANK = {r: i for i, r in enumerate(ROOMS)}
MAX_CIRCLE = 3

def symbols(obj):
    out = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            used.add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDBRCVWG":
            defined.add(parts[2])
    return defined, used

def sccs(nodes, edges):
    """Tarjan's strongly connected components, iteratively."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter[0]; counter[0] += 1
        stack.append(root); on.add(root)
        while work:
            v, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]; counter[0] += 1
                    stack.append(nxt); on.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                elif nxt in on:
                    low[v] = min(low[v], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop(); on.discard(w); comp.append(w)
                    if w == v:
                        break
                out.append(sorted(comp))
    return out

def main():
    objdir, engine = sys.argv[1], sys.argv[2]
    problems = []
    files = {}                    # "room/name" -> (defined, used)
    for room in sorted(os.listdir(objdir)):
        d = os.path.join(objdir, room)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith(".o"):
                files[room + "/" + f[:-2]] = symbols(os.path.join(d, f))
    for room in sorted(os.listdir(engine)):
        d = os.path.join(engine, room)
        if os.path.isdir(d) and room not in RANK:
            problems.append("engine/%s: not a known room (%s)" % (room, ", ".join(ROOMS)))
        elif not os.path.isdir(d):
            problems.append("engine/%s: a file outside the rooms" % room)
    if not files:
        problems.append("%s: no objects (build first)" % objdir)
    owner = {}
    for f, (defined, _) in files.items():
        for s in defined:
            owner.setdefault(s, f)
    edges, why = {}, {}
    for f, (_, used) in files.items():
        for s in sorted(used):
            g = owner.get(s)
            if g and g != f:
                edges.setdefault(f, set()).add(g)
                why.setdefault((f, g), []).append(s)
    room = lambda f: f.split("/")[0]
    for (f, g), syms in sorted(why.items()):
        if RANK.get(room(g), 99) > RANK.get(room(f), 99):
            problems.append("engine/%s.c calls up into engine/%s.c (%s)"
                            % (f, g, ", ".join(syms[:4])))
    # private headers included across rooms
    inc = re.compile(r'^\s*#\s*include\s+"([a-z]+)/([^"]+)"', re.M)
    for r in ROOMS:
        d = os.path.join(engine, r)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith((".c", ".h")):
                continue
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                for m in inc.finditer(fh.read()):
                    if RANK.get(m.group(1), 99) > RANK[r]:
                        problems.append("engine/%s/%s includes %s/%s from a higher room"
                                        % (r, f, m.group(1), m.group(2)))
    comps = [c for c in sccs(set(files), edges) if len(c) > 1]
    for c in comps:
        rooms = sorted({room(f) for f in c}, key=RANK.get)
        if len(rooms) > 1:
            problems.append("a circle between rooms %s: %s" % (" and ".join(rooms), " ".join(c)))
        elif len(c) > MAX_CIRCLE:
            problems.append("a circle of %d files in engine/%s: %s" % (len(c), rooms[0], " ".join(c)))
    n_edges = sum(len(v) for v in edges.values())
    for p in problems:
        print("check-layers: " + p)
    small = ["{%s}" % " ".join(c) for c in comps if len(c) <= MAX_CIRCLE]
    print("check-layers: %d files, %d calls between files, rooms %s; circles of 2-3 files: %s"
          % (len(files), n_edges, " > ".join(reversed(ROOMS)), ", ".join(small) or "none"))
    print("check-layers: %s" % ("ok" if not problems else "%d problems" % len(problems)))
    return 1 if problems else 0

sys.exit(main())
