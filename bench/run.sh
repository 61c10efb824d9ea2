#!/usr/bin/env bash
# Whole-process benchmark of pulsarc: the seed and generated clusters of growing size.
#
# Builds pulsarc (Release) into build-bench if needed, generates clusters with bench/gen-cluster
# (and a key with `pulsarc keygen`), then measures, each as the median of repeated runs:
#   - `pulsarc build` into a fresh directory, and over its previous bundle (seed and 1k);
#   - `pulsarc check` alone;
#   - `cp -r` of the bundle pulsarc wrote, into a fresh directory on the same file system;
#   - peak RSS (`/usr/bin/time -f %M`);
# plus the per-stage times of bench/stages.cpp. Prints a table and writes bench/results.md.
#
# Usage: bench/run.sh [--quick] [--sizes "1000 2000 5000 10000"] [--runs N] [--work DIR]
#                     [--results FILE] [--no-install] [--instructions]
#   --quick      the seed and the 1,000-node cluster only, fewer runs
#   --sizes      node counts; each cluster has 5 zookeepers, 60 % bookies and 10 % brokers
#   --runs       runs per measurement (default: 20 for the seed, 5 up to 2,000 nodes, 3 above)
#   --instructions  also count instructions per stage with valgrind (callgrind): slow, but exact
#                and independent of the machine's load, so it shows growth even on a busy machine
#   --work       where to make the scratch directory (default: $TMPDIR or /tmp); it must be on the
#                file system whose speed you want to know, since `cp -r` and the build write there
# Uses hyperfine when installed (as root it installs the Debian package `hyperfine`, and `time`
# for peak RSS, unless --no-install); otherwise a loop timed with bash's `time`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build="$root/build-bench"
sizes="1000 2000 5000 10000"
runs_override=""
work=""
results="$here/results.md"
install=1
quick=0
instructions=0
# The fastest peer measured on this kind of machine (issue 12): Pkl 0.30 (native) writing only
# the 1,205 PersistentVolumes of the 1,000-node cluster. The target is at most 0.25 of it.
pkl_ms=${PKL_PV_MS:-380}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1; sizes="1000"; shift ;;
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs_override="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    --no-install) install=0; shift ;;
    --instructions) instructions=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

log() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
apt_install() {
  [[ $install == 1 && $(id -u) == 0 ]] && command -v apt-get >/dev/null || return 1
  log "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; }
}
command -v hyperfine >/dev/null || apt_install hyperfine || log "hyperfine not available: timing with a bash loop"
[[ -x /usr/bin/time ]] || apt_install time || log "/usr/bin/time not available: no peak RSS"
if [[ $instructions == 1 ]] && ! command -v valgrind >/dev/null; then
  apt_install valgrind || { log "valgrind not available: no instruction counts"; instructions=0; }
fi
have_hyperfine=0
command -v hyperfine >/dev/null && have_hyperfine=1
hyperfine_flags=()
# -N: no intermediate shell, which would add milliseconds to a 10 ms measurement.
[[ $have_hyperfine == 1 ]] && hyperfine -N --version >/dev/null 2>&1 && hyperfine_flags+=(-N)

# --- build -------------------------------------------------------------------------------------
cmake_args=(-DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DPULSARC_BENCH=ON)
command -v ninja >/dev/null && [[ ! -f "$build/CMakeCache.txt" ]] && cmake_args+=(-G Ninja)
# GCC 12 at -O3 reports a false -Wrestrict (GCC bug 105329) on `"literal" + std::string`, which
# -Werror turns into a failed Release build; the warning says nothing about our code.
cmake_args+=(-DCMAKE_CXX_FLAGS=-Wno-restrict)
log "building pulsarc (Release) in $build"
# What is measured, recorded now: the sources may change while the benchmark runs.
revision=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
changed=$(git -C "$root" status --porcelain -- compiler include CMakeLists.txt 2>/dev/null | awk '{ print $NF }' | paste -sd, - | sed 's/,/, /g')
[[ -n "$changed" ]] && revision="$revision + uncommitted changes to $changed"
cmake -S "$root" -B "$build" "${cmake_args[@]}" >/dev/null
cmake --build "$build" --target pulsarc pulsarc_stages -j "$(nproc)" >/dev/null
pulsarc="$build/pulsarc"
stages="$build/bench/pulsarc_stages"

