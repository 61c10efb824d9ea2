#!/usr/bin/env bash
# The JSON Schema of pulsar.toml, checked with tools pulsarc does not contain:
#  - `pulsarc schema` equals the checked-in schemas/pulsar.schema.json;
#  - ajv (strict mode) accepts it as a draft-07 schema;
#  - Taplo validates every samples/*/pulsar.toml against it, and rejects mutated copies (a typo'd
#    key, a wrong enum value, a wrong type, a missing key, a local date-time) exactly where
#    pulsarc's own parser rejects them, so editor and compiler agree;
#  - the `#:schema` comment that gives editors completion works (and pulsarc ignores it).
#
# Needs: PULSARC, PULSARC_SOURCE_DIR; node, and Taplo and ajv from .ci/install-tools (in
# $PULSARC_TOOLS_DIR, default <source>/.tools). A missing tool skips (77), or fails when CI is set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
skip_or_fail() {
  if [[ -n ${CI:-} ]]; then fail "$* (CI is set, so a missing tool is a failure, not a skip)"; fi
  echo "SKIP: $*" >&2
  exit 77
}
step() { echo "--- $*"; }

[[ -n ${PULSARC:-} && -x ${PULSARC} ]] || fail "PULSARC must name the built pulsarc binary (got '${PULSARC:-}')"
[[ -n ${PULSARC_SOURCE_DIR:-} && -d ${PULSARC_SOURCE_DIR} ]] || fail "PULSARC_SOURCE_DIR must name the source tree"
tools=${PULSARC_TOOLS_DIR:-"$PULSARC_SOURCE_DIR/.tools"}
taplo="$tools/bin/taplo"
command -v node >/dev/null 2>&1 || skip_or_fail "node not found (run .ci/install-deps)"
[[ -x $taplo ]] || skip_or_fail "$taplo not found (run .ci/install-tools)"
[[ -d $tools/node_modules/ajv ]] || skip_or_fail "ajv not found in $tools/node_modules (run .ci/install-tools)"

work=$(mktemp -d "${TMPDIR:-/tmp}/pulsarc-schema.XXXXXX")
trap 'rm -rf "$work"' EXIT
schema="$PULSARC_SOURCE_DIR/schemas/pulsar.schema.json"

# taplo check FILE... against the checked-in schema; no config file, no online catalogs.
taplo_check() { "$taplo" check --no-auto-config --colors never --schema "file://$schema" "$@"; }
# pulsarc's parse-stage codes (PLS0001..PLS0006) for FILE, one per line.
parse_codes() {
  "$PULSARC" check --format json "$1" 2>/dev/null |
    node -e 'const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
      for (const x of d.diagnostics) if (/^PLS000[1-6]$/.test(x.code)) console.log(x.code);' || true
}

step "pulsarc schema is the checked-in schemas/pulsar.schema.json"
"$PULSARC" schema >"$work/generated.json"
cmp -s "$work/generated.json" "$schema" ||
  { diff -u "$schema" "$work/generated.json" >&2 || true; fail "schemas/pulsar.schema.json is stale: run pulsarc schema > schemas/pulsar.schema.json"; }

step "ajv (strict) accepts it as a draft-07 schema"
AJV="$tools/node_modules/ajv" node -e '
  const Ajv = require(process.env.AJV);
  const schema = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (schema.$schema !== "http://json-schema.org/draft-07/schema#") { console.error("not draft-07"); process.exit(1); }
  const ajv = new Ajv({ strict: true, allErrors: true, validateFormats: false });
  if (!ajv.validateSchema(schema)) { console.error(ajv.errorsText()); process.exit(1); }
  ajv.compile(schema);  // strict mode: unknown keywords, bad types and bad enums are errors
' "$schema" || fail "ajv rejects the schema"

