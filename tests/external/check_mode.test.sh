#!/usr/bin/env bash
# `pulsarc build --check` as a pre-commit hook uses it: exit 3 with a list and a unified diff for
# every kind of difference (missing directory, hand-edited, extra, removed, mode), secrets never
# shown, secrets/ ignored in separate mode, nothing ever written, and failures that can never pass
# as "no difference" (exit 2). The printed diff is applied with GNU patch, which must turn the stale
# directory into exactly what `pulsarc build` writes.
#
# Needs: PULSARC, PULSARC_SOURCE_DIR; patch, base64, sha256sum, node (to parse --format json), and
# setpriv to test an unreadable file as an unprivileged user when run as root. A missing tool skips
# (77), or fails when CI is set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
skip_or_fail() {
  if [[ -n ${CI:-} ]]; then fail "$* (CI is set, so a missing tool is a failure, not a skip)"; fi
  echo "SKIP: $*" >&2
  exit 77
}
step() { echo "--- $*"; }

[[ -n ${PULSARC:-} && -x ${PULSARC} ]] || fail "PULSARC must name the built pulsarc binary (got '${PULSARC:-}')"
[[ -n ${PULSARC_SOURCE_DIR:-} && -d ${PULSARC_SOURCE_DIR} ]] || fail "PULSARC_SOURCE_DIR must name the source tree"
for tool in patch base64 sha256sum node; do
  command -v "$tool" >/dev/null 2>&1 || skip_or_fail "$tool not found"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/pulsarc-check-mode.XXXXXX")
trap 'rm -rf "$work"' EXIT
proj="$work/proj"
cp -r "$PULSARC_SOURCE_DIR/samples/seed" "$proj"
cd "$proj"

# Everything about a tree that a write would change: inode, mode, size, mtime, ctime, content.
snapshot() {  # DIR... -> listing on stdout
  local d
  for d in "$@"; do
    [[ -e $d ]] || { echo "absent $d"; continue; }
    find "$d" -printf '%i %m %s %T@ %C@ %y %p\n' | LC_ALL=C sort -k7
    find "$d" -type f -exec sha256sum {} + | LC_ALL=C sort -k2
  done
}
# The project directory itself (entries only: the temporary directories would appear here).
siblings() { ls -A "$proj" | LC_ALL=C sort; }

check() {  # ARGS... -> sets rc, out, err
  set +e
  "$PULSARC" build --check "$@" >"$work/out" 2>"$work/err"
  rc=$?
  set -e
  out=$(cat "$work/out")
  err=$(cat "$work/err")
}
expect_rc() {  # WANT WHAT
  [[ $rc -eq $1 ]] || { cat "$work/out" "$work/err" >&2; fail "$2: exit $rc, expected $1"; }
}
expect_out() {  # PATTERN (grep -E, on stdout)
  grep -qE -- "$1" "$work/out" || { cat "$work/out" "$work/err" >&2; fail "stdout lacks /$1/"; }
}

step "missing bundle directory: exit 3, every file listed as added, nothing created"
before=$(siblings)
check
expect_rc 3 "--check without a bundle"
expect_out "^deploy does not exist"
expect_out "^  added: +values\.yaml$"
expect_out "^  added: +\.pulsarc-index$"
expect_out "^\+\+\+ b/values\.yaml$"
[[ ! -e deploy ]] || fail "--check created deploy/"
[[ "$(siblings)" == "$before" ]] || fail "--check left something in the project directory: $(siblings)"
[[ $err == *"out of date"* ]] || fail "stderr does not say the bundle is out of date: $err"

step "fresh bundle: exit 0"
"$PULSARC" build >/dev/null 2>&1 || fail "pulsarc build failed"
check
expect_rc 0 "--check right after build"
[[ -z $out ]] || fail "an up-to-date check printed on stdout: $out"
[[ $err == *"up to date"* ]] || fail "stderr does not say up to date: $err"
cp -a deploy "$work/fresh"

