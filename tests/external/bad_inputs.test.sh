#!/usr/bin/env bash
# The bad-input suite (tests/bad/README.md): `pulsarc check <case>.toml`, run from tests/bad, must
# print exactly <case>.expected (exit status and stderr, byte for byte) and nothing on stdout; its
# `--format json` output must be valid JSON with the same diagnostics; and every diagnostic code
# the sources define must be shown by at least one case.
#
# Needs: PULSARC, PULSARC_SOURCE_DIR; node (or python3) to parse the JSON. Without either the test
# is skipped (77), except when CI is set: then it fails.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
skip_or_fail() {
  if [[ -n ${CI:-} ]]; then fail "$* (CI is set, so a missing tool is a failure, not a skip)"; fi
  echo "SKIP: $*" >&2
  exit 77
}

[[ -n ${PULSARC:-} && -x ${PULSARC} ]] || fail "PULSARC must name the built pulsarc binary (got '${PULSARC:-}')"
[[ -n ${PULSARC_SOURCE_DIR:-} && -d ${PULSARC_SOURCE_DIR}/tests/bad ]] || fail "PULSARC_SOURCE_DIR must name the source tree"

if command -v node >/dev/null 2>&1; then
  json_tool=node
elif command -v python3 >/dev/null 2>&1 && python3 -c 'import json' 2>/dev/null; then
  json_tool=python3
else
  skip_or_fail "neither node nor python3 found to parse the JSON diagnostics"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pulsarc-bad.XXXXXX")
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1 LC_ALL=C
cd "$PULSARC_SOURCE_DIR/tests/bad"

# Checks every case's `--format json` output in one process: the documented shape (file, line,
# column, code, severity, message), and the same diagnostics, in the same order, as the human
# output's header lines ("FILE:LINE:COL: severity[CODE]: message"). Prints one line per problem
# and exits non-zero if there is any.
check_json() {  # DIR with NAME.json and NAME.stderr per case
  if [[ $json_tool == node ]]; then
    node -e '
      const fs = require("fs"), path = require("path");
      const dir = process.argv[1];
      for (const entry of fs.readdirSync(dir).filter(f => f.endsWith(".json")).sort()) {
        const name = entry.slice(0, -5), file = name + ".toml";
        try {
          const doc = JSON.parse(fs.readFileSync(path.join(dir, entry), "utf8"));
          if (!Array.isArray(doc.diagnostics)) throw new Error("no diagnostics array");
          const fromJson = doc.diagnostics.map(d => {
            if (d.file !== file) throw new Error(`file is ${JSON.stringify(d.file)}, expected ${file}`);
            for (const k of ["line", "column"]) if (!Number.isInteger(d[k])) throw new Error(`${k} is not an integer`);
            if (!/^PLS[0-9]{4}$/.test(d.code)) throw new Error(`bad code ${JSON.stringify(d.code)}`);
            if (d.severity !== "error" && d.severity !== "warning") throw new Error(`bad severity ${d.severity}`);
            if (typeof d.message !== "string" || d.message === "") throw new Error("message missing");
            return `${d.line}:${d.column} ${d.severity}[${d.code}]: ${d.message}`;
          });
          const header = /^(.*?):(\d+):(\d+): (error|warning)\[(PLS\d{4})\]: (.*)$/;
          const fromHuman = fs.readFileSync(path.join(dir, name + ".stderr"), "utf8").split("\n")
            .map(l => header.exec(l)).filter(m => m && m[1] === file).map(m => `${m[2]}:${m[3]} ${m[4]}[${m[5]}]: ${m[6]}`);
          if (JSON.stringify(fromJson) !== JSON.stringify(fromHuman)) {
            throw new Error("JSON and human diagnostics differ:\n  json:  " + fromJson.join("\n         ") +
                            "\n  human: " + fromHuman.join("\n         "));
          }
        } catch (e) {
          console.log(`FAIL ${name}: --format json: ${e.message}`);
          process.exitCode = 1;
        }
      }' "$1"
  else
    python3 -c '
import json, os, re, sys
folder = sys.argv[1]
header = re.compile(r"^(.*?):(\d+):(\d+): (error|warning)\[(PLS\d{4})\]: (.*)$")
failed = False
for entry in sorted(f for f in os.listdir(folder) if f.endswith(".json")):
    name = entry[:-5]
    file = name + ".toml"
    try:
        with open(os.path.join(folder, entry), encoding="utf-8") as f:
            doc = json.load(f)
        assert isinstance(doc["diagnostics"], list), "no diagnostics array"
        from_json = []
        for d in doc["diagnostics"]:
            assert d["file"] == file, "file is %r, expected %s" % (d["file"], file)
            assert type(d["line"]) is int and type(d["column"]) is int, "line/column not integers"
            assert re.fullmatch(r"PLS[0-9]{4}", d["code"]), "bad code %r" % d["code"]
            assert d["severity"] in ("error", "warning"), "bad severity %r" % d["severity"]
            assert isinstance(d["message"], str) and d["message"], "message missing"
            from_json.append("%d:%d %s[%s]: %s" % (d["line"], d["column"], d["severity"], d["code"], d["message"]))
        with open(os.path.join(folder, name + ".stderr"), encoding="utf-8") as f:
            matches = [header.match(l) for l in f.read().split("\n")]
        from_human = ["%s:%s %s[%s]: %s" % m.group(2, 3, 4, 5, 6) for m in matches if m and m.group(1) == file]
        assert from_json == from_human, "JSON and human diagnostics differ:\n  json:  %s\n  human: %s" % (from_json, from_human)
    except Exception as e:
        print("FAIL %s: --format json: %s" % (name, e))
        failed = True
sys.exit(1 if failed else 0)
' "$1"
  fi
}