# Taplo takes seconds to start, so each step checks all its files in one run.
step "every sample validates with Taplo"
samples=("$PULSARC_SOURCE_DIR"/samples/*/pulsar.toml)
[[ -e ${samples[0]} ]] || fail "no samples/*/pulsar.toml"
taplo_check "${samples[@]}" >"$work/taplo.log" 2>&1 || { cat "$work/taplo.log" >&2; fail "Taplo rejects a sample"; }
for sample in "${samples[@]}"; do
  [[ -z $(parse_codes "$sample") ]] || fail "pulsarc's parser rejects $sample"
done
seed="$PULSARC_SOURCE_DIR/samples/seed/pulsar.toml"

step "mutated copies: Taplo and pulsarc's parser both reject each of them"
# NAME | sed script | code pulsarc reports | text of Taplo's message for that file
mutations=(
  "typo|s/^ensemble = 2$/ensemble_size = 2/|PLS0002|ensemble_size"
  "table-typo|s/^\\[monitoring\\]$/[monitor]/|PLS0002|monitor"
  "enum|s/^profile = \"test\" /profile = \"prod\" /|PLS0005|prod"
  "taint-effect|0,/effect = \"NoSchedule\"/s//effect = \"NoScheduled\"/|PLS0005|NoScheduled"
  "type|/^\\[broker\\]$/,/^\\[/ s/^replicas = 3$/replicas = \"3\"/|PLS0003|is not of type"
  "missing|/^namespace = \"pulsar\"$/d|PLS0004|namespace"
  "node-key|0,/^name = \"node1\"$/s//name = \"node1\"\\nhostname = \"node1\"/|PLS0002|hostname"
  "local-datetime|\$a [[auth.tokens]]\\nsubject = \"app\"\\nexpires = 2027-01-01T00:00:00|PLS0003|date-time"
)
copies=()
for mutation in "${mutations[@]}"; do
  IFS='|' read -r name script code text <<<"$mutation"
  copy="$work/$name.toml"
  sed -e "$script" "$seed" >"$copy"
  ! cmp -s "$copy" "$seed" || fail "mutation $name changed nothing"
  codes=$(parse_codes "$copy")
  [[ $codes == *"$code"* ]] || fail "pulsarc reports '${codes//$'\n'/ }' for the $name mutation, expected $code"
  copies+=("$copy")
done
if taplo_check "${copies[@]}" >"$work/taplo.log" 2>&1; then
  cat "$work/taplo.log" >&2
  fail "Taplo accepts every mutation"
fi
for mutation in "${mutations[@]}"; do
  IFS='|' read -r name script code text <<<"$mutation"
  # Each error is "error: MESSAGE" followed by "┌─ FILE:LINE:COLUMN".
  # (not grep -q: it would stop reading early, and pipefail would count the writer's SIGPIPE as a failure)
  grep -B1 -F -- "┌─ $work/$name.toml:" "$work/taplo.log" | grep -F -- "$text" >/dev/null ||
    { cat "$work/taplo.log" >&2; fail "Taplo does not reject the $name mutation with '$text'"; }
done

step "variants that are valid for the parser are valid for Taplo"
variants=(
  "offset-datetime|\$a [[auth.tokens]]\\nsubject = \"app\"\\nexpires = 2027-01-01T00:00:00Z"
  "chart-values|/^version = \"2.7.7\"/a values = { broker = { configData = { anything = \"goes\", n = 1 } } }"
  "defaults-only|/^\\(ensemble\\|write_quorum\\|ack_quorum\\|port\\) = /d"
)
copies=()
for variant in "${variants[@]}"; do
  IFS='|' read -r name script <<<"$variant"
  copy="$work/$name.toml"
  sed -e "$script" "$seed" >"$copy"
  ! cmp -s "$copy" "$seed" || fail "variant $name changed nothing"
  [[ -z $(parse_codes "$copy") ]] || fail "pulsarc's parser rejects the $name variant"
  copies+=("$copy")
done
taplo_check "${copies[@]}" >"$work/taplo.log" 2>&1 || { cat "$work/taplo.log" >&2; fail "Taplo rejects a valid variant"; }

step "the #:schema comment from the README gives Taplo (and editors) the schema; pulsarc ignores it"
mkdir -p "$work/repo/schemas"
"$PULSARC" schema >"$work/repo/schemas/pulsar.schema.json"
line='#:schema ./schemas/pulsar.schema.json'  # exactly as README.md and docs/schema.md show it
{ echo "$line"; cat "$seed"; } >"$work/repo/pulsar.toml"
{ echo "$line"; sed 's/^ensemble = 2$/ensemble_size = 2/' "$seed"; } >"$work/repo/typo.toml"
(cd / && "$taplo" check --no-auto-config --colors never "$work/repo/pulsar.toml") >"$work/taplo.log" 2>&1 ||
  { cat "$work/taplo.log" >&2; fail "Taplo rejects the sample with a #:schema line"; }
if (cd / && "$taplo" check --no-auto-config --colors never "$work/repo/typo.toml") >"$work/taplo.log" 2>&1; then
  fail "Taplo does not apply the #:schema line (the typo passed)"
fi
grep -qF ensemble_size "$work/taplo.log" || { cat "$work/taplo.log" >&2; fail "Taplo's #:schema message lacks the typo"; }
[[ -z $(parse_codes "$work/repo/pulsar.toml") ]] || fail "pulsarc's parser rejects the #:schema line"

echo "PASS"
