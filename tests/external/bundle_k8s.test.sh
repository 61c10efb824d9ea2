#!/usr/bin/env bash
# Builds every samples/*/pulsar.toml with pulsarc and checks the bundle with checkers we did not write:
#  - every YAML file of the bundle except values.yaml (Helm values) and kustomization.yaml is validated
#    by k8s-validate.mjs against the Kubernetes version in the sample's cluster.kubernetes (default
#    1.30), strictly (unknown fields, types, required fields, base64, quantities, names, served APIs);
#  - `kubectl kustomize` must render the bundle directory, and <bundle>/secrets when present, and what
#    it renders must validate too.
# Skips (77) when .tools/ is not installed, except under CI (CI set), where that is a failure; skips
# when there is no sample yet.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${PULSARC_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
tools=${PULSARC_TOOLS_DIR:-"$src/.tools"}
export PULSARC_TOOLS_DIR=$tools
validator="$here/k8s-validate.mjs"
kustomize="$here/kustomize.sh"
default_k8s=1.30

missing=()
command -v node >/dev/null || missing+=("node")
[[ -d "$tools/node_modules/ajv" ]] || missing+=("$tools/node_modules")
[[ -x "$tools/bin/kubectl" && -x "$tools/bin/helm" && -x "$tools/bin/taplo" ]] || missing+=("$tools/bin/{kubectl,helm,taplo}")
if ((${#missing[@]})); then
  if [[ -n "${CI:-}" ]]; then
    echo "FAIL: checker tools missing under CI: ${missing[*]} (.ci/install-tools must run before the tests)" >&2
    exit 1
  fi
  echo "SKIP: checker tools not installed (${missing[*]}); run .ci/install-tools" >&2
  exit 77
fi

pulsarc=${PULSARC:-}
if [[ -z "$pulsarc" ]]; then
  for candidate in "${PULSARC_BUILD_DIR:-$src/build}/pulsarc" "$src/build/pulsarc"; do
    [[ -x "$candidate" ]] && pulsarc=$candidate && break
  done
fi
if [[ -z "$pulsarc" || ! -x "$pulsarc" ]]; then
  echo "FAIL: pulsarc binary not found (PULSARC='${PULSARC:-}')" >&2
  exit 1
fi

shopt -s nullglob
samples=("$src"/samples/*/pulsar.toml)
if ((${#samples[@]} == 0)); then
  echo "SKIP: no samples/*/pulsar.toml to build" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

for toml in "${samples[@]}"; do
  name=$(basename "$(dirname "$toml")")
  bundle="$work/$name"
  k8s=$("$tools/bin/taplo" get -f "$toml" cluster.kubernetes 2>/dev/null) || k8s=$default_k8s
  k8s=${k8s:-$default_k8s}
  echo "== sample $name (Kubernetes $k8s)"

  rc=0
  "$pulsarc" build "$toml" -o "$bundle" >"$work/build.out" 2>&1 || rc=$?
  if ((rc != 0)); then
    fail "$name: pulsarc build exited $rc"
    sed 's/^/    /' "$work/build.out"
    continue
  fi
  pass "$name: pulsarc build"

  rc=0
  node "$validator" --k8s "$k8s" --skip "chart-patches/*" "$bundle" >"$work/validate.out" 2>&1 || rc=$?
  sed 's/^/    /' "$work/validate.out"
  if ((rc == 0)); then pass "$name: bundle YAML valid for Kubernetes $k8s"; else fail "$name: k8s-validate exited $rc"; fi

  for dir in "$bundle" "$bundle/secrets"; do
    [[ "$dir" == "$bundle/secrets" && ! -d "$dir" ]] && continue
    label=${dir#"$work/"}
    if [[ ! -f "$dir/kustomization.yaml" ]]; then
      fail "$label: no kustomization.yaml"
      continue
    fi
    rendered="$work/rendered-${label//\//-}.yaml"
    rc=0
    bash "$kustomize" "$dir" "$rendered" || rc=$?
    if ((rc != 0)); then
      fail "$label: kubectl kustomize exited $rc"
      continue
    fi
    pass "$label: kubectl kustomize"
    rc=0
    node "$validator" --quiet --k8s "$k8s" "$rendered" >"$work/validate.out" 2>&1 || rc=$?
    if ((rc == 0)); then pass "$label: kustomize output valid for Kubernetes $k8s"; else fail "$label: kustomize output invalid"; sed 's/^/    /' "$work/validate.out"; fi
  done
done

echo "$passed passed, $failed failed"
((failed == 0))
