#!/usr/bin/env bash
# The same input gives the same bytes (and modes) in any directory, locale, time zone and umask,
# whatever the order of the [[nodes]] entries, and twice in a row. Every sample is built:
#   A  UTC, C locale, umask 022, absolute config and output paths, from an unrelated cwd
#   A2 the same as A again, into another directory, then once more over that bundle
#   B  Pacific/Kiritimati (UTC+14), tr_TR.UTF-8, umask 077, a copy of the sample in a directory
#      with spaces and non-ASCII, [[nodes]] shuffled, relative config and output paths
#   C  America/St_Johns (UTC-3:30), de_DE.UTF-8, umask 027, no -o: output.dir next to the config
# and every build is compared with A, file by file and mode by mode.
#
# Needs: PULSARC, PULSARC_SOURCE_DIR. tr_TR and de_DE are compiled with localedef when the system
# does not have them; without localedef the builds use C.UTF-8 (and say so).
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
[[ -n ${PULSARC:-} && -x ${PULSARC} ]] || fail "PULSARC must name the built pulsarc binary (got '${PULSARC:-}')"
[[ -n ${PULSARC_SOURCE_DIR:-} && -d ${PULSARC_SOURCE_DIR}/samples ]] || fail "PULSARC_SOURCE_DIR must name the source tree"
pulsarc=$(cd "$(dirname "$PULSARC")" && pwd)/$(basename "$PULSARC")

work=$(mktemp -d "${TMPDIR:-/tmp}/pulsarc-determinism.XXXXXX")
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1
unset LANGUAGE

# --- locales --------------------------------------------------------------------------------------
# Prints the LOCPATH to use for LOCALE ("" when the system has it), or fails when it cannot be made.
locale_path_for() {  # LOCALE (e.g. tr_TR.UTF-8)
  local name=$1
  if LC_ALL=$name locale charmap 2>/dev/null | grep -qx 'UTF-8' && [[ -z $(LC_ALL=$name locale 2>&1 >/dev/null) ]]; then
    echo ""
    return 0
  fi
  command -v localedef >/dev/null 2>&1 || return 1
  mkdir -p "$work/locale"
  localedef -i "${name%%.*}" -f UTF-8 "$work/locale/$name" >/dev/null 2>&1 || return 1
  echo "$work/locale"
}
pick_locale() {  # LOCALE -> sets picked_locale and picked_locpath
  if picked_locpath=$(locale_path_for "$1"); then
    picked_locale=$1
  else
    echo "note: locale $1 is not available and cannot be compiled; using C.UTF-8 instead" >&2
    picked_locale=C.UTF-8
    picked_locpath=""
  fi
}
pick_locale tr_TR.UTF-8
turkish_locale=$picked_locale turkish_locpath=$picked_locpath
pick_locale de_DE.UTF-8
german_locale=$picked_locale german_locpath=$picked_locpath

# --- helpers --------------------------------------------------------------------------------------

