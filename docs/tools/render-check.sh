#!/usr/bin/env bash
# Render the real apache/pulsar-helm-chart the way a bundle's install.sh installs it, and check the
# render against the bundle.
#
# Usage: docs/tools/render-check.sh BUNDLE_DIR CHART_DIR [--renders N] [--kube-version V]
#                                   [--registry R]
#
#   BUNDLE_DIR  a bundle written by `pulsarc build` (install.sh, values.yaml, nodes.sh, ...)
#   CHART_DIR   charts/pulsar of apache/pulsar-helm-chart at the bundle's chart version, kept
#               outside this repository (see docs/chart-4.7.0.md for 4.7.0's subchart stand-in)
#   --renders N       render N times (default 3); every render must give the same bytes
#   --kube-version V  passed to `helm template`; default: install.sh's or the index's, if either
#                     records one, else Helm's built-in default
#   --registry R      also check that every image comes from the mirror R (check i)
#
# It runs `helm template` with install.sh's release, namespace, values files, `--set` flags
# (initialize=true: a first install, so the init Jobs are rendered too) and post-renderer, and
# reads the bundle's objects with `kubectl kustomize` (what install.sh applies). One PASS/FAIL line
# per check, a line per finding; exit 0 when all pass, 1 on any FAIL, 2 on usage or tool errors.
#
#   a  every claim (StatefulSet volumeClaimTemplates expanded per replica, and plain PVCs) has a
#      bundle PV of that name whose claimRef names it, same StorageClass, enough capacity and the
#      access modes; every bundle PV is claimed
#   b  every pod (Deployments, StatefulSets, DaemonSets, Jobs incl. hook Jobs, CronJobs, Pods) fits
#      at least one node declared in nodes.sh: nodeSelector, required node affinity, nodeName,
#      tolerations of every NoSchedule/NoExecute taint; a StatefulSet replica also fits the node of
#      each local PV it claims, and required pod anti-affinity has enough nodes
#   c  every Secret a pod references (env secretKeyRef, envFrom, secret and projected volumes,
#      imagePullSecrets) exists in the render or in the bundle (incl. secrets/), with the key
#   d  N renders byte-identical (sha256), as installed; without the post-renderer only reported
#   f  strict YAML (no duplicate keys) in render and bundle, only built-in GA kinds (no CRD
#      needed), install.sh's --version equals the chart's version
#   g  no pod is covered by two PodDisruptionBudgets (the chart's and the bundle's together)
#   h  every local PV's host path is prepared by a node-preparation Job on its node
#   i  with --registry, every image of the render and the bundle comes from the mirror
#
# Needs: bash, python3 with the `yaml` module (PyYAML; on Debian: apt-get install python3-yaml),
# and helm and kubectl. HELM and KUBECTL default to the repository's .tools/bin (put there by
# .ci/install-tools); set them to use others. KUBECTL is exported because post-render.sh reads it.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
HELM="${HELM:-$repo/.tools/bin/helm}"
KUBECTL="${KUBECTL:-$repo/.tools/bin/kubectl}"
PYTHON="${PYTHON:-python3}"
export HELM KUBECTL

usage() { sed -n '5,6p' "$0" | sed 's/^# *//' >&2; exit 2; }
[ $# -ge 2 ] || usage
bundle="$1" chart="$2"
shift 2
renders=3 kube_version="" registry=""
while [ $# -gt 0 ]; do
  case "$1" in
    --renders) renders="${2:?}"; shift 2 ;;
    --kube-version) kube_version="${2:?}"; shift 2 ;;
    --registry) registry="${2:?}"; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$renders" =~ ^[1-9][0-9]*$ ]] || usage
[ -f "$bundle/install.sh" ] || { echo "render-check: $bundle/install.sh not found" >&2; exit 2; }
[ -f "$chart/Chart.yaml" ] || { echo "render-check: $chart/Chart.yaml not found" >&2; exit 2; }
for tool in "$HELM" "$KUBECTL"; do
  [ -x "$tool" ] || { echo "render-check: $tool not found (run .ci/install-tools, or set HELM/KUBECTL)" >&2; exit 2; }
done
"$PYTHON" -c 'import yaml' 2>/dev/null ||
  { echo "render-check: $PYTHON has no yaml module (Debian: apt-get install python3-yaml)" >&2; exit 2; }