failures=0
cases=0
mkdir "$work/cases"
shopt -s nullglob
for input in *.toml; do
  name=${input%.toml}
  cases=$((cases + 1))
  if [[ ! -f $name.expected ]]; then
    echo "FAIL $name: no $name.expected (run tests/update-goldens.sh and review it)"
    failures=$((failures + 1))
    continue
  fi
  status=0
  "$PULSARC" check "$input" >"$work/stdout" 2>"$work/stderr" || status=$?
  { echo "# exit $status"; cat "$work/stderr"; } >"$work/actual"
  if ! cmp -s "$name.expected" "$work/actual"; then
    echo "FAIL $name: output differs from $name.expected"
    diff -u "$name.expected" "$work/actual" | sed 's/^/    /' || true
    failures=$((failures + 1))
    continue
  fi
  if [[ -s $work/stdout ]]; then
    echo "FAIL $name: pulsarc check wrote to stdout:"
    sed 's/^/    /' "$work/stdout"
    failures=$((failures + 1))
    continue
  fi

  json_status=0
  "$PULSARC" check --format json "$input" >"$work/cases/$name.json" 2>/dev/null || json_status=$?
  cp "$work/stderr" "$work/cases/$name.stderr"
  if [[ $json_status != "$status" ]]; then
    echo "FAIL $name: --format json exits $json_status, the human format $status"
    failures=$((failures + 1))
  fi
done
for expected in *.expected; do
  [[ -f ${expected%.expected}.toml ]] || { echo "FAIL ${expected}: no matching .toml"; failures=$((failures + 1)); }
done

if ! check_json "$work/cases" >"$work/json.report" 2>&1; then
  cat "$work/json.report"
  failures=$((failures + 1))
fi

# Coverage: every code defined in the sources appears in some expected output, and explains itself.
codes=$(grep -rhoE '"PLS[0-9]{4}"' "$PULSARC_SOURCE_DIR/compiler" | tr -d '"' | sort -u)
[[ -n $codes ]] || fail "found no diagnostic codes under compiler/"
covered=0
for code in $codes; do
  if ! grep -qF "[$code]" ./*.expected; then
    echo "FAIL coverage: no case in tests/bad shows $code"
    failures=$((failures + 1))
  else
    covered=$((covered + 1))
  fi
  "$PULSARC" explain "$code" >/dev/null 2>&1 || { echo "FAIL coverage: pulsarc explain $code fails"; failures=$((failures + 1)); }
done

echo "$cases bad inputs, $covered codes covered, JSON checked with $json_tool"
if ((failures > 0)); then
  echo "$failures failure(s). If the new output is right, run tests/update-goldens.sh and review the diff." >&2
  exit 1
fi
