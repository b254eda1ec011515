#!/bin/sh
# The layer check (tests/check_layers.py) on made-up rooms: it must catch a
# call that climbs, a circle between rooms and a circle of four files in a
# room, and pass a tree that only calls down; then the real tree passes.
# usage: sh tests/cli_layers.sh [build/kysely]   (the binary is not used)
tmp=$(mktemp -d /tmp/kysely-layers.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 failed=0
check() { desc=$1; shift; if "$@"; then pass=$((pass + 1)); else failed=$((failed + 1)); echo "FAIL: $desc"; fi; }
# unit ROOM NAME DEFINES CALLS...: engine/ROOM/NAME.c defining DEFINES() and calling CALLS()
unit() {
	room=$1 name=$2 def=$3; shift 3
	mkdir -p "$tmp/$t/engine/$room" "$tmp/$t/obj/$room"
	{ for c in "$@"; do echo "void $c(void);"; done
	  echo "void $def(void) {"; for c in "$@"; do echo "	$c();"; done; echo "}"; } >"$tmp/$t/engine/$room/$name.c"
	cc -c "$tmp/$t/engine/$room/$name.c" -o "$tmp/$t/obj/$room/$name.o"
}
run() { python3 tests/check_layers.py "$tmp/$t/obj" "$tmp/$t/engine" >"$tmp/$t.out" 2>&1; }

t=down; unit base a fa; unit count b fb fa; unit report c fc fb fa
check "calls down only: passes" run
t=up; unit base a fa fc; unit report c fc
check "a call up: fails" sh -c "! python3 tests/check_layers.py $tmp/up/obj $tmp/up/engine >$tmp/up.out"
check "a call up: named" grep -q 'engine/base/a.c calls up into engine/report/c.c (fc)' "$tmp/up.out"
t=four; unit model a fa fb; unit model b fb fc; unit model c fc fd; unit model d fd fa
check "a circle of four files: fails" sh -c "! python3 tests/check_layers.py $tmp/four/obj $tmp/four/engine >$tmp/four.out"
check "a circle of four files: named" grep -q 'a circle of 4 files in engine/model' "$tmp/four.out"
t=three; unit model a fa fb; unit model b fb fc; unit model c fc fa
check "a circle of three files: allowed" run
check "a circle of three files: listed" grep -q '{model/a model/b model/c}' "$tmp/three.out"
t=room; unit base a fa; unit misc b fb
check "a folder that is no room: fails" sh -c "! python3 tests/check_layers.py $tmp/room/obj $tmp/room/engine >$tmp/room.out"
t=inc; unit base a fa; echo '#include "report/x_int.h"' >>"$tmp/inc/engine/base/a.c"
check "a private header included from below: fails" sh -c "! python3 tests/check_layers.py $tmp/inc/obj $tmp/inc/engine >$tmp/inc.out"
check "the real tree passes" sh -c "python3 tests/check_layers.py build/obj engine >/dev/null"
echo "layers: $pass passed, $failed failed"
test "$failed" -eq 0
