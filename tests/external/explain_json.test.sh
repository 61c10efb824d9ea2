#!/usr/bin/env bash
# `pulsarc explain` knows every diagnostic code the compiler can report (found by scanning the
# sources, so a rule that is not registered fails here), docs/codes.md is generated from the same
# registry and current, and `--format json` gives valid JSON with the documented fields
# (docs/json-diagnostics.md) for every diagnostic, notes included, whatever bytes the input holds.
# The JSON is parsed with node's JSON.parse and a strict UTF-8 decoder, not with pulsarc's code.
#
# Needs: PULSARC, PULSARC_SOURCE_DIR, node. A missing node skips (77), or fails when CI is set.
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
command -v node >/dev/null 2>&1 || skip_or_fail "node not found (run .ci/install-deps)"

work=$(mktemp -d "${TMPDIR:-/tmp}/pulsarc-explain-json.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

step "every code in the sources is registered and explained"
source_codes=$(grep -rhoE '"PLS[0-9]{4}"' "$PULSARC_SOURCE_DIR/compiler" | tr -d '"' | LC_ALL=C sort -u)
[[ $(wc -l <<<"$source_codes") -ge 30 ]] || fail "found only $(wc -l <<<"$source_codes") codes in the sources"
"$PULSARC" explain --all >"$work/all.txt" || fail "pulsarc explain --all failed"
listed=$(awk '{print $1}' "$work/all.txt")
[[ $(LC_ALL=C sort <<<"$listed") == "$(LC_ALL=C sort -u <<<"$listed")" ]] || fail "explain --all lists a code twice"
missing=$(LC_ALL=C comm -23 <(echo "$source_codes") <(LC_ALL=C sort <<<"$listed"))
[[ -z $missing ]] || fail "codes used in the sources but not registered: $missing"
extra=$(LC_ALL=C comm -13 <(echo "$source_codes") <(LC_ALL=C sort <<<"$listed"))
[[ -z $extra ]] || fail "registered codes that no source uses: $extra"
while read -r code; do
  "$PULSARC" explain "$code" >"$work/explain.txt" || fail "pulsarc explain $code failed"
  grep -qE "^$code \((error|warning)\): .+" "$work/explain.txt" || fail "explain $code: bad first line: $(head -1 "$work/explain.txt")"
  [[ $(wc -l <"$work/explain.txt") -ge 3 ]] || fail "explain $code has no explanation"
done <<<"$source_codes"
[[ $("$PULSARC" explain pls0201) == 'PLS0201 '* ]] || fail "explain is case-sensitive"

step "unknown or missing codes are usage errors"
set +e
"$PULSARC" explain PLS9999 >/dev/null 2>"$work/err"; rc=$?
set -e
[[ $rc -eq 2 ]] || fail "explain PLS9999: exit $rc, expected 2"
grep -q 'unknown code' "$work/err" || fail "explain PLS9999: no message"
set +e
"$PULSARC" explain >/dev/null 2>&1; rc=$?
set -e
[[ $rc -eq 2 ]] || fail "explain without a code: exit $rc, expected 2"

step "docs/codes.md is generated from the registry and current"
"$PULSARC" explain --all --markdown >"$work/codes.md"
cmp -s "$work/codes.md" "$PULSARC_SOURCE_DIR/docs/codes.md" ||
  { diff -u "$PULSARC_SOURCE_DIR/docs/codes.md" "$work/codes.md" >&2 || true; fail "docs/codes.md is stale: run pulsarc explain --all --markdown > docs/codes.md"; }
while read -r code; do
  grep -q "^## $code$" "$work/codes.md" || fail "docs/codes.md has no section for $code"
done <<<"$source_codes"

# ---- JSON diagnostics -------------------------------------------------------------------------

# Validates stdout of `--format json` (file $1) against the documented layout; $2 = expected file field.
validate_json() {
  CODES="$listed" node - "$1" "$2" <<'JS'
const fs = require("fs");
const [file, expectedFile] = process.argv.slice(2);
const raw = fs.readFileSync(file);
const die = (m) => { console.error(`${file}: ${m}`); process.exit(1); };
let text;
try { text = new TextDecoder("utf-8", { fatal: true }).decode(raw); } catch { die("not valid UTF-8"); }
if (!text.endsWith("}\n") || /[\u0000-\u001f]/.test(text.slice(0, -1))) die("not one line, or raw control characters");
const doc = JSON.parse(text);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
if (!same(Object.keys(doc), ["version", "file", "errors", "warnings", "diagnostics"])) die(`top-level keys ${Object.keys(doc)}`);
if (doc.version !== 1 || doc.file !== expectedFile) die(`version ${doc.version}, file ${doc.file}`);
const codes = new Set(process.env.CODES.split("\n"));
const position = (o, where) => {
  const p = [o.line, o.column, o.end_line, o.end_column];
  if (p.every((v) => v === null)) return;
  if (!p.every((v) => Number.isInteger(v) && v >= 1)) die(`${where}: bad position ${p}`);
  if (o.end_line < o.line || (o.end_line === o.line && o.end_column < o.column)) die(`${where}: end before start ${p}`);
};
let errors = 0, warnings = 0;
doc.diagnostics.forEach((d, i) => {
  const where = `diagnostics[${i}]`;
  if (!same(Object.keys(d), ["file", "line", "column", "end_line", "end_column", "severity", "code", "message", "notes", "help", "fixes"]))
    die(`${where}: keys ${Object.keys(d)}`);
  if (d.file !== expectedFile) die(`${where}: file ${d.file}`);
  position(d, where);
  if (d.severity === "error") errors++; else if (d.severity === "warning") warnings++; else die(`${where}: severity ${d.severity}`);
  if (!/^PLS[0-9]{4}$/.test(d.code) || !codes.has(d.code)) die(`${where}: code ${d.code} is not one pulsarc explains`);
  if (typeof d.message !== "string" || d.message === "") die(`${where}: empty message`);
  if (!(d.help === null || (typeof d.help === "string" && d.help !== ""))) die(`${where}: help ${d.help}`);
  if (!Array.isArray(d.notes)) die(`${where}: notes`);
  d.notes.forEach((n, j) => {
    if (!same(Object.keys(n), ["line", "column", "end_line", "end_column", "message"])) die(`${where}.notes[${j}]: keys ${Object.keys(n)}`);
    position(n, `${where}.notes[${j}]`);
    if (typeof n.message !== "string" || n.message === "") die(`${where}.notes[${j}]: empty message`);
  });
  if (!Array.isArray(d.fixes)) die(`${where}: fixes`);
  d.fixes.forEach((f, j) => {
    if (!same(Object.keys(f), ["line", "column", "end_line", "end_column", "replacement"])) die(`${where}.fixes[${j}]: keys ${Object.keys(f)}`);
    position(f, `${where}.fixes[${j}]`);
    if (f.line === null || typeof f.replacement !== "string") die(`${where}.fixes[${j}]: no position or replacement`);
  });
});
if (doc.errors !== errors || doc.warnings !== warnings) die(`counts ${doc.errors}/${doc.warnings}, found ${errors}/${warnings}`);
console.log(JSON.stringify({ count: doc.diagnostics.length, notes: doc.diagnostics.filter((d) => d.notes.length).length,
  codes: doc.diagnostics.map((d) => d.code), messages: doc.diagnostics.map((d) => d.message) }));
JS
}

run_json() {  # COMMAND CONFIG WANT_RC -> $work/json.out, summary in $summary
  set +e
  "$PULSARC" "$1" --format json "$2" >"$work/json.out" 2>"$work/json.err"
  rc=$?
  set -e
  [[ $rc -eq $3 ]] || { cat "$work/json.out" "$work/json.err" >&2; fail "$1 --format json $2: exit $rc, expected $3"; }
  summary=$(validate_json "$work/json.out" "$2") || fail "$1 --format json $2: invalid output"
}

step "JSON: many rules at once, with notes; human output reports the same diagnostics"
cat >bad.toml <<'EOF'
[cluster]
release = "Bad_Release"
namespace = "pulsar"
profile = "production"
kubernetes = "1.99"

[chart]
version = "2.7.7"
values = { nonexistent_key = 1 }

[images]
pulsar = "apachepulsar/pulsar-all"

[[nodes]]
name = "node1"
labels = { "bad label!" = "x" }
taints = [{ key = "dedicated", value = "pulsar", effect = "NoSchedule" }]

[[nodes]]
name = "node1"

[scheduling]
tolerations = [{ key = "nothing", operator = "Exists", value = "x", effect = "NoSchedule" }]

[zookeeper]
nodes = ["node1", "node1", "node9", "node2"]
data = { path = "relative/path", size = "20 Gi" }

[bookkeeper]
nodes = ["node1", "node1"]
journal = { path = "/data/j", size = "1Gi" }
ledgers = { path = "/data/j", size = "1Gi" }
ensemble = 3
write_quorum = 4
ack_quorum = 5

[broker]
replicas = -1

[auth]
jwt = "asymmetric"
private_key = "missing.der"

[output]
secrets = "inline"
EOF
run_json check bad.toml 1
[[ ! -s $work/json.err ]] || fail "check --format json wrote to stderr: $(cat "$work/json.err")"
count=$(node -p 'JSON.parse(process.argv[1]).count' "$summary")
notes=$(node -p 'JSON.parse(process.argv[1]).notes' "$summary")
distinct=$(node -p 'new Set(JSON.parse(process.argv[1]).codes).size' "$summary")
[[ $count -ge 20 && $notes -ge 3 && $distinct -ge 15 ]] || fail "expected many diagnostics with notes: $count, $notes with notes, $distinct codes"
set +e
"$PULSARC" check bad.toml >/dev/null 2>"$work/human.err"
set -e
human_codes=$(grep -oE '^bad\.toml:[0-9]+:[0-9]+: (error|warning)\[PLS[0-9]{4}\]' "$work/human.err" | grep -oE 'PLS[0-9]{4}' | paste -sd,)
json_codes=$(node -p 'JSON.parse(process.argv[1]).codes.join(",")' "$summary")
[[ $human_codes == "$json_codes" ]] || fail "human and JSON output disagree: $human_codes vs $json_codes"
run_json build bad.toml 1
[[ ! -s $work/json.err ]] || fail "build --format json wrote to stderr: $(cat "$work/json.err")"

step "JSON: control characters and non-ASCII in keys, invalid UTF-8, a TOML syntax error"
printf '[cluster]\n"\\u001b[2Jkey\\u0007" = 1\n"caf\xc3\xa9" = 2\n' >ctrl.toml
run_json check ctrl.toml 1
node -e 'const m = JSON.parse(process.argv[1]).messages;
  if (!m.some((x) => x.includes("\u001b[2Jkey\u0007"))) process.exit(1);
  if (!m.some((x) => x.includes("café"))) process.exit(1);' "$summary" || fail "messages lost their characters: $summary"
set +e
"$PULSARC" check ctrl.toml 2>"$work/human.err" >/dev/null
set -e
! grep -q $'\x1b' "$work/human.err" || fail "the human output carries a raw escape character from the input"
printf '[cluster]\nrelease = "\xff\xfe"\n' >invalid-utf8.toml
run_json check invalid-utf8.toml 1
printf '[cluster\nrelease = 1\n' >syntax.toml
run_json check syntax.toml 1
node -e 'if (JSON.parse(process.argv[1]).codes[0] !== "PLS0001") process.exit(1)' "$summary" || fail "no PLS0001 for a syntax error"

step "JSON: a valid configuration gives an empty list and exit 0"
cp -r "$PULSARC_SOURCE_DIR/samples/seed" seed
run_json check seed/pulsar.toml 0
[[ $(node -p 'JSON.parse(process.argv[1]).count' "$summary") == 0 ]] || fail "the seed has diagnostics: $summary"
[[ ! -s $work/json.err ]] || fail "check --format json wrote to stderr on success: $(cat "$work/json.err")"

echo "PASS"
