#!/usr/bin/env python3
"""shapes_check.py - runs kysely on every export shape in tests/shapes/ and
checks the numbers written beside it (NAME.expect), which were computed
independently of kysely (each .expect names its command).

NAME.csv / NAME.xlsx / NAME.ini   the export (or a definition)
NAME.args                          extra options, one line (optional)
NAME.expect                        one check per line, tab-separated:
  FILE  ROW_REGEX  COLUMN  VALUE   in output FILE exactly one row whose raw
                                   text matches ROW_REGEX (extended regex);
                                   its field COLUMN equals VALUE (numbers to
                                   1e-9 relative, else exact; '-' = empty)
  exit  N                          the exit status (default 0)
  stderr  REGEX                    kysely's standard error matches REGEX
  nofile  FILE                     FILE is not among the outputs
  grep  FILE  REGEX                FILE's text matches REGEX
  nogrep  FILE  REGEX              FILE's text does not match REGEX
  '#' starts a comment line.
usage: shapes_check.py KYSELY [SHAPES_DIR]"""
import csv, io, math, os, re, shlex, subprocess, sys, tempfile

def close(a, b):
    try:
        x, y = float(a), float(b)
    except ValueError:
        return a == b
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y))

def rows_of(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    # raw text of each record, for ROW_REGEX: records are re-joined by csv
    recs = list(csv.reader(io.StringIO(text)))
    return recs

def check_shape(k, d, name, export, out):
    fails = []
    checks = []
    with open(os.path.join(d, name + ".expect"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            checks.append((n, line.split("\t")))
    args = []
    ap = os.path.join(d, name + ".args")
    if os.path.exists(ap):
        with open(ap, encoding="utf-8") as f:
            args = shlex.split(f.read().strip())
    want_exit = 0
    for _, c in checks:
        if c[0] == "exit":
            want_exit = int(c[1])
    p = subprocess.run([k, "analyze", export, *args, "--no-charts", "-q", "-o", out],
                       capture_output=True, text=True)
    if p.returncode != want_exit:
        return ["%s: exit %d, want %d: %s" % (name, p.returncode, want_exit, p.stderr.strip())], len(checks)
    for n, c in checks:
        where = "%s.expect:%d" % (name, n)
        kind = c[0]
        if kind == "exit":
            continue
        if kind == "stderr":
            if not re.search(c[1], p.stderr):
                fails.append("%s: stderr %r does not match %r" % (where, p.stderr.strip(), c[1]))
            continue
        if kind == "nofile":
            if os.path.exists(os.path.join(out, c[1])):
                fails.append("%s: %s exists" % (where, c[1]))
            continue
        if kind in ("grep", "nogrep"):
            try:
                with open(os.path.join(out, c[1]), encoding="utf-8") as f:
                    t = f.read()
            except OSError as e:
                fails.append("%s: %s" % (where, e)); continue
            found = re.search(c[2], t) is not None
            if found != (kind == "grep"):
                fails.append("%s: %s %s %r" % (where, c[1], "lacks" if kind == "grep" else "has", c[2]))
            continue
        if len(c) != 4:
            fails.append("%s: want FILE, ROW_REGEX, COLUMN, VALUE" % where); continue
        fname, rx, col, want = c
        try:
            recs = rows_of(os.path.join(out, fname))
        except OSError as e:
            fails.append("%s: %s" % (where, e)); continue
        head, body = recs[0], recs[1:]
        if col not in head:
            fails.append("%s: no column %r in %s" % (where, col, fname)); continue
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="")
        hits = []
        for r in body:
            buf.seek(0); buf.truncate(); w.writerow(r)
            if re.search(rx, buf.getvalue()):
                hits.append(r)
        if len(hits) != 1:
            fails.append("%s: %d rows of %s match %r" % (where, len(hits), fname, rx)); continue
        got = hits[0][head.index(col)] if head.index(col) < len(hits[0]) else ""
        if want == "-":
            want = ""
        if not close(got, want):
            fails.append("%s: %s %s = %r, want %r" % (where, fname, col, got, want))
    return fails, len(checks)

def main():
    k = sys.argv[1]
    d = sys.argv[2] if len(sys.argv) > 2 else "tests/shapes"
    names = sorted({f[:-7] for f in os.listdir(d) if f.endswith(".expect")})
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="kysely-shapes.") as tmp:
        for name in names:
            export = None
            for ext in (".csv", ".xlsx", ".ini", ".sav", ".txt", ".tsv"):
                if os.path.exists(os.path.join(d, name + ext)):
                    export = os.path.join(d, name + ext); break
            if export is None:
                print("FAIL: %s: no export beside %s.expect" % (name, name)); failed += 1; continue
            fails, n = check_shape(k, d, name, export, os.path.join(tmp, name))
            for f in fails:
                print("FAIL:", f)
            failed += len(fails) if fails else 0
            passed += max(n - len(fails), 0) if fails else n
    print("shapes: %d exports" % len(names))
    print("shapes: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0

sys.exit(main())
