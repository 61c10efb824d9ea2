#!/usr/bin/env bash
# Regenerates every golden file from the current pulsarc:
#   golden/<sample>/        the exact bundle of `pulsarc build samples/<sample>/pulsar.toml`,
#                           secrets/ and .pulsarc-index included (a .gitignore kept as .gitignore.golden)
#   golden/<sample>.modes   "MODE PATH" per file of that bundle (git keeps only the x bit)
#   golden/<sample>.placement.json  `pulsarc placement --format json` of that sample
#   tests/bad/<case>.expected  "# exit N" then the exact stderr of `pulsarc check <case>.toml`
#   tests/review/cases/<case>/expected.{human,json,md}  `pulsarc diff new.toml --base <base.toml built>`
#
# Usage: tests/update-goldens.sh [PULSARC]   (default: $PULSARC, else build/pulsarc)
# Then review the changes with `git diff golden tests/bad tests/review` and commit them (see golden/README.md).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pulsarc=${1:-${PULSARC:-$root/build/pulsarc}}
[[ -x $pulsarc ]] || { echo "update-goldens: no pulsarc binary at $pulsarc (build first, or pass its path)" >&2; exit 2; }
pulsarc=$(cd "$(dirname "$pulsarc")" && pwd)/$(basename "$pulsarc")

# The goldens must not depend on who runs this: fixed locale, time zone and umask.
export LC_ALL=C TZ=UTC NO_COLOR=1
umask 022

work=$(mktemp -d "${TMPDIR:-/tmp}/pulsarc-goldens.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- golden bundles -------------------------------------------------------------------------------
mkdir -p "$root/golden"
for config in "$root"/samples/*/pulsar.toml; do
  name=$(basename "$(dirname "$config")")
  "$pulsarc" build "$config" -o "$work/$name" 2>"$work/$name.log" || {
    cat "$work/$name.log" >&2
    echo "update-goldens: samples/$name does not build" >&2
    exit 1
  }
  (cd "$work/$name" && find . -type f -printf '%m %P\n' | sort -k2) >"$root/golden/$name.modes"
  # A bundle's own .gitignore (secrets/ has one with "*") would hide the golden files from git:
  # golden/ keeps it as .gitignore.golden; golden.test.sh renames the same way before comparing.
  find "$work/$name" -type f -name .gitignore -exec mv {} {}.golden \;
  rm -rf "$root/golden/$name"
  cp -R "$work/$name" "$root/golden/$name"
  chmod -R u+rwX,go+rX "$root/golden/$name"  # readable copies; the real modes are in the .modes file
  "$pulsarc" placement --format json "$config" >"$root/golden/$name.placement.json"
  echo "golden/$name: $(wc -l <"$root/golden/$name.modes") files"
done
# Goldens of samples that no longer exist would never be checked: remove them.
for dir in "$root"/golden/*/; do
  name=$(basename "$dir")
  [[ -f $root/samples/$name/pulsar.toml ]] || { rm -rf "$root/golden/$name" "$root/golden/$name.modes" "$root/golden/$name.placement.json"; echo "removed golden/$name"; }
done

# --- expected diagnostics of the bad inputs -------------------------------------------------------
cd "$root/tests/bad"
count=0
for input in *.toml; do
  case_name=${input%.toml}
  status=0
  "$pulsarc" check "$input" >"$work/stdout" 2>"$work/stderr" || status=$?
  if [[ -s $work/stdout ]]; then
    echo "update-goldens: pulsarc check $input wrote to stdout:" >&2
    cat "$work/stdout" >&2
    exit 1
  fi
  { echo "# exit $status"; cat "$work/stderr"; } >"$case_name.expected"
  count=$((count + 1))
done
for expected in *.expected; do
  [[ -f ${expected%.expected}.toml ]] || { rm -f "$expected"; echo "removed tests/bad/$expected"; }
done
echo "tests/bad: $count expected outputs"

# --- expected risk reports of the review cases ----------------------------------------------------
PULSARC="$pulsarc" PULSARC_SOURCE_DIR="$root" bash "$root/tests/external/review_cases.test.sh" --update