step "hand-edited, extra, removed and chmod-ed files: exit 3, listed and diffed; nothing written"
printf '# tuned by hand\n' >>deploy/values.yaml
sed -i 's/^  name: pulsar$/  name: pulsar-edited/' deploy/namespace.yaml
printf 'notes\n' >deploy/NOTES.txt
rm deploy/persistentvolumes/pulsar-bookie-ledgers-pulsar-bookie-2.yaml
chmod 0644 deploy/nodes.sh
before=$(snapshot deploy; siblings)
check
expect_rc 3 "--check after hand edits"
after=$(snapshot deploy; siblings)
[[ "$before" == "$after" ]] || { diff <(echo "$before") <(echo "$after") >&2; fail "--check changed the file system"; }
expect_out "^  changed: values\.yaml$"
expect_out "^  changed: namespace\.yaml$"
expect_out "^  removed: NOTES\.txt$"
expect_out "^  added: +persistentvolumes/pulsar-bookie-ledgers-pulsar-bookie-2\.yaml$"
expect_out "^  changed: nodes\.sh \(mode 644 on disk, 755 generated\)$"
expect_out "^-# tuned by hand$"
expect_out "^-  name: pulsar-edited$"
expect_out "^\+  name: pulsar$"
expect_out "^--- a/NOTES\.txt$"
expect_out "^\+\+\+ /dev/null$"
[[ $err == *"1 added, 3 changed, 1 removed"* ]] || fail "wrong summary: $err"

step "the printed diff, applied with GNU patch, gives exactly the built bundle"
cp -a deploy "$work/patched"
sed -n '/^--- /,$p' "$work/out" >"$work/changes.diff"
(cd "$work/patched" && patch -p1 --quiet --forward <"$work/changes.diff") || fail "patch rejected the diff"
chmod 0755 "$work/patched/nodes.sh"  # patch does not carry modes; --check listed it
diff -r -x secrets "$work/patched" "$work/fresh" >&2 || fail "the patched directory differs from a fresh build"

step "separate mode: secrets/ is ignored whatever it holds"
rm -rf deploy && cp -a "$work/fresh" deploy
printf 'x' >>deploy/secrets/pulsar-token-admin.yaml
printf 'extra\n' >deploy/secrets/extra.yaml
rm deploy/secrets/kustomization.yaml
check
expect_rc 0 "--check with a modified secrets/ in separate mode"
rm -rf deploy/secrets
check
expect_rc 0 "--check without secrets/ in separate mode"

step "separate mode: --check works where the key and password files are absent (a CI job)"
mv keys "$work/keys.away" && mv secrets "$work/secrets.away"
check
expect_rc 0 "--check without key and password files"
"$PULSARC" build -o "$work/no-keys" >/dev/null 2>&1 && fail "build must still refuse without the key file"
printf 'not a key' >"$work/bad.der" && mkdir keys && cp "$work/bad.der" keys/private.der
check
expect_rc 1 "--check with a key file that is present but broken"
rm -rf keys && mv "$work/keys.away" keys && mv "$work/secrets.away" secrets

step "fail closed: a directory where a file is expected is a difference, never 'up to date'"
rm -rf deploy && cp -a "$work/fresh" deploy
rm deploy/values.yaml && mkdir deploy/values.yaml && printf 'x\n' >deploy/values.yaml/inner
check
expect_rc 3 "--check with a directory in place of values.yaml"
expect_out "^  changed: values\.yaml \(a directory on disk, a file in the bundle\)$"
expect_out "^  removed: values\.yaml/inner$"

step "fail closed: symbolic links and FIFOs are differences and are never followed or opened"
rm -rf deploy && cp -a "$work/fresh" deploy
rm deploy/storageclass.yaml && ln -s "$work/fresh/storageclass.yaml" deploy/storageclass.yaml
ln -s loop deploy/loop
mkfifo deploy/fifo
check  # a FIFO that was opened would block here forever
expect_rc 3 "--check with links and a FIFO"
expect_out "^  changed: storageclass\.yaml \(a symbolic link on disk, a regular file in the bundle\)$"
expect_out "^  removed: loop \(a symbolic link\)$"
expect_out "^  removed: fifo \(a special file\)$"

step "fail closed: the bundle path is a file -> exit 2"
rm -rf deploy && printf 'not a directory\n' >deploy
check
expect_rc 2 "--check when deploy is a file"
[[ $err == *"not a directory"* ]] || fail "no reason given: $err"
[[ "$(cat deploy)" == "not a directory" ]] || fail "--check touched the file"
rm deploy && cp -a "$work/fresh" deploy

step "fail closed: an unreadable file or directory -> exit 2"
if [[ $(id -u) -eq 0 ]]; then
  command -v setpriv >/dev/null 2>&1 || skip_or_fail "setpriv not found (needed to read as an unprivileged user)"
  nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 0755 "$work"
  chown -R 65534:65534 "$proj"
else
  nobody=()
