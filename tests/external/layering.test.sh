#!/usr/bin/env bash
# The build refuses an include that runs back up the pipeline: each stage's headers compile only
# where that stage's library is linked (PULSARC_LAYER_<STAGE>, CMakeLists.txt). Compiles a
# one-line file that includes lower/ with the check stage's definitions (must fail with our
# message) and with the lower stage's (must succeed, so the test can tell the two apart).
set -euo pipefail
src=${PULSARC_SOURCE_DIR:?}
cxx=${PULSARC_CXX:-c++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#include "lower/parts.hpp"\n' >"$work/up.cpp"

compile() {  # compile DEFINES... : syntax only, as the stage's sources are compiled
  "$cxx" -std=c++20 -fsyntax-only -I"$src/include" -I"$src/compiler" "$@" "$work/up.cpp"
}

check_stage=(-DPULSARC_LAYER_CHECK -DPULSARC_LAYER_PARSE -DPULSARC_LAYER_CHART -DPULSARC_LAYER_CRYPTO)
if compile "${check_stage[@]}" 2>"$work/err"; then
  echo "FAIL: check's definitions compiled an include of lower/" >&2
  exit 1
fi
grep -q "nothing runs back up the pipeline" "$work/err" || { cat "$work/err" >&2; echo "FAIL: wrong error" >&2; exit 1; }
compile "${check_stage[@]}" -DPULSARC_LAYER_LOWER || { echo "FAIL: lower's own definitions do not compile it" >&2; exit 1; }
echo "layering: check cannot include lower; lower can"
