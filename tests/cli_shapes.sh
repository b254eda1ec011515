#!/bin/sh
# Export shapes as analysts have them (tests/shapes/, format in
# tests/shapes_check.py): kysely reads each without a definition and gives
# the numbers computed independently beside it.
# usage: sh tests/cli_shapes.sh build/kysely
exec python3 "$(dirname "$0")/shapes_check.py" "${1:-build/kysely}" "$(dirname "$0")/shapes"
