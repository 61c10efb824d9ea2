#!/usr/bin/env bash
# Self-test of the independent checkers (tests/external/k8s-validate.mjs and kustomize.sh): every
# fixture under fixtures/k8s/good must be accepted and every one under fixtures/k8s/bad rejected, for
# the reason its `# expect:` line names, at each Kubernetes version its `# versions:` line lists
# (default: 1.22 and 1.30). Plus directory walking/skipping, refusal of unsupported versions, and
# kustomize on a good kustomization and on broken ones.
# Skips (77) when .tools/ is not installed, except under CI (CI set), where that is a failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${PULSARC_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
tools=${PULSARC_TOOLS_DIR:-"$src/.tools"}
export PULSARC_TOOLS_DIR=$tools
validator="$here/k8s-validate.mjs"
kustomize="$here/kustomize.sh"
fixtures="$here/fixtures"
default_versions="1.22 1.30"

missing=()
command -v node >/dev/null || missing+=("node")
[[ -d "$tools/node_modules/ajv" && -d "$tools/node_modules/typescript" ]] || missing+=("$tools/node_modules")
[[ -x "$tools/bin/kubectl" && -x "$tools/bin/helm" ]] || missing+=("$tools/bin/{kubectl,helm}")
if ((${#missing[@]})); then
  if [[ -n "${CI:-}" ]]; then
    echo "FAIL: checker tools missing under CI: ${missing[*]} (.ci/install-tools must run before the tests)" >&2
    exit 1
  fi
  echo "SKIP: checker tools not installed (${missing[*]}); run .ci/install-tools" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
header() { sed -n "s/^# $1: //p" "$2" | head -n1; }

# Fixtures are checked in one validator run per version (each run costs a few seconds); every
# verdict is then read per file from the `ok FILE ...` / `error FILE ...` lines.
applies() { # applies FILE VERSION: does the fixture's `# versions:` line (default both) include VERSION?
  local versions
  versions=$(header versions "$1"); versions=${versions:-$default_versions}
  [[ " $versions " == *" $2 "* ]]
}

# --- good fixtures: accepted, every object reported ok --------------------------------------------
for v in $default_versions; do
  files=()
  for f in "$fixtures"/k8s/good/*.yaml; do
    case $(basename "$f") in values.yaml | kustomization.yaml) continue ;; esac
    applies "$f" "$v" && files+=("$f")
  done
  rc=0
  node "$validator" --k8s "$v" "${files[@]}" >"$work/out" 2>"$work/err" || rc=$?
  if ((rc == 0)); then pass "good fixtures at $v: exit 0"; else fail "good fixtures at $v: exit $rc"; sed 's/^/    /' "$work/out" "$work/err"; fi
  for f in "${files[@]}"; do
    docs=$(grep -c '^kind:' "$f" || true)
    oks=$(grep -c "^ok $f " "$work/out" || true)
    if ((oks == docs)) && ! grep -q "^error $f " "$work/out"; then
      pass "good $(basename "$f") accepted at $v ($oks objects)"
    else
      fail "good $(basename "$f") at $v: $oks of $docs objects ok"
      grep -F "$f" "$work/out" | sed 's/^/    /' || true
    fi
  done
done

# --- bad fixtures: rejected, each for the reason its `# expect:` line names -----------------------
for v in $default_versions; do
  files=()
  for f in "$fixtures"/k8s/bad/*.yaml; do
    if [[ -z "$(header expect "$f")" ]]; then
      [[ $v == 1.22 ]] && fail "bad $(basename "$f") has no '# expect:' line"
      continue
    fi
    applies "$f" "$v" && files+=("$f")
  done
  rc=0
  node "$validator" --k8s "$v" "${files[@]}" >"$work/out" 2>"$work/err" || rc=$?
  if ((rc == 1)); then pass "bad fixtures at $v: exit 1"; else fail "bad fixtures at $v: exit $rc (want 1)"; sed 's/^/    /' "$work/out" "$work/err"; fi
  for f in "${files[@]}"; do
    name=$(basename "$f")
    expect=$(header expect "$f")
    # The reason only: the file name is cut out so that it cannot satisfy the pattern.
    grep -F "error $f " "$work/out" | sed "s|$f||g; s|$name||g" >"$work/reasons" || true
    if grep -Eq -- "$expect" "$work/reasons"; then
      pass "bad $name rejected at $v: $(head -n1 "$work/reasons" | cut -c1-150)"
    elif grep -q "^ok $f " "$work/out" && ! [[ -s "$work/reasons" ]]; then
      fail "bad $name ACCEPTED at $v"
    else
      fail "bad $name at $v: no error matching /$expect/"
      sed 's/^/    /' "$work/reasons"
    fi
  done
done
# One bad file on its own must make the validator exit 1 (not only a batch containing it).
run1=0
node "$validator" --k8s 1.30 "$fixtures/k8s/bad/pv-unknown-spec-field.yaml" >/dev/null 2>&1 || run1=$?
((run1 == 1)) && pass "a single bad file exits 1" || fail "a single bad file exits $run1"

# --- directory walking: recursive, values.yaml/kustomization.yaml skipped by default ----------------
run() { # run EXPECTED_RC DESCRIPTION ARGS...
  local want=$1 what=$2 rc=0
  shift 2
  node "$validator" "$@" >"$work/out" 2>"$work/err" || rc=$?
  if ((rc == want)); then pass "$what (exit $rc)"; else fail "$what: exit $rc, want $want"; sed 's/^/    /' "$work/out" "$work/err"; fi
}
mkdir -p "$work/tree/sub/deeper"
cp "$fixtures"/k8s/good/{namespace,secret}.yaml "$work/tree/"
cp "$fixtures"/k8s/good/values.yaml "$fixtures"/k8s/good/kustomization.yaml "$work/tree/"
cp "$fixtures"/k8s/good/pdb.yaml "$work/tree/sub/deeper/"
run 0 "directory walk at 1.22 accepts good tree, skipping values.yaml and kustomization.yaml" --k8s 1.22 "$work/tree"
if grep -q 'deeper/pdb.yaml PodDisruptionBudget/pulsar-broker' "$work/out" && ! grep -Eq 'values.yaml|kustomization.yaml' "$work/out"; then
  pass "directory walk recursed and skipped the non-objects"
else
  fail "directory walk output unexpected"; sed 's/^/    /' "$work/out"
fi
run 1 "without the default skips, values.yaml is rejected" --k8s 1.22 --no-default-skip "$work/tree"
run 0 "--skip GLOB drops a bad file" --k8s 1.30 --skip 'broken-*.yaml' "$work/tree" "$work/tree/sub"
cp "$fixtures"/k8s/bad/pv-unknown-spec-field.yaml "$work/tree/sub/broken-pv.yaml"
run 0 "--skip GLOB skips a bad file in a walked directory" --k8s 1.30 --skip 'broken-*.yaml' "$work/tree"
run 1 "the same bad file is rejected when not skipped" --k8s 1.30 "$work/tree"
run 1 "a bad file named explicitly is checked even if a --skip matches it" --k8s 1.30 --skip 'broken-*.yaml' "$work/tree/sub/broken-pv.yaml"
mkdir -p "$work/empty"
run 1 "a directory with no objects fails" --k8s 1.30 "$work/empty"
run 2 "Kubernetes 1.21 is refused (no schema that old)" --k8s 1.21 "$fixtures/k8s/good/namespace.yaml"
run 2 "a malformed --k8s is refused" --k8s 130 "$fixtures/k8s/good/namespace.yaml"
run 0 "--k8s accepts v1.27.3 (uses the 1.27 schema)" --k8s v1.27.3 "$fixtures/k8s/good/pdb.yaml"

# --- kustomize ------------------------------------------------------------------------------------
krun() { # krun EXPECTED_RC DIR [OUT]
  local want=$1 dir=$2 rc=0
  bash "$kustomize" "$dir" ${3:+"$3"} >"$work/kout" 2>"$work/kerr" || rc=$?
  if ((rc == want)); then pass "kustomize $(basename "$dir") exit $rc"; else fail "kustomize $(basename "$dir"): exit $rc, want $want"; sed 's/^/    /' "$work/kout" "$work/kerr"; fi
}
krun 0 "$fixtures/kustomize/good" "$work/rendered.yaml"
run 0 "the rendered good kustomization validates at 1.30" --k8s 1.30 "$work/rendered.yaml"
if grep -q 'namespace: pulsar' "$work/rendered.yaml"; then pass "kustomize applied the namespace transformer"; else fail "kustomize output lacks namespace: pulsar"; fi
krun 1 "$fixtures/kustomize/missing-resource"
grep -q 'persistentvolumes.yaml' "$work/kerr" && pass "missing-resource failure names the missing file" || fail "missing-resource error does not name the file"
krun 1 "$fixtures/kustomize/duplicate-object"
krun 1 "$work/empty"

echo "$passed passed, $failed failed"
((failed == 0))