# Writes CONFIG with its [[nodes]] entries in reverse order, everything else unchanged. The entries
# must be consecutive (they are in every sample); comments between them move with the entry above.
shuffle_nodes() {  # CONFIG_IN CONFIG_OUT
  awk '
    /^\[\[nodes\]\][ \t]*(#.*)?$/ { inside = 1; n++; block[n] = $0 "\n"; next }
    /^[ \t]*\[/ { if (inside) { inside = 0; after = 1 } }
    {
      if (inside) block[n] = block[n] $0 "\n"
      else if (!after && n == 0) head = head $0 "\n"
      else tail = tail $0 "\n"
    }
    END {
      printf "%s", head
      for (i = n; i >= 1; i--) printf "%s", block[i]
      printf "%s", tail
    }' "$1" >"$2"
  # Same lines, another order of nodes: proves the shuffle neither lost nor invented anything.
  cmp -s <(LC_ALL=C sort "$1") <(LC_ALL=C sort "$2") || fail "shuffling $1 changed its lines"
  if (($(grep -c '^\[\[nodes\]\]' "$1") > 1)) && cmp -s "$1" "$2"; then fail "shuffling $1 changed nothing"; fi
  # The node names must appear in another order.
  if [[ $(grep -A1 '^\[\[nodes\]\]' "$1" | grep '^name') == "$(grep -A1 '^\[\[nodes\]\]' "$2" | grep '^name')" ]]; then
    fail "shuffling $1 kept the order of the nodes"
  fi
}

listing() {  # DIR -> "MODE PATH" per file
  (cd "$1" && find . -type f -printf '%m %P\n' | LC_ALL=C sort -k2)
}

failures=0
compare() {  # LABEL REFERENCE_DIR DIR
  local label=$1 ref=$2 dir=$3
  if ! cmp -s <(listing "$ref") <(listing "$dir"); then
    echo "FAIL $label: files or modes differ"
    diff -u <(listing "$ref") <(listing "$dir") | sed 's/^/    /' || true
    failures=$((failures + 1))
  fi
  if ! diff -r "$ref" "$dir" >"$work/diff" 2>&1; then
    echo "FAIL $label: contents differ"
    head -n 80 "$work/diff" | sed 's/^/    /'
    failures=$((failures + 1))
  fi
}

# --- the builds -----------------------------------------------------------------------------------
samples=0
for sample_dir in "$PULSARC_SOURCE_DIR"/samples/*/; do
  sample_dir=${sample_dir%/}
  name=$(basename "$sample_dir")
  [[ -f $sample_dir/pulsar.toml ]] || continue
  samples=$((samples + 1))
  base=$work/$name
  mkdir -p "$base/cwd-a" "$base/cwd-b"

  # A and A2: absolute paths, from a cwd that has nothing to do with the sample.
  for run in a a2; do
    (cd "$base/cwd-a" && umask 022 && env TZ=UTC LC_ALL=C LANG=C \
      "$pulsarc" build "$sample_dir/pulsar.toml" -o "$base/out-$run" >"$base/$run.log" 2>&1) ||
      { cat "$base/$run.log"; fail "$name: build $run failed"; }
  done

  # B: a shuffled copy, relative paths, another time zone, locale and umask.
  copy="$base/cwd-b/sample copy ü"
  cp -R "$sample_dir" "$copy"
  rm -rf "$copy/deploy"
  shuffle_nodes "$sample_dir/pulsar.toml" "$copy/pulsar.toml"
  (cd "$base/cwd-b" && umask 077 && env TZ=Pacific/Kiritimati LANG="$turkish_locale" LC_ALL="$turkish_locale" \
    ${turkish_locpath:+LOCPATH="$turkish_locpath"} \
    "$pulsarc" build "sample copy ü/pulsar.toml" -o "out b" >"$base/b.log" 2>&1) ||
    { cat "$base/b.log"; fail "$name: build b failed"; }

  # C: no -o, so output.dir relative to the config's directory; yet another zone, locale and umask.
  mkdir -p "$base/c"
  cp -R "$sample_dir" "$base/c/sample"
  rm -rf "$base/c/sample/deploy"
  output_dir=$(awk -F'"' '/^\[output\]/ { o = 1; next } /^\[/ { o = 0 } o && /^dir[ \t]*=/ { print $2 }' "$sample_dir/pulsar.toml")
  (cd / && umask 027 && env TZ=America/St_Johns LANG="$german_locale" LC_ALL="$german_locale" \
    ${german_locpath:+LOCPATH="$german_locpath"} \
    "$pulsarc" build "$base/c/sample/pulsar.toml" >"$base/c.log" 2>&1) ||
    { cat "$base/c.log"; fail "$name: build c failed"; }

  compare "$name: two builds in a row" "$base/out-a" "$base/out-a2"
  # Building again over the existing bundle changes nothing either.
  (cd "$base/cwd-a" && umask 022 && env TZ=UTC LC_ALL=C LANG=C \
    "$pulsarc" build "$sample_dir/pulsar.toml" -o "$base/out-a2" >"$base/a3.log" 2>&1) ||
    { cat "$base/a3.log"; fail "$name: rebuild over the bundle failed"; }
  compare "$name: rebuilt over the previous bundle" "$base/out-a" "$base/out-a2"
  compare "$name: shuffled nodes, $turkish_locale, Kiritimati, umask 077, relative paths" "$base/out-a" "$base/cwd-b/out b"
  compare "$name: output.dir, $german_locale, St_Johns, umask 027" "$base/out-a" "$base/c/sample/${output_dir:-deploy}"
done
((samples > 0)) || fail "no samples/*/pulsar.toml found"

echo "$samples samples built 4 ways each (locales: C, $turkish_locale, $german_locale)"
if ((failures > 0)); then
  echo "$failures difference(s): the bundle depends on something other than pulsar.toml" >&2
  exit 1
fi
