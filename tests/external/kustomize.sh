#!/usr/bin/env bash
# kustomize.sh DIR [OUT]: renders DIR/kustomization.yaml with `kubectl kustomize` (kubectl 1.31,
# kustomize v5 built in; from .tools/, see .ci/install-tools) and fails when kustomize does, e.g. on a
# resource file that does not exist, a malformed kustomization or two objects with the same identity.
# The rendered YAML goes to OUT when given (so it can be fed to k8s-validate.mjs), else it is dropped.
# Exit status: 0 ok, 1 kustomize failed or rendered nothing, 2 usage error or kubectl not installed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tools=${PULSARC_TOOLS_DIR:-"${PULSARC_SOURCE_DIR:-$here/../..}/.tools"}
kubectl="$tools/bin/kubectl"

if (($# < 1 || $# > 2)); then
  echo "usage: kustomize.sh DIR [OUT]" >&2
  exit 2
fi
dir=$1
out=${2:-}
if [[ ! -x "$kubectl" ]]; then
  echo "kustomize.sh: $kubectl not found (run .ci/install-tools)" >&2
  exit 2
fi
if [[ ! -d "$dir" ]]; then
  echo "kustomize.sh: not a directory: $dir" >&2
  exit 1
fi

rendered=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$rendered" "$errors"' EXIT
if ! "$kubectl" kustomize "$dir" >"$rendered" 2>"$errors"; then
  echo "FAIL kustomize $dir:" >&2
  sed 's/^/  /' "$errors" >&2
  exit 1
fi
objects=$(grep -c '^kind:' "$rendered" || true)
if ((objects == 0)); then
  echo "FAIL kustomize $dir: rendered no objects" >&2
  exit 1
fi
[[ -n "$out" ]] && cp "$rendered" "$out"
echo "ok kustomize $dir ($objects objects)"