echo "render-check: $("$HELM" version --short), kubectl $("$KUBECTL" version --client 2>/dev/null | sed -n 's/^Client Version: //p')"
exec "$PYTHON" - "$(cd "$bundle" && pwd)" "$(cd "$chart" && pwd)" "$renders" "$kube_version" "$registry" <<'PY'
import glob, hashlib, os, re, shlex, subprocess, sys
import yaml

bundle, chart, renders, kube_flag, registry = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
HELM, KUBECTL = os.environ["HELM"], os.environ["KUBECTL"]
failed = []


def report(check, ok, text):
    print(f"{'PASS' if ok else 'FAIL'} {check} {text}")
    if not ok:
        failed.append(check)


def die(text):
    print(f"render-check: {text}", file=sys.stderr)
    sys.exit(2)


# PyYAML keeps the last of two equal keys silently; kustomize (yaml.v3) refuses them, so a
# duplicate would break every kustomize-based post-renderer: load strictly and count them.
duplicates = []


class StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                duplicates.append(f"{self.name}:{key_node.start_mark.line + 1}: key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_all(text, name):
    loader = StrictLoader(text)
    loader.name = name
    try:
        docs = []
        while loader.check_data():
            doc = loader.get_data()
            if isinstance(doc, dict) and doc.get("kind"):
                docs.append(doc)
        return docs
    finally:
        loader.dispose()


# --- How install.sh runs Helm ---------------------------------------------------------------------
# The helm command is the logical line (backslash continuations joined) with `upgrade --install`.
install = open(os.path.join(bundle, "install.sh")).read().replace("\\\n", " ")
line = next((l for l in install.splitlines() if "upgrade --install" in l), None)
if line is None:
    die("install.sh has no `helm upgrade --install` line")
argv = shlex.split(line)
argv = argv[argv.index("--install") + 1:]
release, _chart = argv.pop(0), argv.pop(0)  # the chart is CHART_DIR here
flags, namespace, chart_version, post_renderer = [], "default", None, None
kube_version = kube_flag
i = 0
while i < len(argv):
    arg, val = argv[i], argv[i + 1] if i + 1 < len(argv) else ""
    if arg in ("--namespace", "-n"):
        namespace = val
    elif arg == "--version":
        chart_version = val
    elif arg in ("--values", "-f", "--set", "--set-string", "--set-file"):
        # install.sh sets initialize=true only when the release does not exist: render a first install.
        flags += [arg, val.replace("$initialize", "true")]
    elif arg == "--post-renderer":
        post_renderer = val.replace("$PWD", bundle)
    elif arg == "--kube-version":
        kube_version = kube_version or val
    else:  # a flag without value (--wait, --atomic): not for helm template
        i -= 1
    i += 2
if not kube_version:  # a `# kubernetes 1.30` line in the index, if the bundle records one
    index = os.path.join(bundle, ".pulsarc-index")
    m = re.search(r"^# kubernetes (\S+)$", open(index).read() if os.path.exists(index) else "", re.M)
    kube_version = m.group(1) if m else ""
if "$" in " ".join(flags):
    die(f"install.sh passes a shell variable this checker cannot resolve: {flags}")
base = [HELM, "template", release, chart, "--namespace", namespace] + flags
if kube_version:
    base += ["--kube-version", kube_version]
print(f"render-check: release {release}, namespace {namespace}, chart {chart_version}, "
      f"kube-version {kube_version or '(helm default)'}, post-renderer {'yes' if post_renderer else 'no'}")


def helm(extra):
    run = subprocess.run(base + extra, cwd=bundle, capture_output=True, text=True)
    if run.returncode != 0:
        die(f"helm template failed:\n{run.stderr}")
    return run.stdout


# --- d: N renders, as installed, byte-identical --------------------------------------------------
installed = [helm(["--post-renderer", post_renderer] if post_renderer else []) for _ in range(renders)]
sums = {hashlib.sha256(r.encode()).hexdigest() for r in installed}
report("d", len(sums) == 1, f"{renders} renders{' through the post-renderer' if post_renderer else ''}: "
       f"{len(sums)} sha256 ({sorted(sums)[0][:12]}{'...' if len(sums) > 1 else ''})")
if post_renderer:  # the chart alone, for the record (2.7.7 orders superUserRoles at random)
    raw = {hashlib.sha256(helm([]).encode()).hexdigest() for _ in range(renders)}
    print(f"info d {renders} renders without the post-renderer: {len(raw)} sha256")
render = load_all(installed[0], "render")
for o in render:
    o.setdefault("metadata", {}).setdefault("namespace", namespace)


# --- The bundle, as install.sh applies it ---------------------------------------------------------
def kustomize(path):
    run = subprocess.run([KUBECTL, "kustomize", path], capture_output=True, text=True)
    if run.returncode != 0:
        die(f"kubectl kustomize {path} failed:\n{run.stderr}")
    return load_all(run.stdout, os.path.relpath(path, bundle) or ".")


objects = kustomize(bundle)
if os.path.exists(os.path.join(bundle, "secrets", "kustomization.yaml")):
    objects += kustomize(os.path.join(bundle, "secrets"))
prep = []  # node-preparation Jobs: applied with -f, not part of the kustomization
for f in sorted(glob.glob(os.path.join(bundle, "node-preparation", "*.yaml"))):
    prep += load_all(open(f).read(), os.path.relpath(f, bundle))
for f in sorted(glob.glob(os.path.join(bundle, "**", "*.yaml"), recursive=True)):
    load_all(open(f).read(), os.path.relpath(f, bundle))  # strictness of every file (check f)
pvs = [o for o in objects if o["kind"] == "PersistentVolume"]
secrets = {(o["metadata"].get("namespace", namespace), o["metadata"]["name"]): o
           for o in objects + render if o["kind"] == "Secret"}

# Nodes as nodes.sh declares them: `# node NAME`, then `kubectl label node NAME --overwrite k=v ...`
# and `kubectl taint node NAME --overwrite k=v:Effect ...`. The kubelet adds kubernetes.io/hostname,
# which the PVs' node affinity uses.
nodes = {}
for l in open(os.path.join(bundle, "nodes.sh")):
    m = re.match(r"# node (\S+)$", l.strip())
    if m:
        nodes.setdefault(m.group(1), {"labels": {"kubernetes.io/hostname": m.group(1)}, "taints": []})
        continue
    words = shlex.split(l, comments=True)
    if len(words) > 3 and words[1] in ("label", "taint") and words[2] == "node":
        node = nodes.setdefault(words[3], {"labels": {"kubernetes.io/hostname": words[3]}, "taints": []})
        for w in words[4:]:
            if w.startswith("-"):
                continue
            if words[1] == "label":
                k, _, v = w.partition("=")
                node["labels"][k] = v
            else:
                kv, _, effect = w.rpartition(":")
                k, _, v = kv.partition("=")
                node["taints"].append({"key": k, "value": v, "effect": effect})
if not nodes:
    die("nodes.sh declares no node")


# --- Kubernetes semantics, the parts the checks need ----------------------------------------------
def quantity(q):
    m = re.fullmatch(r"([0-9.]+)([KMGTPE]i?|m|k)?", str(q))
    if not m:
        return None
    unit = m.group(2) or ""
    mult = {"": 1, "m": 1e-3, "k": 1e3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50,
            "Ei": 2**60, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}[unit]
    return float(m.group(1)) * mult


def requirement(labels, e):
    key, op, vals = e["key"], e["operator"], e.get("values") or []
    if op == "In":
        return key in labels and labels[key] in vals
    if op == "NotIn":
        return key not in labels or labels[key] not in vals
    if op == "Exists":
        return key in labels
    if op == "DoesNotExist":
        return key not in labels
    if op in ("Gt", "Lt") and key in labels and labels[key].lstrip("-").isdigit():
        return int(labels[key]) > int(vals[0]) if op == "Gt" else int(labels[key]) < int(vals[0])
    return False


def selects(selector, labels):  # a LabelSelector (matchLabels + matchExpressions)
    if not selector:
        return False
    return (all(labels.get(k) == v for k, v in (selector.get("matchLabels") or {}).items())
            and all(requirement(labels, e) for e in selector.get("matchExpressions") or []))


def tolerated(taint, tolerations):
    for t in tolerations or []:
        if t.get("effect") and t["effect"] != taint["effect"]:
            continue
        if t.get("operator") == "Exists" and not t.get("key"):
            return True
        if t.get("key") == taint["key"] and (t.get("operator") == "Exists" or t.get("value", "") == taint["value"]):
            return True
    return False


def why_not(spec, name):
    """Why the pod spec cannot run on node `name` ("" when it can)."""
    node = nodes[name]
    if spec.get("nodeName") and spec["nodeName"] != name:
        return f"nodeName {spec['nodeName']}"
    for k, v in (spec.get("nodeSelector") or {}).items():
        if node["labels"].get(k) != v:
            return f"label {k}={v} missing"
    terms = (((spec.get("affinity") or {}).get("nodeAffinity") or {})
             .get("requiredDuringSchedulingIgnoredDuringExecution") or {}).get("nodeSelectorTerms")
    if terms and not any(all(requirement(node["labels"], e) for e in t.get("matchExpressions") or [])
                         and all(requirement({"metadata.name": name}, e) for e in t.get("matchFields") or [])
                         for t in terms):
        return "required node affinity"
    for taint in node["taints"]:
        if taint["effect"] in ("NoSchedule", "NoExecute") and not tolerated(taint, spec.get("tolerations")):
            return f"taint {taint['key']}={taint['value']}:{taint['effect']} not tolerated"
    return ""


def pod_templates(objs):
    """(object, pod template metadata, pod spec, replicas) for every workload."""
    for o in objs:
        k, s = o["kind"], o.get("spec") or {}
        if k in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
            t = s.get("template") or {}
            yield o, t.get("metadata") or {}, t.get("spec") or {}, s.get("replicas", 1) if k != "Job" else 1
        elif k == "CronJob":
            t = s["jobTemplate"]["spec"]["template"]
            yield o, t.get("metadata") or {}, t.get("spec") or {}, 1
        elif k == "Pod":
            yield o, o["metadata"], s, 1


def ident(o):
    hook = (o["metadata"].get("annotations") or {}).get("helm.sh/hook")
    return f"{o['kind']} {o['metadata']['name']}" + (f" (hook {hook})" if hook else "")


def pv_node(pv):  # the one hostname a local PV's required node affinity allows, or None
    names = [v for t in pv["spec"].get("nodeAffinity", {}).get("required", {}).get("nodeSelectorTerms", [])
             for e in t.get("matchExpressions") or [] if e["key"] == "kubernetes.io/hostname"
             and e["operator"] == "In" for v in e.get("values") or []]
    return names[0] if len(names) == 1 else None


# --- a: claims and PVs -----------------------------------------------------------------------------
claims = []  # (namespace, name, spec, ordinal, StatefulSet)
for o in render:
    if o["kind"] == "PersistentVolumeClaim":
        claims.append((o["metadata"]["namespace"], o["metadata"]["name"], o["spec"], None, None))
    elif o["kind"] == "StatefulSet":
        for vct in o["spec"].get("volumeClaimTemplates") or []:
            for n in range(o["spec"].get("replicas", 1)):
                claims.append((o["metadata"]["namespace"], f"{vct['metadata']['name']}-{o['metadata']['name']}-{n}",
                               vct["spec"], n, o["metadata"]["name"]))
by_claim = {}
for pv in pvs:
    ref = pv["spec"].get("claimRef") or {}
    by_claim.setdefault((ref.get("namespace"), ref.get("name")), []).append(pv)
bad = 0
for ns, name, spec, _, _ in claims:
    found = by_claim.get((ns, name), [])
    want_class, want_size = spec.get("storageClassName"), spec.get("resources", {}).get("requests", {}).get("storage")
    problem = ""
    if len(found) != 1:
        problem = f"{len(found)} bundle PVs have claimRef {ns}/{name}"
    else:
        pv = found[0]["spec"]
        if found[0]["metadata"]["name"] != name:
            problem = f"PV is named {found[0]['metadata']['name']}"
        elif want_class is None:
            problem = "claim names no storageClassName (the cluster default would be used)"
        elif pv.get("storageClassName") != want_class:
            problem = f"class {want_class} != PV {pv.get('storageClassName')}"
        elif (quantity(pv.get("capacity", {}).get("storage")) or 0) < (quantity(want_size) or float("inf")):
            problem = f"size {want_size} > PV {pv.get('capacity', {}).get('storage')}"
        elif not set(spec.get("accessModes") or []) <= set(pv.get("accessModes") or []):
            problem = f"access modes {spec.get('accessModes')} not offered by the PV"
        elif (spec.get("volumeMode") or "Filesystem") != (pv.get("volumeMode") or "Filesystem"):
            problem = "volumeMode differs"
    if problem:
        bad += 1
        report("a", False, f"claim {ns}/{name}: {problem}")
claimed = {(ns, name) for ns, name, *_ in claims}
for pv in pvs:
    ref = pv["spec"].get("claimRef") or {}
    if (ref.get("namespace"), ref.get("name")) not in claimed:
        bad += 1
        report("a", False, f"PV {pv['metadata']['name']}: the chart makes no claim {ref.get('namespace')}/{ref.get('name')}")
if not bad:
    report("a", True, f"claims: {len(claims)}/{len(claims)} have their PV; {len(pvs)}/{len(pvs)} PVs claimed")

# --- b: every pod fits a declared node -------------------------------------------------------------
pods = list(pod_templates(render))
bad = 0
for o, meta, spec, replicas in pods:
    fits = [n for n in sorted(nodes) if not why_not(spec, n)]
    problem = ""
    if not fits:
        problem = "fits no declared node: " + "; ".join(f"{n}: {why_not(spec, n)}" for n in sorted(nodes))
    pinned = {}  # replica -> node of its local PVs
    if o["kind"] == "StatefulSet":
        for ns, name, _, n, sts in claims:
            if sts != o["metadata"]["name"]:
                continue
            for pv in by_claim.get((ns, name), []):
                node = pv_node(pv)
                if node is None:
                    continue
                if node not in nodes:
                    problem = problem or f"replica {n}: PV {pv['metadata']['name']} is on undeclared node {node}"
                elif why_not(spec, node):
                    problem = problem or f"replica {n}: its PV's node {node}: {why_not(spec, node)}"
                elif pinned.setdefault(n, node) != node:
                    problem = problem or f"replica {n}: its PVs are on {pinned[n]} and {node}"
    for term in (((spec.get("affinity") or {}).get("podAntiAffinity") or {})
                 .get("requiredDuringSchedulingIgnoredDuringExecution") or []):
        if problem or not selects(term.get("labelSelector"), meta.get("labels") or {}):
            continue
        domains = {nodes[n]["labels"].get(term["topologyKey"]) for n in fits} - {None}
        if len(domains) < replicas:
            problem = f"{replicas} replicas need {replicas} {term['topologyKey']} values, the nodes it fits have {len(domains)}"
        used = [nodes[n]["labels"].get(term["topologyKey"]) for n in pinned.values()]
        if len(set(used)) < len(used):
            problem = problem or f"replicas pinned to the same {term['topologyKey']}: {pinned}"
    if problem:
        bad += 1
        report("b", False, f"{ident(o)}: {problem}")
if not bad:
    kinds = {}
    for o, *_ in pods:
        kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
    report("b", True, f"pods: {len(pods)}/{len(pods)} fit a declared node ("
           + ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())) + f"; {len(nodes)} nodes in nodes.sh)")

