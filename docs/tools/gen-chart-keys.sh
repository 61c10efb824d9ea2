#!/usr/bin/env bash
# Generate the key table of compiler/chart/v<version>/keys.inc for one version of
# apache/pulsar-helm-chart.
#
# Usage: docs/tools/gen-chart-keys.sh CHART_DIR VERSION > /tmp/keys.inc
#
# CHART_DIR is an unpacked charts/pulsar directory at the release tag (for
# 2.7.7: tag pulsar-2.7.7, commit 0f6dea80222f2fbd18af67fa98fa6f32f5f18522),
# kept outside this repository, e.g.
#   git --git-dir=<bare clone> archive <commit> charts/pulsar \
#     | tar -x -C /tmp/chart-2.7.7 --strip-components=2
#
# The output is the body of one `constexpr ChartKey kChartKeys_<ver>[]` array:
# every dotted key path that either exists in the chart's default values.yaml
# or is read by a template (`.Values.a.b.c`, including keys that values.yaml
# only shows in comments), sorted by byte order, one entry per path, with
#   kind: map       a mapping whose children are listed individually
#         freeform  a mapping whose children are user-defined (configData,
#                   annotations, nodeSelector, resources, updateStrategy, an
#                   empty `{}` default, ...): anything below it is accepted
#         scalar    a scalar or null default: nothing below it exists
#         list      a sequence: nothing below it is a key
#   used: whether a template reads the path, a parent or a child of it
#         (false = accepted by the chart but it has no effect)
# Save it as compiler/chart/v<version>/keys.inc (between the BEGIN/END GENERATED markers).
#
# Needs python3 with PyYAML. Nothing from the chart is copied into the repo
# except key names.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 CHART_DIR VERSION" >&2
  exit 2
fi
chart_dir=$1
version=$2
[[ -f $chart_dir/values.yaml && -d $chart_dir/templates ]] || {
  echo "$0: $chart_dir is not a chart directory" >&2
  exit 2
}

exec python3 - "$chart_dir" "$version" <<'PY'
import hashlib, os, re, sys
import yaml

chart_dir, version = sys.argv[1], sys.argv[2]
values_path = os.path.join(chart_dir, "values.yaml")
with open(values_path, "rb") as f:
    raw = f.read()
values = yaml.safe_load(raw) or {}

# Maps whose content the templates pass through wholesale (toYaml / range):
# any key below them is meaningful, so they are "freeform".
FREEFORM_LAST = {"configData", "annotations", "nodeSelector", "resources",
                 "updateStrategy", "labels", "secretAnnotations"}
FREEFORM_PATHS = {"bookkeeper.service.spec",   # toYaml into the Service spec
                  "auth.superUsers"}           # every value joins superUserRoles

def freeform(path):
    return path in FREEFORM_PATHS or path.rsplit(".", 1)[-1] in FREEFORM_LAST


# Kind of a template-read key that has no default (only a comment, or nothing).
LIST_LAST = {"tolerations", "dnsNames", "ipAddresses", "imagePullSecrets",
             "loadBalancerSourceRanges", "extraVolumes", "extraVolumeMounts"}
MAP_LAST = {"storageClass"}

table = {}  # path -> kind

# Subcharts (Chart.yaml dependencies): their values belong to the subchart.
SUBCHARTS = {"victoria-metrics-k8s-stack"}

def walk(node, prefix):
    for key, val in node.items():
        key = str(key)
        path = f"{prefix}.{key}" if prefix else key
        if "." in key:
            # A subchart's own values may use dotted keys (grafana.ini): the
            # parent cannot be described key by key, so it becomes freeform.
            if prefix.split(".")[0] in SUBCHARTS:
                return "dotted"
            sys.exit(f"key with a dot outside a freeform map: {path}")
        if isinstance(val, dict):
            if not val or freeform(path):
                table[path] = "freeform"
            else:
                table[path] = "map"
                if walk(val, path) == "dotted":
                    for k in [k for k in table if k.startswith(path + ".")]:
                        del table[k]
                    table[path] = "freeform"
        elif isinstance(val, list):
            table[path] = "list"
        elif val is None and freeform(path):
            table[path] = "freeform"
        elif val is None and key in LIST_LAST:
            table[path] = "list"       # `dnsNames:` with the list only in a comment
        else:
            table[path] = "scalar"