# --- scratch -----------------------------------------------------------------------------------
# Always a new directory of our own (inside --work when given), so that the final cleanup removes
# only what the benchmark wrote.
[[ -n "$work" ]] && mkdir -p "$work"
work=$(mktemp -d "${work:-${TMPDIR:-/tmp}}/pulsarc-bench.XXXXXX")
mkdir -p "$work/trash"
# Moves a directory out of the way before a run that must start without it. Nothing is deleted
# until every measurement is done: deleting is slow on some file systems (mounted with `discard`),
# and on ext4 without a journal, creating files scans past every inode freed in the last 60 to
# 300 seconds (ialloc.c, recently_deleted), so a deletion would slow down the next measurements.
cat >"$work/rotate" <<'EOF'
#!/usr/bin/env bash
[[ -e "$1" ]] && mv "$1" "$(dirname "$1")/trash/$(date +%s%N)-$$"
exit 0
EOF
chmod +x "$work/rotate"
settle() {
  # Write back what the last measurements left dirty, so that it does not happen during the next.
  sync
}

# --- measuring ---------------------------------------------------------------------------------
# median: the median of the numbers on stdin, one per line.
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# spread: "min–max" of the numbers on stdin, one per line.
spread() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.1f–%.1f", lo, hi }'; }

# measure RUNS PREPARE COMMAND...: sets wall_ms and cpu_ms (user + system), both medians, and
# spread_ms, the fastest and slowest run ("min–max").
# From hyperfine when it is installed (wall: its median; CPU: its mean user + system, from the
# kernel's accounting of each run), otherwise from a loop timed with bash's `time`, which rounds
# a run of a few milliseconds to whole ticks.
measure() {
  local runs=$1 prepare=$2 times="$work/times" i
  shift 2
  if [[ $have_hyperfine == 1 ]]; then
    local csv="$work/hyperfine.csv" args=("${hyperfine_flags[@]}" --runs "$runs" --export-csv "$work/hyperfine.csv" --style none)
    (( runs >= 5 )) && args+=(--warmup 2)
    [[ -n "$prepare" ]] && args+=(--prepare "$prepare")
    hyperfine "${args[@]}" "$*" >/dev/null
    # command,mean,stddev,median,user,system,min,max in seconds; read from the end (the command may hold commas).
    wall_ms=$(awk -F, 'NR == 2 { printf "%.1f\n", $(NF-4) * 1000 }' "$csv")
    spread_ms=$(awk -F, 'NR == 2 { printf "%.1f–%.1f\n", $(NF-1) * 1000, $NF * 1000 }' "$csv")
    cpu_ms=$(awk -F, 'NR == 2 { printf "%.1f\n", ($(NF-3) + $(NF-2)) * 1000 }' "$csv")
    return 0
  fi
  : >"$times"
  for ((i = 0; i < runs; i++)); do
    [[ -n "$prepare" ]] && $prepare
    { TIMEFORMAT='%3R %3U %3S'; time "$@" >/dev/null 2>&1; } 2>>"$times"
  done
  wall_ms=$(awk '{ print $1 * 1000 }' "$times" | median)
  spread_ms=$(awk '{ print $1 * 1000 }' "$times" | spread)
  cpu_ms=$(awk '{ print ($2 + $3) * 1000 }' "$times" | median)
}

# measure_in_turns RUNS PREPARE_A COMMAND_A PREPARE_B COMMAND_B (commands as words, no quoting):
# one run of A, one of B, RUNS times after two rounds of warm-up, so that both meet the same state
# of the machine and its file system. That state drifts during a benchmark: measured one after the
# other, a 1,000-node build and its `cp -r` each came out a third faster or slower depending on
# which went first. Sets wall_ms, spread_ms and cpu_ms for B, and a_wall_ms, a_spread_ms and
# a_cpu_ms for A (medians of the runs).
measure_in_turns() {
  local runs=$1 prepare_a=$2 command_a=$3 prepare_b=$4 command_b=$5 i
  : >"$work/turns-a"
  : >"$work/turns-b"
  for ((i = -2; i < runs; i++)); do
    # shellcheck disable=SC2086  # the commands are words
    measure 1 "$prepare_a" $command_a
    (( i >= 0 )) && echo "$wall_ms $cpu_ms" >>"$work/turns-a"
    # shellcheck disable=SC2086
    measure 1 "$prepare_b" $command_b
    (( i >= 0 )) && echo "$wall_ms $cpu_ms" >>"$work/turns-b"
  done
  summarize_turns "$work/turns-a"
  a_wall_ms=$wall_ms a_spread_ms=$spread_ms a_cpu_ms=$cpu_ms
  summarize_turns "$work/turns-b"
}
summarize_turns() {
  wall_ms=$(cut -d' ' -f1 "$1" | median)
  spread_ms=$(cut -d' ' -f1 "$1" | spread)
  cpu_ms=$(cut -d' ' -f2 "$1" | median)
}

