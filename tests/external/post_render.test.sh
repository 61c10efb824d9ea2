#!/usr/bin/env bash
# The Helm post-renderer of the seed bundle, run with a real kubectl (kustomize) on a stand-in for
# the chart's output: the init Jobs must get the broker's nodeSelector and tolerations, the manager
# its JWT_TOKEN from the client token Secret, everything else must pass through unchanged, and the
# result must still be valid Kubernetes objects.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="${PULSARC_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"
pulsarc="${PULSARC:?set PULSARC to the pulsarc binary}"
kubectl="$source_dir/.tools/bin/kubectl"
if [ ! -x "$kubectl" ] || ! command -v node >/dev/null; then
  echo "kubectl or node missing: run .ci/install-tools" >&2
  [ -n "${CI:-}" ] && exit 1
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
check() { # description, command...
  local what="$1"
  shift
  if "$@"; then echo "PASS $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}

"$pulsarc" build "$source_dir/samples/seed/pulsar.toml" -o "$work/bundle" 2>/dev/null
KUBECTL="$kubectl" "$work/bundle/post-render.sh" <"$here/fixtures/chart/rendered-2.7.7.yaml" >"$work/out.yaml"

job() { awk -v name="$1" 'BEGIN{RS="\n---\n"} $0 ~ "name: " name "\n" {print}' "$work/out.yaml"; }
check "pulsar-init gets the node selector" grep -q 'node-role.kubernetes.io/pulsar: pulsar' <(job pulsar-pulsar-init)
check "pulsar-init tolerates dedicated=pulsar" grep -q 'key: dedicated' <(job pulsar-pulsar-init)
check "bookie-init gets the node selector" grep -q 'node-role.kubernetes.io/pulsar: pulsar' <(job pulsar-bookie-init)
check "bookie-init tolerates dedicated=pulsar" grep -q 'key: dedicated' <(job pulsar-bookie-init)
check "the manager gets JWT_TOKEN" grep -q 'name: JWT_TOKEN' <(job pulsar-pulsar-manager)
check "JWT_TOKEN comes from pulsar-token-admin" grep -q 'name: pulsar-token-admin' <(job pulsar-pulsar-manager)
check "the manager keeps its own env" grep -q 'name: PULSAR_CLUSTER' <(job pulsar-pulsar-manager)
check "the manager keeps its image" grep -q 'image: apachepulsar/pulsar-manager:v0.2.0' <(job pulsar-pulsar-manager)
check "other objects pass through" grep -q 'clusterName: pulsar' "$work/out.yaml"
check "four objects out" test "$(grep -c '^kind:' "$work/out.yaml")" -eq 4
check "the result is valid for Kubernetes 1.22" node "$here/k8s-validate.mjs" --quiet --k8s 1.22 "$work/out.yaml"

# Without taints, selectors or a manager with JWT there is nothing to patch: no post-renderer.
cat >"$work/plain.toml" <<'TOML'
[cluster]
release = "plain"
namespace = "plain"
profile = "test"
[chart]
version = "2.7.7"
[[nodes]]
name = "a"
[[nodes]]
name = "b"
[[nodes]]
name = "c"
[zookeeper]
nodes = ["a", "b", "c"]
data = { path = "/data/zk", size = "1Gi" }
[bookkeeper]
nodes = ["a", "b", "c"]
journal = { path = "/data/journal", size = "1Gi" }
ledgers = { path = "/data/ledgers", size = "1Gi" }
TOML
"$pulsarc" build "$work/plain.toml" -o "$work/plain" 2>/dev/null
check "no post-renderer when nothing needs patching" test ! -e "$work/plain/post-render.sh"
check "install.sh does not use one then" bash -c "! grep -q post-renderer '$work/plain/install.sh'"

echo "$((11 + 2 - failures)) passed, $failures failed"
exit $((failures > 0))