walk(values, "")

# Every `.Values.x.y` a template reads (also `$.Values`, `$global.Values`).
refs = set()
tdir = os.path.join(chart_dir, "templates")
for name in sorted(os.listdir(tdir)):
    with open(os.path.join(tdir, name), encoding="utf-8") as f:
        for m in re.finditer(r"\.Values((?:\.[A-Za-z0-9_]+)+)", f.read()):
            refs.add(m.group(1)[1:])
    with open(os.path.join(tdir, name), encoding="utf-8") as f:
        for m in re.finditer(r"index\s+\$?\w*\.Values((?:\s+\"[^\"]+\")+)", f.read()):
            refs.add(".".join(re.findall(r'"([^"]+)"', m.group(1))))
    with open(os.path.join(tdir, name), encoding="utf-8") as f:
        txt = re.sub(r"index\s+\$?\w*\.Values(?:\s+\"[^\"]+\")+", "", f.read())
        if re.search(r"index\s+\$?\w*\.Values", txt):
            sys.exit(f"{name}: `index .Values` access; extend this script")

# Values handed to a named template through `(dict "name" .Values.a.b)` and read there as
# `.name.x`: add `a.b.x` (chart 4.x passes .Values.tls.<comp> as tlsConfig this way).
alltext = ""
for name in sorted(os.listdir(tdir)):
    with open(os.path.join(tdir, name), encoding="utf-8") as f:
        alltext += f.read() + "\n"
passed = set()
for m in re.finditer(r'\(dict((?:\s+"[A-Za-z_]+"\s+[^\s()"]+)+)\s*\)', alltext):
    for n, v in re.findall(r'"([A-Za-z_]+)"\s+\$?\w*\.Values((?:\.[A-Za-z0-9_]+)+)', m.group(1)):
        passed.add((n, v[1:]))
for n, base in sorted(passed):
    for a in re.findall(r'(?<=[\s(])\.' + n + r'((?:\.[A-Za-z0-9_]+)+)', alltext):
        refs.add(base + a)

def covered(path):
    """True when an ancestor of path is freeform, so path needs no entry."""
    parts = path.split(".")
    for i in range(1, len(parts)):
        k = table.get(".".join(parts[:i]))
        if k == "freeform":
            return True
        if k in ("scalar", "list"):
            sys.exit(f"template reads {path} below a {k} default")
    return False

for ref in sorted(refs, key=lambda p: (p.count("."), p)):
    if ref in table or covered(ref):
        continue
    parts = ref.split(".")
    for i in range(1, len(parts)):
        table.setdefault(".".join(parts[:i]), "map")
    last = parts[-1]
    if last in FREEFORM_LAST:
        table[ref] = "freeform"
    elif last in LIST_LAST:
        table[ref] = "list"
    elif last in MAP_LAST:
        table[ref] = "map"
    else:
        table[ref] = "scalar"

def used(path):
    for r in refs:
        if r == path or r.startswith(path + ".") or path.startswith(r + "."):
            return True
    return False

paths = sorted(table, key=lambda p: p.encode())
sha = hashlib.sha256(raw).hexdigest()
print(f"    // chart {version}: {len(paths)} key paths; values.yaml sha256 {sha}")
print(f"    // generated by docs/tools/gen-chart-keys.sh; do not edit by hand")
for p in paths:
    kind = table[p]
    u = "true" if used(p) else "false"
    print(f'    {{"{p}", ChartKeyKind::{kind}, {u}}},')
PY