# --- c: Secrets the pods read ----------------------------------------------------------------------
refs = []  # (object, secret name, key or None, optional)
for o, meta, spec, _ in pods:
    for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        for e in c.get("env") or []:
            r = (e.get("valueFrom") or {}).get("secretKeyRef")
            if r:
                refs.append((o, r["name"], r.get("key"), r.get("optional", False)))
        for e in c.get("envFrom") or []:
            if e.get("secretRef"):
                refs.append((o, e["secretRef"]["name"], None, e["secretRef"].get("optional", False)))
    for v in spec.get("volumes") or []:
        sources = [v] + [s for s in (v.get("projected") or {}).get("sources") or []]
        for s in sources:
            sec = s.get("secret")
            if sec:
                name = sec.get("secretName") or sec.get("name")
                keys = [it["key"] for it in sec.get("items") or []] or [None]
                refs += [(o, name, k, sec.get("optional", False)) for k in keys]
    refs += [(o, p["name"], None, False) for p in spec.get("imagePullSecrets") or []]
bad = 0
for o, name, key, optional in refs:
    sec = secrets.get((o["metadata"]["namespace"], name))
    keys = set((sec or {}).get("data") or {}) | set((sec or {}).get("stringData") or {})
    if optional:
        continue
    if sec is None:
        bad += 1
        report("c", False, f"{ident(o)}: Secret {name} is neither in the render nor in the bundle")
    elif key and key not in keys:
        bad += 1
        report("c", False, f"{ident(o)}: Secret {name} has no key {key} (has {', '.join(sorted(keys))})")
