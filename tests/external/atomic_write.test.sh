#!/usr/bin/env bash
# `pulsarc build` writes atomically: fixed modes whatever the umask, files it no longer generates
# are gone, and on any error (configuration, key, I/O) the previous bundle is untouched, byte for
# byte and inode for inode, with no temporary directory left behind. It refuses directories it did
# not write, and output directories that hold pulsar.toml or its key files.
#
# Needs: PULSARC, PULSARC_SOURCE_DIR, sha256sum. The I/O error is made with RLIMIT_FSIZE (ulimit -f),
# which binds root too.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

[[ -n ${PULSARC:-} && -x ${PULSARC} ]] || fail "PULSARC must name the built pulsarc binary (got '${PULSARC:-}')"
[[ -n ${PULSARC_SOURCE_DIR:-} && -d ${PULSARC_SOURCE_DIR} ]] || fail "PULSARC_SOURCE_DIR must name the source tree"

work=$(mktemp -d "${TMPDIR:-/tmp}/pulsarc-atomic.XXXXXX")
trap 'rm -rf "$work"' EXIT
proj="$work/proj"
cp -r "$PULSARC_SOURCE_DIR/samples/seed" "$proj"
cd "$proj"

snapshot() {  # DIR -> inode, mode, size, mtime, ctime, type and path of every entry, then content hashes
  find "$1" -printf '%i %m %s %T@ %C@ %y %p\n' | LC_ALL=C sort -k7
  find "$1" -type f -exec sha256sum {} + | LC_ALL=C sort -k2
}
no_leftovers() {  # DIR: no temporary directory of pulsarc's next to it
  local parent left
  parent=$(dirname "$1")
  left=$(find "$parent" -maxdepth 1 -name '.*.pulsarc-*' -printf '%f\n')
  [[ -z $left ]] || fail "temporary directories left in $parent: $left"
}
build() {  # ARGS... -> sets rc and err
  set +e
  "$PULSARC" build "$@" >/dev/null 2>"$work/err"
  rc=$?
  set -e
  err=$(cat "$work/err")
}
expect_rc() {  # WANT WHAT
  [[ $rc -eq $1 ]] || { echo "$err" >&2; fail "$2: exit $rc, expected $1"; }
}
expect_untouched() {  # WHAT: deploy/ is exactly as in $work/good.snapshot
  diff <(cat "$work/good.snapshot") <(snapshot deploy) >&2 || fail "$1 changed the previous bundle"
  no_leftovers "$proj/deploy"
}

