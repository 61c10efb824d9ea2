#!/usr/bin/env bash
# Golden bundles: `pulsarc build samples/<sample>/pulsar.toml` must produce exactly golden/<sample>/
# (every file byte for byte, secrets/ and .pulsarc-index included, no file missing or extra) with
# exactly the modes listed in golden/<sample>.modes. Every sample needs a golden and vice versa.
# A bundle's .gitignore is kept in golden/ as .gitignore.golden (see golden/README.md).
#
# Regenerate with tests/update-goldens.sh after an intended change, and review the diff.
# Needs: PULSARC, PULSARC_SOURCE_DIR.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
[[ -n ${PULSARC:-} && -x ${PULSARC} ]] || fail "PULSARC must name the built pulsarc binary (got '${PULSARC:-}')"
[[ -n ${PULSARC_SOURCE_DIR:-} && -d ${PULSARC_SOURCE_DIR}/samples ]] || fail "PULSARC_SOURCE_DIR must name the source tree"

work=$(mktemp -d "${TMPDIR:-/tmp}/pulsarc-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1
src=$PULSARC_SOURCE_DIR

failures=0
report() { echo "FAIL $*"; failures=$((failures + 1)); }

samples=0
for config in "$src"/samples/*/pulsar.toml; do
  name=$(basename "$(dirname "$config")")
  samples=$((samples + 1))
  golden=$src/golden/$name
  if [[ ! -d $golden || ! -f $golden.modes ]]; then
    report "$name: golden/$name/ or golden/$name.modes is missing (run tests/update-goldens.sh)"
    continue
  fi
  out=$work/$name
  if ! "$PULSARC" build "$config" -o "$out" >"$work/$name.log" 2>&1; then
    report "$name: pulsarc build failed:"
    sed 's/^/    /' "$work/$name.log"
    continue
  fi

  # The same modes (git keeps only the x bit, so the modes live in their own file).
  (cd "$out" && find . -type f -printf '%m %P\n' | LC_ALL=C sort -k2) >"$work/$name.modes"
  if ! cmp -s "$golden.modes" "$work/$name.modes"; then
    report "$name: file modes differ from golden/$name.modes"
    diff -u "$golden.modes" "$work/$name.modes" | sed 's/^/    /' || true
  fi

  # golden/ keeps a bundle's .gitignore as .gitignore.golden, so that git does not obey it.
  find "$out" -type f -name .gitignore -exec mv {} {}.golden \;

  # The same set of files.
  (cd "$out" && find . -type f -printf '%P\n' | LC_ALL=C sort) >"$work/$name.built"
  (cd "$golden" && find . -type f -printf '%P\n' | LC_ALL=C sort) >"$work/$name.golden"
  while IFS= read -r path; do
    report "$name: golden/$name/$path is missing (generated, but not in the golden bundle)"
  done < <(LC_ALL=C comm -23 "$work/$name.built" "$work/$name.golden")
  while IFS= read -r path; do
    report "$name: golden/$name/$path is no longer generated"
  done < <(LC_ALL=C comm -13 "$work/$name.built" "$work/$name.golden")

  # The same bytes.
  while IFS= read -r path; do
    if ! cmp -s "$out/$path" "$golden/$path"; then
      report "$name: $path differs from golden/$name/$path"
      diff -u "$golden/$path" "$out/$path" | head -n 60 | sed 's/^/    /' || true
    fi
  done < <(LC_ALL=C comm -12 "$work/$name.built" "$work/$name.golden")

done
((samples > 0)) || fail "no samples/*/pulsar.toml found"

for dir in "$src"/golden/*/; do
  name=$(basename "$dir")
  [[ -f $src/samples/$name/pulsar.toml ]] || report "golden/$name has no samples/$name/pulsar.toml"
done

echo "$samples samples compared with golden/"
if ((failures > 0)); then
  echo "$failures difference(s). If the new output is right, run tests/update-goldens.sh and review the diff." >&2
  exit 1
fi