if not bad:
    report("c", True, f"Secret references: {len(refs)}/{len(refs)} resolve "
           f"({len({r[1] for r in refs})} Secrets; the bundle holds {sum(1 for o in objects if o['kind'] == 'Secret')})")

# --- f: strict YAML, built-in kinds, chart version -------------------------------------------------
builtin = {"v1", "apps/v1", "batch/v1", "policy/v1", "rbac.authorization.k8s.io/v1", "networking.k8s.io/v1",
           "storage.k8s.io/v1", "autoscaling/v2", "scheduling.k8s.io/v1", "coordination.k8s.io/v1"}
other = sorted({f"{o['apiVersion']} {o['kind']}" for o in render + objects + prep if o["apiVersion"] not in builtin})
have_version = yaml.safe_load(open(os.path.join(chart, "Chart.yaml")))["version"]
report("f", not duplicates, "duplicate keys: " + ("none" if not duplicates else "; ".join(duplicates[:8])))
report("f", not other, "API versions: " + ("built-in GA only" if not other else "not built in or not GA: " + ", ".join(other)))
report("f", chart_version == have_version, f"install.sh --version {chart_version}, CHART_DIR is {have_version}")

# --- g: a pod under two PodDisruptionBudgets cannot be evicted -------------------------------------
pdbs = [o for o in render + objects if o["kind"] == "PodDisruptionBudget"]
bad = 0
for o, meta, spec, _ in pods:
    over = [p["metadata"]["name"] for p in pdbs if p["metadata"].get("namespace", namespace) == o["metadata"]["namespace"]
            and selects(p["spec"].get("selector"), meta.get("labels") or {})]
    if len(over) > 1:
        bad += 1
        report("g", False, f"{ident(o)}: covered by {len(over)} PDBs: {', '.join(over)}")
