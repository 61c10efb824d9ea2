#!/usr/bin/env bash
# Hostile strings in every field of pulsar.toml that reaches an output (tests/hostile/cases.mjs lists them):
# each is either refused by its rule, with a clear diagnostic and no bundle, or emitted so that YAML
# readers (the JS `yaml` package as YAML 1.2 and 1.1, and Helm itself) read back the same value and the
# generated scripts pass it to kubectl and helm as one literal argument. The scripts run for real, with
# recording stand-ins for kubectl and helm; nothing may ever run the `touch` hidden in the strings.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="${PULSARC_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"
pulsarc="${PULSARC:?set PULSARC to the pulsarc binary}"
hostile="$source_dir/tests/hostile"
helm="$source_dir/.tools/bin/helm"
yaml_module="$source_dir/.tools/node_modules/yaml"
if ! command -v node >/dev/null || [ ! -x "$helm" ] || [ ! -d "$yaml_module" ]; then
  echo "node, helm or the yaml package missing: run .ci/install-tools" >&2
  [ -n "${CI:-}" ] && exit 1
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
canary="$work/canary"
failures=0
check() { # description, command...
  local what="$1"
  shift
  if "$@"; then echo "PASS $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
no_canary() { [ ! -e "$canary" ] && [ -z "$(find "$work" -name canary -print -quit)" ]; }
# Diagnostics go to a terminal: only newline and tab may be control characters there.
terminal_safe() { ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$1"; }

node "$hostile/cases.mjs" "$work/cases" "$canary"

# ---- refused: one hostile value in one validated field, each must meet its rule ----
refused_ok=0
refused_total=0
for toml in "$work"/cases/refused/*.toml; do
  name="$(basename "$toml" .toml)"
  code="$(cat "${toml%.toml}.code")"
  refused_total=$((refused_total + 1))
  dir="$work/refused-$name"
  mkdir -p "$dir/keys" "$dir/secrets"
  cp "$toml" "$dir/pulsar.toml"
  cp "${toml%.toml}.code" "$dir/code"
  cp "$source_dir/tests/keys/rsa2048.pkcs8.der" "$dir/keys/private.der"
  cp "$work/cases/accepted/secrets/"* "$dir/secrets/"
  set +e
  (cd "$dir" && "$pulsarc" build pulsar.toml -o "$dir/bundle") >"$dir/out" 2>"$dir/err"
  status=$?
  (cd "$dir" && "$pulsarc" check pulsar.toml --format json) >"$dir/json" 2>/dev/null
  set -e
  problem=""
  [ "$status" -eq 1 ] || problem="exit status $status, not 1"
  [ -z "$problem" ] && ! grep -q "error\[$code\]" "$dir/err" && problem="no error[$code]"
  [ -z "$problem" ] && [ -e "$dir/bundle" ] && problem="a bundle was written"
  [ -z "$problem" ] && ! terminal_safe "$dir/err" && problem="raw control characters on stderr"
  if [ -z "$problem" ]; then
    refused_ok=$((refused_ok + 1))
  else
    echo "FAIL refused/$name ($code): $problem"
    head -n 20 "$dir/err"
    failures=$((failures + 1))
  fi
done
echo "PASS $refused_ok of $refused_total hostile values refused with their code, exit 1, no bundle, clean stderr"
# `check --format json` of each: valid JSON (one node process for all of them) naming the same code.
json_ok() {
  node -e 'const fs = require("fs"); let bad = 0;
    for (const dir of process.argv.slice(1)) {
      const code = fs.readFileSync(dir + "/code", "utf8").trim();
      try {
        const d = JSON.parse(fs.readFileSync(dir + "/json", "utf8"));
        if (!d.diagnostics.some((x) => x.code === code)) throw new Error("no " + code);
      } catch (e) { bad++; console.log("  " + dir + ": " + e.message); }
    }
    process.exit(bad ? 1 : 0);' "$work"/refused-*
}
check "check --format json is valid JSON with the code, for every refused value" json_ok
check "nothing ran while refusing" no_canary

# ---- accepted: built, read back by independent readers, and run against stand-ins ----
accepted="$work/cases/accepted"
cp "$source_dir/tests/keys/rsa2048.pkcs8.der" "$accepted/keys/private.der"
build_accepted() { (cd "$accepted" && "$pulsarc" build pulsar.toml) >"$work/build.out" 2>"$work/build.err"; }
check "the accepted configuration builds" build_accepted
check "its warnings are terminal-safe" terminal_safe "$work/build.err"
bundle="$(find "$accepted" -mindepth 1 -maxdepth 1 -type d -name 'out *')"
check "output.dir is used verbatim as a directory name" test -f "$bundle/install.sh"
for script in nodes.sh install.sh post-render.sh; do
  [ -f "$bundle/$script" ] && check "bash -n $script" bash -n "$bundle/$script"
done
# Helm takes -f as a comma-separated list, so it reads a copy under a plain name.
cp "$bundle/values.yaml" "$work/values.yaml"
helm_template() {
  "$helm" template echo "$hostile/echo-chart" -f "$work/values.yaml" >"$work/helm.yaml" 2>"$work/helm.err" || {
    cat "$work/helm.err"
    return 1
  }
}
check "helm template reads values.yaml" helm_template
# install.sh runs nodes.sh, kubectl apply and helm; started from another directory, as operators do.
run_install() {
  (cd "$work" && KUBECTL="$hostile/fake-kubectl" HELM="$hostile/fake-helm" FAKE_TOOLS_LOG="$work/tools.log" \
    bash "$bundle/install.sh") >"$work/install.out" 2>&1 || {
    cat "$work/install.out"
    return 1
  }
}
check "install.sh runs to the end with stand-in kubectl and helm" run_install
check "nothing ran: no canary file anywhere" no_canary
PULSARC_YAML_MODULE="$yaml_module" node "$hostile/verify.mjs" "$bundle" "$accepted/expected.json" "$work/helm.yaml" "$work/tools.log" ||
  failures=$((failures + 1))
check "still nothing ran" no_canary

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
