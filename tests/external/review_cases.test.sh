#!/usr/bin/env bash
# The review suite: for every tests/review/cases/<case>/, build base.toml into a bundle (or take the
# committed bundle that base.bundle names, relative to the case), then `pulsarc diff new.toml --base
# base` must print exactly expected.human, expected.json and expected.md. Each risk id has a case
# that raises it, and near-miss-* cases must raise none. The cases use the samples' TEST-ONLY keys:
# keys/ (seed), keys2/ (production), secrets/ (the seed-4.7.0 passwords, a superset of the seed's).
# Also: --fail-on exit codes, and that no secret of the samples appears in any format.
#
# Regenerate the expected files: tests/external/review_cases.test.sh --update (run by
# tests/update-goldens.sh); review the diff.
# Needs: PULSARC, PULSARC_SOURCE_DIR.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
[[ -n ${PULSARC:-} && -x ${PULSARC} ]] || fail "PULSARC must name the built pulsarc binary (got '${PULSARC:-}')"
[[ -n ${PULSARC_SOURCE_DIR:-} && -d ${PULSARC_SOURCE_DIR}/tests/review ]] || fail "PULSARC_SOURCE_DIR must name the source tree"
update=false
[[ ${1:-} == --update ]] && update=true

export LC_ALL=C TZ=UTC NO_COLOR=1
umask 022
src=$PULSARC_SOURCE_DIR
cases=$src/tests/review/cases
work=$(mktemp -d "${TMPDIR:-/tmp}/pulsarc-review.XXXXXX")
trap 'rm -rf "$work"' EXIT

failures=0
report() { echo "FAIL $*"; failures=$((failures + 1)); }

# Every secret value the samples hold, in the forms a report could leak them: raw text, base64 (as
# in Secret manifests), and the tokens pulsarc mints from them (read from the built Secrets).
secrets_file=$work/secrets.txt
: >"$secrets_file"
for f in "$src"/samples/*/secrets/*.password; do
  tr -d '\r\n' <"$f" >>"$secrets_file"; echo >>"$secrets_file"
done
for f in "$src"/samples/*/keys/private.der; do
  base64 -w0 "$f" | cut -c1-64 >>"$secrets_file"; echo >>"$secrets_file"  # a prefix of the key's base64
  base64 -w0 "$f" | cut -c600-664 >>"$secrets_file"; echo >>"$secrets_file"  # and a piece of the private exponent
done