if not bad:
    report("g", True, f"PDBs: no pod under two ({len(pdbs)} PDBs: "
           + ", ".join(f"{p['apiVersion']} {p['metadata']['name']}" for p in pdbs) + ")")

# --- h: the host path of every local PV is prepared on its node ------------------------------------
prepared = {(j["spec"]["template"]["spec"].get("nodeName"), v["hostPath"]["path"])
            for j in prep for v in j["spec"]["template"]["spec"].get("volumes") or [] if v.get("hostPath")}
missing = [pv["metadata"]["name"] for pv in pvs if "local" in pv["spec"]
           and (pv_node(pv), pv["spec"]["local"]["path"]) not in prepared]
undeclared = sorted({n for n, _ in prepared} - set(nodes))
report("h", not missing and not undeclared,
       f"host paths: {sum(1 for pv in pvs if 'local' in pv['spec']) - len(missing)}/"
       f"{sum(1 for pv in pvs if 'local' in pv['spec'])} local PVs prepared by {len(prep)} node-preparation Jobs"
       + (f"; not prepared: {', '.join(missing)}" if missing else "")
       + (f"; Jobs on undeclared nodes: {', '.join(undeclared)}" if undeclared else ""))

# --- i: images from the mirror ---------------------------------------------------------------------
if registry:
    images = sorted({c["image"] for _, _, spec, _ in list(pods) + list(pod_templates(prep))
                     for c in (spec.get("containers") or []) + (spec.get("initContainers") or [])})
    off = [im for im in images if not im.startswith(registry.rstrip("/") + "/")]
    report("i", not off, f"images: {len(images) - len(off)}/{len(images)} from {registry}"
           + (f"; not: {', '.join(off)}" if off else ""))
else:
    print("skip i (no --registry)")

print(f"render-check: {'FAIL' if failed else 'PASS'} ({', '.join(sorted(set(failed))) or 'all checks pass'})")
sys.exit(1 if failed else 0)
PY