step "fresh build: modes are fixed whatever the umask"
(umask 0077 && "$PULSARC" build >/dev/null 2>&1) || fail "first build failed"
[[ $(stat -c %a deploy) == 755 ]] || fail "deploy/ is $(stat -c %a deploy), expected 755"
[[ $(stat -c %a deploy/values.yaml) == 644 ]] || fail "values.yaml is $(stat -c %a deploy/values.yaml)"
[[ $(stat -c %a deploy/install.sh) == 755 ]] || fail "install.sh is $(stat -c %a deploy/install.sh)"
[[ $(stat -c %a deploy/persistentvolumes) == 755 ]] || fail "persistentvolumes/ is $(stat -c %a deploy/persistentvolumes)"
[[ $(stat -c %a deploy/secrets) == 700 ]] || fail "secrets/ is $(stat -c %a deploy/secrets)"
for f in deploy/secrets/*; do
  [[ $(stat -c %a "$f") == 600 ]] || fail "$f is $(stat -c %a "$f"), expected 600"
done
no_leftovers "$proj/deploy"
(umask 0000 && "$PULSARC" build >/dev/null 2>&1) || fail "rebuild failed"
[[ $(stat -c %a deploy/values.yaml) == 644 && $(stat -c %a deploy/secrets) == 700 ]] || fail "umask 000 changed the modes"
"$PULSARC" build --check >/dev/null 2>&1 || fail "--check after build is not clean"

step "an unchanged build writes nothing: every entry keeps its inode, mode and timestamps"
snapshot deploy >"$work/before.snapshot"
build
expect_rc 0 "unchanged build"
[[ $err == *"is up to date"* ]] || fail "an unchanged build did not say so: $err"
diff "$work/before.snapshot" <(snapshot deploy) >&2 || fail "an unchanged build rewrote the bundle"

step "a bundle edited by hand (content, mode, an extra file) is rewritten whole"
for edit in 'printf "x" >>deploy/values.yaml' 'chmod 600 deploy/values.yaml' 'chmod 755 deploy/secrets' \
  'printf "extra\n" >deploy/extra.yaml'; do
  eval "$edit"
  build
  expect_rc 0 "build after: $edit"
  [[ $err == *"wrote 38 files"* ]] || fail "after $edit the build did not rewrite the bundle: $err"
  diff <(find deploy -printf '%m %p\n' | LC_ALL=C sort) <(sed -n 's/^[0-9]* \([0-7]*\) [0-9]* [0-9.]* [0-9.]* . /\1 /p' "$work/before.snapshot" | LC_ALL=C sort) >&2 ||
    fail "after $edit the rebuilt bundle has other files or modes"
  (cd deploy && sha256sum -c --quiet --strict .pulsarc-index) >&2 || fail "after $edit the bundle does not match its index"
done

step "tokens kept from the previous bundle are the ones a fresh build signs; a new key signs new ones"
"$PULSARC" build -o "$work/fresh" >/dev/null 2>&1 || fail "fresh build failed"
diff -r deploy/secrets "$work/fresh/secrets" >&2 || fail "the kept tokens differ from freshly signed ones"
"$PULSARC" keygen -o "$work/newkey" >/dev/null 2>&1 || fail "keygen failed"
cp keys/private.der "$work/old-private.der"
cp "$work/newkey/private.der" keys/private.der
build
expect_rc 0 "build with a new key"
"$PULSARC" build -o "$work/fresh-new" >/dev/null 2>&1 || fail "fresh build with the new key failed"
diff -r deploy/secrets "$work/fresh-new/secrets" >&2 || fail "after a key change the tokens are not the new key's"
cmp -s deploy/secrets/pulsar-token-admin.yaml "$work/fresh/secrets/pulsar-token-admin.yaml" &&
  fail "a token signed by the old key was kept after the key changed"
cp "$work/old-private.der" keys/private.der
build
expect_rc 0 "build with the old key again"

step "files that are no longer generated are deleted (three bookies -> two, and a stray file)"
printf 'stray\n' >deploy/stray.txt
cp pulsar.toml "$work/pulsar.toml.orig"
sed -i '/^\[bookkeeper\]/,/^\[/ s/^nodes = .*/nodes = ["node1", "node2"]/' pulsar.toml
build
expect_rc 0 "build with two bookies"
[[ ! -e deploy/stray.txt ]] || fail "a file pulsarc does not generate survived the build"
[[ ! -e deploy/persistentvolumes/pulsar-bookie-journal-pulsar-bookie-2.yaml ]] || fail "the third bookie's PV survived"
[[ -e deploy/persistentvolumes/pulsar-bookie-journal-pulsar-bookie-1.yaml ]] || fail "the second bookie's PV is missing"
[[ -e deploy/persistentvolumes/pulsar-zookeeper-data-pulsar-zookeeper-2.yaml ]] || fail "a zookeeper PV is missing"
! grep -q 'bookie-2' deploy/.pulsarc-index || fail "the index still lists the third bookie"
cp "$work/pulsar.toml.orig" pulsar.toml
build
expect_rc 0 "build with three bookies again"
no_leftovers "$proj/deploy"
snapshot deploy >"$work/good.snapshot"

step "a configuration error leaves the previous bundle untouched"
sed -i 's/^ensemble = 2$/ensemble_size = 2/' pulsar.toml
build
expect_rc 1 "build with an unknown key"
[[ $err == *"PLS0002"* ]] || fail "the error is not the unknown key: $err"
expect_untouched "a configuration error"
cp "$work/pulsar.toml.orig" pulsar.toml

step "a missing key file leaves the previous bundle untouched"
mv keys/private.der "$work/private.der"
build
[[ $rc -ne 0 ]] || fail "build without the key file succeeded"
[[ $err == *"keygen"* ]] || fail "the error does not point to pulsarc keygen: $err"
expect_untouched "a missing key"
mv "$work/private.der" keys/private.der