fi
for victim in deploy/values.yaml deploy/persistentvolumes; do
  chmod 0000 "$victim"
  set +e
  "${nobody[@]}" "$PULSARC" build --check >"$work/out" 2>"$work/err"
  rc=$?
  set -e
  chmod u+rwX "$victim"
  expect_rc 2 "--check with $victim unreadable"
  grep -q "cannot" "$work/err" || fail "no reason given for $victim: $(cat "$work/err")"
  ! grep -q "up to date" "$work/out" "$work/err" || fail "an unreadable $victim passed as up to date"
done
[[ $(id -u) -ne 0 ]] || chown -R 0:0 "$proj"

step "an output directory holding pulsar.toml is refused, even for --check"
check -o .
expect_rc 2 "--check -o ."
[[ $err == *"contains pulsar.toml"* ]] || fail "no reason given: $err"

step "--format json: stdout is one JSON document, the report goes to stderr"
printf '# tuned by hand\n' >>deploy/values.yaml
check --format json
expect_rc 3 "--check --format json"
node -e 'const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
  if (!Array.isArray(d.diagnostics)) process.exit(1);' <"$work/out" || fail "stdout is not the JSON document: $out"
[[ $err == *"changed: values.yaml"* && $err == *"-# tuned by hand"* ]] || fail "the report is not on stderr: $err"
rm -rf deploy && cp -a "$work/fresh" deploy

step "inline secrets: a changed key, token and password show as <redacted>, never their values"
inline="$work/inline"
"$PULSARC" build --secrets inline -o "$inline" >/dev/null 2>&1 || fail "build --secrets inline failed"
cp -a "$inline" "$work/inline-old"
check --secrets inline -o "$inline"
expect_rc 0 "inline --check right after build"
"$PULSARC" keygen -o "$work/newkey" >/dev/null 2>&1 || fail "keygen failed"
cp "$work/newkey/private.der" keys/private.der
printf 'another-test-only-password\n' >secrets/manager-db.password
# A token pasted into a file that is not a Secret, and a value hidden in a hand-edited Secret.
token_b64=$(sed -n 's/^  TOKEN: //p' "$inline/secrets/pulsar-token-admin.yaml")
old_token=$(printf '%s' "$token_b64" | base64 -d)
printf '# admin token: %s\n' "$old_token" >>"$inline/values.yaml"
printf '# backup: c2VjcmV0LWluLWEtY29tbWVudA==\n' >>"$inline/secrets/pulsar-token-proxy-admin.yaml"
check --secrets inline -o "$inline"
expect_rc 3 "inline --check after a key and password change"
expect_out "^  changed: secrets/pulsar-token-asymmetric-key\.yaml$"
expect_out "^\+  PRIVATEKEY: <redacted> \(changed\)$"
expect_out "^\+  TOKEN: <redacted> \(changed\)$"
expect_out "^\+  PULSAR_MANAGER_ADMIN_PASSWORD: <redacted> \(changed\)$"
expect_out "^-# admin token: <redacted>$"
"$PULSARC" build --secrets inline -o "$work/inline-new" >/dev/null 2>&1 || fail "build of the new inline bundle failed"
leaks=0
for f in "$work"/inline-old/secrets/*.yaml "$work"/inline-new/secrets/*.yaml; do
  while IFS= read -r value; do
    decoded=$(printf '%s' "$value" | base64 -d | LC_ALL=C tr -cd '[:print:]')
    # Binary key material cannot appear in a text diff whole; text (tokens, passwords) could.
    [[ ${#decoded} -eq $(printf '%s' "$value" | base64 -d | wc -c) ]] || decoded=""
    for needle in "$value" "$decoded"; do
      [[ ${#needle} -ge 8 ]] || continue
      if grep -qF -- "$needle" "$work/out" "$work/err"; then
        echo "leaked from $(basename "$f"): ${needle:0:12}…" >&2
        leaks=$((leaks + 1))
      fi
    done
  done < <(sed -n 's/^  \(PRIVATEKEY\|SECRETKEY\|TOKEN\|PULSAR_MANAGER_ADMIN_PASSWORD\): //p' "$f")
done
for needle in test-only-manager-db-password another-test-only-password c2VjcmV0LWluLWEtY29tbWVudA; do
  if grep -qF -- "$needle" "$work/out" "$work/err"; then
    echo "leaked: $needle" >&2
    leaks=$((leaks + 1))
  fi
done
[[ $leaks -eq 0 ]] || fail "$leaks secret values appear in the --check output"
grep -q '<redacted>' "$work/out" || fail "no <redacted> in the output"

echo "PASS"
