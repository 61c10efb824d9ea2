#!/usr/bin/env bash
# Writes compiler/cli/link-order.txt, the functions that everyday commands run, for the linker to
# pack at the front of the executable's code (CMakeLists.txt, with lld). On a virtual machine the
# first touch of each 64 KiB of code costs a page fault of ~20 µs; spread over 6.6 MB, a seed
# `check` touched ~60 such windows, packed it needs far fewer (bench/README.md has the figures).
#
# The functions come from valgrind (callgrind, every instruction's address) running, in this
# order, `--version`, `check`, `build` over an up-to-date bundle, `build --check` and `build` into
# an empty directory, on samples/seed and samples/seed-4.7.0. Each function is listed once, in the
# group of the first command that needs it, so a short command touches only the front of the list;
# within a group, by name, so that the file changes only where the code does. A function that is
# renamed or gone is skipped by the linker, and then only sits where it would without the list.
#
# Usage: bench/link-order.sh [PULSARC]   (default: build-bench/pulsarc, built as bench/run.sh does)
# Needs valgrind, nm and python3. Run it again after large changes to what a build executes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
pulsarc=${1:-$root/build-bench/pulsarc}
if [[ $# -eq 0 ]]; then
  cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DPULSARC_BENCH=ON \
    -DCMAKE_CXX_FLAGS=-Wno-restrict >/dev/null
  cmake --build "$root/build-bench" --target pulsarc >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

profiles=()
run() {
  local name=$1
  shift
  valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$work/$name.callgrind" "$pulsarc" "$@" \
    >/dev/null 2>&1 || true  # `build --check` exits 3 when the bundle differs; any run shows its code
  profiles+=("$work/$name.callgrind")
}
for sample in seed seed-4.7.0; do
  config="$root/samples/$sample/pulsar.toml"
  "$pulsarc" build "$config" -o "$work/$sample-bundle" >/dev/null 2>&1
done
run version --version
for sample in seed seed-4.7.0; do run "check-$sample" check "$root/samples/$sample/pulsar.toml"; done
for sample in seed seed-4.7.0; do
  run "unchanged-$sample" build "$root/samples/$sample/pulsar.toml" -o "$work/$sample-bundle"
done
for sample in seed seed-4.7.0; do
  run "compare-$sample" build "$root/samples/$sample/pulsar.toml" -o "$work/$sample-bundle" --check
done
for sample in seed seed-4.7.0; do
  run "new-$sample" build "$root/samples/$sample/pulsar.toml" -o "$work/$sample-new"
done

nm -n --defined-only "$pulsarc" | awk '$2 ~ /^[tTwW]$/ { print $1, $3 }' >"$work/symbols"
python3 - "$work/symbols" "${profiles[@]}" >"$root/compiler/cli/link-order.txt" <<'PY'
import bisect, sys

starts, names = [], []
for line in open(sys.argv[1]):
    address, name = line.split(None, 1)
    starts.append(int(address, 16))
    names.append(name.strip())

print("# Written by bench/link-order.sh; do not edit by hand, run it again.")
listed = set()
for profile in sys.argv[2:]:
    group, address = set(), 0
    for line in open(profile):
        # Cost lines start with an instruction address: absolute (0x...), relative (+n, -n) or
        # the same as before (*); every other line is a name, a call or a header.
        token = line.split(None, 1)[0] if line.strip() else ""
        try:
            if token.startswith("0x"):
                address = int(token, 16)
            elif token[:1] in "+-" and token[1:]:
                address += int(token, 0)
            elif token != "*":
                continue
        except ValueError:
            continue
        at = bisect.bisect_right(starts, address) - 1
        if at >= 0:
            group.add(names[at])
    for name in sorted(group - listed):
        print(name)
    listed |= group
PY
echo "wrote compiler/cli/link-order.txt ($(grep -vc '^#' "$root/compiler/cli/link-order.txt") functions)" >&2