step "an I/O error while writing (file size limit) leaves the previous bundle untouched"
# A change, so that the build has something new to write (an unchanged bundle is not rewritten).
sed -i '/^\[broker\]/,/^\[/ s/^replicas = .*/replicas = 2/' pulsar.toml
set +e
(trap '' XFSZ; ulimit -f 2; exec "$PULSARC" build) >/dev/null 2>"$work/err"
rc=$?
set -e
err=$(cat "$work/err")
expect_rc 2 "build under ulimit -f 2"
[[ $err == *"File too large"* && $err == *"nothing was changed"* ]] || fail "unexpected message: $err"
expect_untouched "an I/O error"
cp "$work/pulsar.toml.orig" pulsar.toml

step "an impossible bundle path (its parent is a file) fails cleanly"
printf 'a file\n' >"$work/afile"
build -o "$work/afile/deploy"
expect_rc 2 "build into a path under a file"
[[ "$(cat "$work/afile")" == "a file" ]] || fail "the file in the way was modified"

step "a non-empty directory without a pulsarc index is refused and not touched"
mkdir -p "$work/mine" && printf 'precious\n' >"$work/mine/notes.txt"
snapshot "$work/mine" >"$work/mine.snapshot"
build -o "$work/mine"
expect_rc 2 "build into a directory pulsarc did not write"
[[ $err == *".pulsarc-index"* ]] || fail "the refusal does not name the index: $err"
diff "$work/mine.snapshot" <(snapshot "$work/mine") >&2 || fail "the refused directory was modified"
printf 'not ours\n' >"$work/mine/.pulsarc-index"
build -o "$work/mine"
expect_rc 2 "build into a directory with a foreign .pulsarc-index"
no_leftovers "$work/mine"
mkdir "$work/empty"
build -o "$work/empty"
expect_rc 0 "build into an empty directory"
[[ -f "$work/empty/.pulsarc-index" ]] || fail "no index after building into an empty directory"

step "output directories that hold pulsar.toml or its keys are refused"
for dir in . .. keys secrets "$proj"; do
  build -o "$dir"
  expect_rc 2 "build -o $dir"
  [[ $err == *"refusing"* ]] || fail "build -o $dir: no refusal message: $err"
done
cmp -s pulsar.toml "$work/pulsar.toml.orig" || fail "pulsar.toml changed"
[[ -f keys/private.der && -f secrets/manager-db.password ]] || fail "a referenced file is gone"
sed -i 's/^dir = "deploy"$/dir = "."/' pulsar.toml
build
expect_rc 2 "build with output.dir = \".\""
cp "$work/pulsar.toml.orig" pulsar.toml

step "a symbolic link as the bundle directory stays a link; the bundle lands where it points"
mkdir "$work/real"
ln -s "$work/real" linked
build -o linked
expect_rc 0 "build through a symbolic link"
[[ -L linked ]] || fail "the symbolic link was replaced"
[[ -f "$work/real/values.yaml" ]] || fail "the bundle is not in the link's target"
no_leftovers "$work/real"
build -o linked
expect_rc 0 "rebuild through a symbolic link"
[[ -L linked ]] || fail "the symbolic link was replaced on rebuild"

step "leftovers of a killed build are cleaned up; nothing is left after a build"
dead_pid=$(($(cat /proc/sys/kernel/pid_max) + 1))  # no process can have it
mkdir ".deploy.pulsarc-new-$dead_pid-0badf00d" ".deploy.pulsarc-old-$dead_pid-0badf00d"
rm deploy/values.yaml  # something to write: an unchanged bundle is kept as it is
build
expect_rc 0 "build next to leftovers"
no_leftovers "$proj/deploy"
[[ $(stat -c %i deploy) != "$(head -1 "$work/good.snapshot" | cut -d' ' -f1)" ]] || fail "deploy/ was not replaced as a whole"

step "a bundle path that is a file is refused"
build -o "$work/afile"
expect_rc 2 "build -o a regular file"
[[ "$(cat "$work/afile")" == "a file" ]] || fail "the file was modified"

echo "PASS"