seen_ids=""
count=0
for dir in "$cases"/*/; do
  name=$(basename "$dir")
  count=$((count + 1))
  run=$work/cases/$name
  mkdir -p "$run"
  cp "$dir"/*.toml "$run"/
  cp -R "$src/samples/seed/keys" "$run/keys"
  cp -R "$src/samples/production/keys" "$run/keys2"
  cp -R "$src/samples/seed-4.7.0/secrets" "$run/secrets"
  if [[ -f $dir/base.bundle ]]; then
    cp -R "$dir/$(cat "$dir/base.bundle")" "$run/base"
  elif ! (cd "$run" && "$PULSARC" build base.toml -o base >build.log 2>&1); then
    report "$name: pulsarc build base.toml failed:"; sed 's/^/    /' "$run/build.log"; continue
  fi
  # Tokens of the base bundle: secrets too.
  if [[ -d $run/base/secrets ]]; then
    grep -h '^  TOKEN: ' "$run"/base/secrets/*.yaml 2>/dev/null | awk '{print $2}' | while read -r b; do
      echo "$b"; echo "$b" | base64 -d; echo; done >>"$secrets_file" || true
  fi
  for format in human json md; do
    flag=$format; [[ $format == md ]] && flag=markdown
    status=0
    (cd "$run" && "$PULSARC" diff new.toml --base base --format "$flag" >"out.$format" 2>"err.$format") || status=$?
    if [[ $status -ne 0 ]]; then
      report "$name: pulsarc diff --format $flag exited $status:"; sed 's/^/    /' "$run/err.$format"; continue
    fi
    if [[ -s $run/err.$format ]]; then
      report "$name: pulsarc diff --format $flag wrote to stderr:"; sed 's/^/    /' "$run/err.$format"
    fi
    if $update; then
      cp "$run/out.$format" "$dir/expected.$format"
    elif ! cmp -s "$dir/expected.$format" "$run/out.$format"; then
      report "$name: --format $flag differs from expected.$format (regenerate with $0 --update and review)"
      diff -u "$dir/expected.$format" "$run/out.$format" | sed 's/^/    /' | head -40 || true
    fi
  done
  # JSON parsed by node (not pulsarc's code), with the documented fields; markdown tables well formed.
  if command -v node >/dev/null 2>&1 && ! $update; then
    node - "$run/out.json" <<'JS' || report "$name: expected.json is not the documented JSON"
const doc = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const keys = (o) => Object.keys(o).join(",");
if (keys(doc) !== "version,base,config,summary,risks,unknown" || doc.version !== 1) process.exit(1);
for (const r of doc.risks) {
  if (keys(r) !== "id,severity,summary,objects,lines,no_line,what_happens,what_to_do,steps") process.exit(1);
  if (!["danger", "caution", "info"].includes(r.severity)) process.exit(1);
  if (r.lines.length === 0 ? typeof r.no_line !== "string" : r.no_line !== null) process.exit(1);
}
const count = (s) => doc.risks.filter((r) => r.severity === s).length;
if (doc.summary.danger !== count("danger") || doc.summary.caution !== count("caution") || doc.summary.info !== count("info")) process.exit(1);
JS
  fi
  if grep -E '^\|' "$run/out.md" | sed 's/\\|//g' | awk -F'|' 'NF != 5 { bad = 1 } END { exit !bad }'; then
    report "$name: a markdown table row does not have three cells"
  fi
  ids=$(grep -oE '^(danger|caution|info)\[[a-z-]+\]' "$run/out.human" | sed -E 's/.*\[(.*)\]/\1/' | sort -u | paste -sd' ' || true)
  seen_ids="$seen_ids $ids"
  case $name in
    near-miss-* | no-change)
      [[ -z $ids ]] || report "$name: a near miss raised: $ids"
      grep -q ': no risks$' "$run/out.human" || report "$name: does not say \"no risks\"" ;;
    legacy-base)
      grep -q '^cannot know: signing key: ' "$run/out.human" || report "$name: does not say that it cannot know the signing key" ;;
    *)
      # The case's name starts with the id it must raise.
      want=$(sed -E 's/-(grown|role|major)$//' <<<"$name")
      grep -qw -- "$want" <<<"$ids" || report "$name: did not raise $want (raised: ${ids:-nothing})" ;;
  esac
done
$update && { echo "review cases: $count expected outputs written"; exit 0; }

# Every risk id has a case that raises it (chart-upgraded: the unit tests, until 4.7.0 builds here).
for id in $("$PULSARC" explain --risks | awk '{print $1}'); do
  [[ $id == chart-upgraded ]] && continue
  grep -qw -- "$id" <<<"$seen_ids" || report "no case raises $id"
done

# No secret in any format of any case.
sort -u "$secrets_file" | grep -v '^$' >"$work/secrets.sorted"
[[ $(wc -l <"$work/secrets.sorted") -ge 6 ]] || report "found only $(wc -l <"$work/secrets.sorted") secret values to look for"
if grep -rFl -f "$work/secrets.sorted" "$work"/cases/*/out.* "$work"/cases/*/err.* 2>/dev/null; then
  report "a secret value appears in the output above"
fi

# --fail-on: exit 4 at or above the threshold, 0 below it, 2 for a base that is not a bundle.
run=$work/cases/quorum-changed
rc=0; (cd "$run" && "$PULSARC" diff new.toml --base base --fail-on caution >/dev/null) || rc=$?
[[ $rc -eq 4 ]] || report "--fail-on caution with a caution risk: exit $rc, expected 4"
rc=0; (cd "$run" && "$PULSARC" diff new.toml --base base --fail-on danger >/dev/null) || rc=$?
[[ $rc -eq 0 ]] || report "--fail-on danger with only a caution risk: exit $rc, expected 0"
mkdir -p "$work/not-a-bundle" && echo x >"$work/not-a-bundle/file"
rc=0; (cd "$run" && "$PULSARC" diff new.toml --base "$work/not-a-bundle" >/dev/null 2>&1) || rc=$?
[[ $rc -eq 2 ]] || report "diff --base of a directory without an index: exit $rc, expected 2"
rc=0; (cd "$run" && "$PULSARC" diff new.toml --base "$work/missing" >/dev/null 2>&1) || rc=$?
[[ $rc -eq 2 ]] || report "diff --base of a missing directory: exit $rc, expected 2"

# build and build --check print the summary of what they change (stderr), and --check still exits 3.
run=$work/cases/volume-resized
cp -R "$run/base" "$run/deploy"
rc=0; (cd "$run" && "$PULSARC" build --check new.toml -o deploy >/dev/null 2>"check.err") || rc=$?
[[ $rc -eq 3 ]] || report "build --check of an out-of-date bundle: exit $rc, expected 3"
grep -q '^danger\[volume-resized\]' "$run/check.err" || report "build --check printed no risk summary"
rc=0; (cd "$run" && "$PULSARC" build new.toml -o deploy >/dev/null 2>"build.err") || rc=$?
[[ $rc -eq 0 ]] || report "build: exit $rc"
grep -q '^danger\[volume-resized\]' "$run/build.err" || report "build printed no risk summary"
rc=0; (cd "$run" && "$PULSARC" build new.toml -o deploy >/dev/null 2>"again.err") || rc=$?
! grep -q 'risks of replacing' "$run/again.err" || report "an unchanged build printed a risk summary"

# Without the new key file and without a committed new bundle, review says it cannot know the key;
# with the committed bundle (output.dir) it takes the fingerprints from its index and sees the change.
run=$work/cases/signing-key-changed
mv "$run/keys2" "$run/keys2.away"
rc=0; (cd "$run" && "$PULSARC" diff new.toml --base base >nokey.out 2>&1) || rc=$?
[[ $rc -eq 0 ]] || report "diff without the new key file: exit $rc"
grep -q '^cannot know: signing key: the new bundle records no key fingerprint' "$run/nokey.out" ||
  report "diff without the new key file does not say that it cannot know the key"
mv "$run/keys2.away" "$run/keys2"
(cd "$run" && "$PULSARC" build new.toml -o deploy >/dev/null 2>&1) || report "build new.toml failed"
mv "$run/keys2" "$run/keys2.away"
(cd "$run" && "$PULSARC" diff new.toml --base base >nokey.out 2>&1) || true
grep -q '^danger\[signing-key-changed\]' "$run/nokey.out" ||
  report "diff without key files does not read the fingerprint from the committed index"
mv "$run/keys2.away" "$run/keys2"

# The index with its fingerprint lines is still what `sha256sum -c --strict` accepts (GNU coreutils).
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$work/cases/no-change/base" && sha256sum -c --strict --quiet .pulsarc-index) ||
    report "sha256sum -c --strict refuses the index"
  grep -q '^# fingerprint signing-key sha256:[0-9a-f]\{64\}$' "$work/cases/no-change/base/.pulsarc-index" ||
    report "the index records no signing-key fingerprint"
fi

# A bundle from before the fingerprints as the bundle build --check compares with: the summary says
# what it cannot know, and --check reports the index as out of date (exit 3), nothing crashes.
run=$work/cases/legacy-base
cp -R "$run/base" "$run/deploy"
rc=0; (cd "$run" && "$PULSARC" build --check new.toml -o deploy >/dev/null 2>"check.err") || rc=$?
[[ $rc -eq 3 ]] || report "build --check against a pre-fingerprint bundle: exit $rc, expected 3"
grep -q '^cannot know: signing key: ' "$run/check.err" || report "build --check against a pre-fingerprint bundle: no \"cannot know\""

# docs/risks.md is generated and current.
"$PULSARC" explain --risks --markdown >"$work/risks.md"
cmp -s "$work/risks.md" "$src/docs/risks.md" ||
  report "docs/risks.md is stale: run pulsarc explain --risks --markdown > docs/risks.md"
for id in $("$PULSARC" explain --risks | awk '{print $1}'); do
  "$PULSARC" explain "$id" | head -1 | grep -q "^$id (up to " || report "explain $id: bad first line"
done

[[ $failures -eq 0 ]] || { echo "$failures failure(s)"; exit 1; }
echo "PASS ($count cases)"
