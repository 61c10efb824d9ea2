#!/usr/bin/env bash
# Every C++ source is in .clang-format's style (clang-format 14, as Debian 12 ships it). Format
# with `clang-format -i FILE` on .cpp/.hpp files only.
set -euo pipefail
src=${PULSARC_SOURCE_DIR:?}
fmt=$(command -v clang-format-14 || command -v clang-format)
cd "$src"
# The check must be able to fail: a misformatted line is reported.
printf 'int  f( ){return 1;}\n' >"${TMPDIR:-/tmp}/pulsarc-format-probe.cpp"
if "$fmt" --style=file:"$src/.clang-format" --dry-run --Werror "${TMPDIR:-/tmp}/pulsarc-format-probe.cpp" 2>/dev/null; then
  echo "FAIL: clang-format accepted a misformatted probe" >&2
  exit 1
fi
rm -f "${TMPDIR:-/tmp}/pulsarc-format-probe.cpp"
mapfile -t files < <(find compiler include tests bench -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
"$fmt" --dry-run --Werror "${files[@]}"
echo "format: ${#files[@]} files in .clang-format's style"