# peak_rss COUNT PREPARE COMMAND...: sets rss_mib, the largest of COUNT runs (n/a without /usr/bin/time).
peak_rss() {
  local count=$1 prepare=$2 i kb max=0
  shift 2
  rss_mib="n/a"
  [[ -x /usr/bin/time ]] || return 0
  for ((i = 0; i < count; i++)); do
    [[ -n "$prepare" ]] && $prepare
    /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1
    kb=$(tail -n 1 "$work/rss")
    (( kb > max )) && max=$kb
  done
  rss_mib=$(awk -v kb="$max" 'BEGIN { printf "%.1f", kb / 1024 }')
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

rows=()          # the summary table, markdown
instruction_rows=()
stage_tables=()  # per-stage tables, markdown
declare -A build_ms cpu_build_ms check_ms check_build_ms cp_ms rss_build files_of pipeline_ms unchanged_ms
# row CASE FILES WALL CPU RSS CP_MS (the spread is the last measure's)
row() {
  local versus_cp="" versus_pkl=""
  # Only builds are compared: with `cp -r` of their output, and with Pkl writing the PVs.
  if [[ -n "$6" ]]; then
    versus_cp="$(ratio "$3" "$6")×"
    versus_pkl="$(ratio "$3" "$pkl_ms")×"
  fi
  rows+=("| $1 | $2 | $3 | $spread_ms | $4 | $5 | $versus_cp | $versus_pkl |")
  printf '%-44s %7s files %10s ms wall %10s ms cpu %8s MiB  vs cp -r %-7s vs Pkl %s\n' "$1" "$2" "$3" "$4" "$5" \
    "${versus_cp:--}" "${versus_pkl:--}" >&2
}

previous_nodes=""  # the cluster before, for the instructions each added node costs
previous_total=""
# count_instructions NAME CONFIG BUNDLE NODES: instructions of `pulsarc build --check` (everything but
# the write) under callgrind, in total and inclusive per stage; BUNDLE must be up to date.
count_instructions() {
  local name=$1 config=$2 out=$3 nodes=$4 profile="$work/callgrind.out"
  log "  counting instructions (callgrind)"
  valgrind --tool=callgrind --callgrind-out-file="$profile" "$pulsarc" build "$config" -o "$out" --check >/dev/null 2>&1
  # Inclusive counts, in millions, of the functions that make up a build.
  local counts
  counts=$(callgrind_annotate --inclusive=yes --threshold=100 "$profile" 2>/dev/null | awk '
    function millions(text) { gsub(/,/, "", text); return sprintf("%.1f", text / 1e6) }
    / PROGRAM TOTALS/ && !total { total = millions($1) }
    /pulsarc::parse\(/ && !parse { parse = millions($1) }
    /pulsarc::check\(/ && !check { check = millions($1) }
    /pulsarc::lower\(/ && !lower { lower = millions($1) }
    /pulsarc::emit\(/ && !emit { emit = millions($1) }
    /pulsarc::cli::read_bundle_dir\(/ && !disk { disk = millions($1) }
    /pulsarc::crypto::load_rsa_private_key\(/ && !keys { keys = millions($1) }
    /pulsarc::crypto::mint_token/ && !minted { minted = millions($1) }
    /pulsarc::crypto::is_minted_token/ && !kept { kept = millions($1) }
    # A function callgrind never saw ran no instruction (an up-to-date bundle keeps its tokens).
    END { if (total) print total, parse, check, lower, emit, disk, keys + 0, minted + kept }')
  local total parse check lower emit disk keys tokens
  read -r total parse check lower emit disk keys tokens <<<"$counts"
  local per_node=""
  if [[ -n "$previous_total" && -n "$total" && "$nodes" != "$previous_nodes" ]]; then
    per_node=$(awk -v a="$previous_total" -v b="$total" -v m="$previous_nodes" -v n="$nodes" 'BEGIN { printf "%.0f", (b - a) * 1e3 / (n - m) }')
  fi
  previous_total=$total
  previous_nodes=$nodes
  instruction_rows+=("| $name | ${total:-?} | ${parse:-?} | ${check:-?} | ${lower:-?} | ${emit:-?} | ${disk:-?} | ${keys:-?} + ${tokens:-?} | $per_node |")
  rm -f "$profile"
}

# bench_case NAME CONFIG NODES RUNS WITH_REBUILD STAGE_ITERATIONS STAGE_WRITES
bench_case() {
  local name=$1 config=$2 nodes=$3 runs=$4 rebuild=$5 stage_iterations=$6 stage_writes=$7
  local out="$work/out-$name" copy="$work/copy-$name" files
  # Peak RSS hardly varies between runs; one run is enough where a run takes a minute.
  local rss_runs=3
  (( runs < 5 )) && rss_runs=1
  [[ -n "$runs_override" ]] && runs=$runs_override
  log "== $name: $config ($runs runs)"

  "$pulsarc" build "$config" -o "$out" 2>/dev/null
  files=$(find "$out" -type f | wc -l)
  files_of[$name]=$files

  # The build into a new directory and `cp -r` of its output, in turns (the paths have no spaces).
  measure_in_turns "$runs" "$work/rotate $copy" "cp -r $out $copy" "$work/rotate $out" "$pulsarc build $config -o $out"
  local cp_wall=$a_wall_ms build_wall=$wall_ms build_spread=$spread_ms build_cpu=$cpu_ms
  cp_ms[$name]=$cp_wall
  build_ms[$name]=$build_wall
  cpu_build_ms[$name]=$build_cpu
  rows+=("| $name: \`cp -r\` of the bundle | $files | $cp_wall | $a_spread_ms | $a_cpu_ms | | 1.00× | $(ratio "$cp_wall" "$pkl_ms")× |")
  settle

  measure "$runs" "" "$pulsarc" check "$config"
  check_ms[$name]=$wall_ms
  local check_cpu=$cpu_ms
  peak_rss "$rss_runs" "" "$pulsarc" check "$config"
  row "$name: \`pulsarc check\`" "" "${check_ms[$name]}" "$check_cpu" "$rss_mib" ""

  peak_rss "$rss_runs" "$work/rotate $out" "$pulsarc" build "$config" -o "$out"
  rss_build[$name]=$rss_mib
  spread_ms=$build_spread
  row "$name: \`pulsarc build\`, new directory" "$files" "$build_wall" "$build_cpu" "$rss_mib" "$cp_wall"

  # Everything but the write: builds in memory and compares with the bundle just written.
  measure "$runs" "" "$pulsarc" build "$config" -o "$out" --check
  check_build_ms[$name]=$wall_ms
  row "$name: \`pulsarc build --check\` (no write)" "$files" "$wall_ms" "$cpu_ms" "" "$cp_wall"
  settle

  if [[ $rebuild == 1 ]]; then
    # Over its own bundle, unchanged: nothing is rewritten.
    "$pulsarc" build "$config" -o "$out" 2>/dev/null
    measure "$runs" "" "$pulsarc" build "$config" -o "$out"
    unchanged_ms[$name]=$wall_ms
    row "$name: \`pulsarc build\`, unchanged, over its bundle" "$files" "$wall_ms" "$cpu_ms" "" "$cp_wall"
  fi

  [[ $instructions == 1 ]] && count_instructions "$name" "$config" "$out" "$nodes"

  log "  per-stage times ($stage_iterations iterations, $stage_writes writing)"
  local table
  table=$("$stages" "$config" --iterations "$stage_iterations" --write-iterations "$stage_writes" --scratch "$work/stages-$name" 2>/dev/null)
  stage_tables+=("### $name"$'\n\n'"$table"$'\n')
  pipeline_ms[$name]=$(printf '%s\n' "$table" | awk -F'|' '/\*\*in-memory total/ { gsub(/ /, "", $3); print $3 }')
  settle
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# The floor of every whole-process figure: starting any process, and starting pulsarc.
log "== process start-up"
measure 20 "" /bin/true
true_ms=$wall_ms
row "\`/bin/true\` (any process)" "" "$wall_ms" "$cpu_ms" "" ""
measure 20 "" "$pulsarc" --version
version_ms=$wall_ms
row "\`pulsarc --version\` (start-up)" "" "$wall_ms" "$cpu_ms" "" ""

# The seed, as committed (its key and password are test-only files next to it).
bench_case seed "$root/samples/seed/pulsar.toml" 3 20 1 20 5
# The same cluster on chart 4.7.0 (issue 9: within 10 % of the 2.7.7 seed's build).
bench_case seed-4.7.0 "$root/samples/seed-4.7.0/pulsar.toml" 3 20 0 20 0

for nodes in $sizes; do
  bookies=$(( nodes * 6 / 10 ))
  brokers=$(( nodes / 10 ))
  name="${nodes}-nodes"
  dir="$work/cluster-$nodes"
  mkdir -p "$dir"
  "$here/gen-cluster" --nodes "$nodes" --zookeepers 5 --bookies "$bookies" --brokers "$brokers" -o "$dir/pulsar.toml"
  [[ -f "$dir/keys/private.der" ]] || "$pulsarc" keygen -o "$dir/keys" 2>/dev/null
  # A large build's wall time swings with the file system's state (±30 % from run to run here):
  # enough runs for a stable median where a run is short.
  runs=15
  (( nodes > 2000 )) && runs=3
  (( quick == 1 )) && runs=3
  rebuild=0
  (( nodes == 1000 )) && rebuild=1
  stage_writes=0
  (( nodes == 1000 )) && stage_writes=1
  bench_case "$name" "$dir/pulsar.toml" "$nodes" "$runs" "$rebuild" "$(( nodes > 2000 ? 3 : 5 ))" "$stage_writes"
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# How much of compiler/cli/link-order.txt the measured executable still has (a list gone stale
# after large changes lays out less of the code; bench/link-order.sh writes it again).
link_order="$root/compiler/cli/link-order.txt"
listed=$(grep -vc '^#' "$link_order" || true)
present=$(nm --defined-only "$pulsarc" 2>/dev/null | awk '{ print $3 }' | sort -u |
  comm -12 - <(grep -v '^#' "$link_order" | sort -u) | wc -l)
linker=$(readelf -p .comment "$pulsarc" 2>/dev/null | grep -o 'LLD [0-9.]*' | head -n 1 || true)

# --- report ------------------------------------------------------------------------------------
verdict() { awk -v value="$1" -v limit="$2" 'BEGIN { print (value <= limit ? "**met**" : "**missed**") }'; }
{
  echo "# pulsarc benchmark"
  echo
  echo "Generated by \`bench/run.sh\` on $started; do not edit by hand, run it again."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) CPUs available"
  echo "- Memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); kernel $(uname -r)"
  echo "- Scratch file system: $(findmnt -n -o FSTYPE,OPTIONS -T "$work" 2>/dev/null || echo unknown) ($work)"
  echo "- Load average (1, 5, 15 min): $load_before before, $load_after after"
  echo "- pulsarc $revision; Release, $("${CXX:-c++}" --version 2>/dev/null | head -n 1)"
  layout="the default order of the linker (no lld)"
  [[ -n "$linker" ]] && layout="$linker, in the order of the list"
  echo "- Code layout: $layout; $present of the $listed functions in \`compiler/cli/link-order.txt\` are in the executable"
  echo "- Timing: wall = median of the runs ($( [[ $have_hyperfine == 1 ]] && hyperfine --version || echo "bash's time")); CPU = user + system ($( [[ $have_hyperfine == 1 ]] && echo "hyperfine's mean" || echo "median, bash's time")); peak RSS = largest of 3 runs (1 for the clusters above 2,000 nodes). \`cp -r\` and the build into a new directory run in turns, one run of each, and their CPU is the median"
  echo
  echo "Clusters come from \`bench/gen-cluster --nodes N --zookeepers 5 --bookies 0.6N --brokers 0.1N\`:"
  echo "production profile, dedicated tainted ZooKeeper and bookie nodes, RS256 JWT (3 tokens), manager off."
  echo
  echo "## Whole process"
  echo
  echo "| case | files | wall ms (median) | spread ms (min–max) | CPU ms | peak RSS MiB | vs \`cp -r\` | vs Pkl ${pkl_ms} ms |"
  echo "|---|--:|--:|--:|--:|--:|--:|--:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "## Targets"
  echo
  echo "| target | measured | |"
  echo "|---|---|---|"
  echo "| seed \`build\` into an empty directory ≤ 10 ms | ${build_ms[seed]} ms | $(verdict "${build_ms[seed]}" 10) |"
  echo "| seed \`build\` unchanged, over its own bundle ≤ 8 ms | ${unchanged_ms[seed]} ms | $(verdict "${unchanged_ms[seed]}" 8) |"
  echo "| seed \`build --check\` ≤ 8 ms | ${check_build_ms[seed]} ms | $(verdict "${check_build_ms[seed]}" 8) |"
  echo "| seed \`check\` ≤ 5 ms | ${check_ms[seed]} ms | $(verdict "${check_ms[seed]}" 5) |"
  echo "| seed on chart 4.7.0: \`build\` into an empty directory within 10 % of chart 2.7.7 | ${build_ms[seed-4.7.0]} ms vs ${build_ms[seed]} ms = $(ratio "${build_ms[seed-4.7.0]}" "${build_ms[seed]}")× | $(verdict "$(ratio "${build_ms[seed-4.7.0]}" "${build_ms[seed]}")" 1.10) |"
  echo "| \`--version\` pays only for starting | $version_ms ms (\`/bin/true\`: $true_ms ms) | |"
  if [[ -n "${build_ms[1000-nodes]:-}" ]]; then
    large=${build_ms[1000-nodes]}
    echo "| 1,000 nodes: \`build\` ≤ 1.0× \`cp -r\` of its output | $large ms vs ${cp_ms[1000-nodes]} ms = $(ratio "$large" "${cp_ms[1000-nodes]}")× | $(verdict "$(ratio "$large" "${cp_ms[1000-nodes]}")" 1.0) |"
    echo "| 1,000 nodes: \`build\` ≤ 0.25× Pkl's ${pkl_ms} ms | $large ms = $(ratio "$large" "$pkl_ms")× | $(verdict "$(ratio "$large" "$pkl_ms")" 0.25) |"
  fi
  if [[ -n "${rss_build[10000-nodes]:-}" ]]; then
    echo "| 10,000 nodes: peak memory ≤ 100 MB | ${rss_build[10000-nodes]} MiB | $(verdict "${rss_build[10000-nodes]}" 95.4) |"
  fi
  echo
  echo "## Growth with cluster size"
  echo
  echo "Linear growth keeps the per-node figures flat. The in-memory pipeline is read + parse + check +"
  echo "lower + emit from bench/stages.cpp (median), without writing."
  echo
  echo "| nodes | files | build wall ms | build CPU ms | CPU µs per node | \`build --check\` wall ms | in-memory pipeline ms | µs per node | build peak RSS MiB | check wall ms |"
  echo "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  for nodes in $sizes; do
    name="${nodes}-nodes"
    echo "| $nodes | ${files_of[$name]} | ${build_ms[$name]} | ${cpu_build_ms[$name]} | $(awk -v t="${cpu_build_ms[$name]}" -v n="$nodes" 'BEGIN { printf "%.0f", t * 1000 / n }') | ${check_build_ms[$name]} | ${pipeline_ms[$name]} | $(awk -v t="${pipeline_ms[$name]}" -v n="$nodes" 'BEGIN { printf "%.1f", t * 1000 / n }') | ${rss_build[$name]} | ${check_ms[$name]} |"
  done
  echo
  if [[ ${#instruction_rows[@]} -gt 0 ]]; then
    echo "## Instructions (callgrind, millions; exact and independent of the load)"
    echo
    echo "\`pulsarc build --check\` against an up-to-date bundle: everything but the write. Stage columns are"
    echo "inclusive; the crypto column (RSA key loads + RS256 tokens, signed or, when kept, verified) is part of"
    echo "check and lower."
    echo
    echo "| case | whole process | parse | check | lower | emit | read the bundle back | crypto: key loads + tokens | thousands per added node |"
    echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|"
    printf '%s\n' "${instruction_rows[@]}"
    echo
  fi
  echo "## Per stage (bench/stages.cpp, in one process)"
  echo
  echo "The write rows time \`cli::write_bundle\` (a staging directory swapped in by rename) against two"
  echo "reference writers of the same files: plain writes without any sync, and the same plus one syncfs(2)."
  echo "Medians under load: compare stages within a table rather than across runs."
  echo
  printf '%s\n' "${stage_tables[@]}"
} >"$results"

log ""
log "wrote $results"
log "removing $work (untimed; slow on file systems mounted with discard)"
rm -rf "$work"
