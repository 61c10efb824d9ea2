# shellcheck shell=bash
# Sourced by tests: a throwaway PostgreSQL cluster for whole-program tests.
#
#   source "$PULSARC_SOURCE_DIR/tests/external/postgres.sh"
#   pg_start || exit $?          # 0 started; 77 no PostgreSQL server installed (skip); 1 failure
#   "$PG_BIN/psql" "$(pg_conninfo "$PG_SUPERUSER" postgres)" ...   # superuser, TCP, scram
#
# It uses Debian's server binaries (/usr/lib/postgresql/<major>/bin, package postgresql, which
# .ci/install-deps installs; PG_BINDIR overrides), never the system cluster or its service: a new
# cluster in a temporary directory listens on 127.0.0.1 only, on a free port, with scram-sha-256
# password authentication for every connection (TCP and the private Unix socket). initdb refuses to
# run as root, so as root the cluster runs as the `postgres` OS user. On exit (pulsarc_on_exit runs
# registered commands in reverse order from one EXIT trap) the server is stopped and the directory
# deleted.
#
# After pg_start: PG_BIN (client and server binaries), PG_HOST (127.0.0.1), PG_PORT, PG_SUPERUSER,
# PG_SUPERPASSWORD, PG_DIR. The libpq environment is cleared of variables that could redirect
# connections (PGHOST, PGSERVICE, ~/.pgpass ...).

PULSARC_EXIT_COMMANDS=()
pulsarc_on_exit() { PULSARC_EXIT_COMMANDS+=("$1"); }
pulsarc_run_exit_commands() {
  local i
  for ((i = ${#PULSARC_EXIT_COMMANDS[@]} - 1; i >= 0; i--)); do
    eval "${PULSARC_EXIT_COMMANDS[i]}" || true
  done
  PULSARC_EXIT_COMMANDS=()
}
trap pulsarc_run_exit_commands EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The directory holding initdb/pg_ctl/psql: PG_BINDIR, else Debian's PostgreSQL 15, else the newest
# Debian major, else pg_config's. Prints nothing and fails when none is installed.
pg_find_bindir() {
  local d
  for d in "${PG_BINDIR:-}" /usr/lib/postgresql/15/bin; do
    [[ -n $d && -x $d/initdb && -x $d/pg_ctl && -x $d/psql ]] && { echo "$d"; return 0; }
  done
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k4,4nr); do
    [[ -x $d/initdb && -x $d/pg_ctl && -x $d/psql ]] && { echo "$d"; return 0; }
  done
  if command -v pg_config >/dev/null; then
    d=$(pg_config --bindir)
    [[ -x $d/initdb && -x $d/pg_ctl && -x $d/psql ]] && { echo "$d"; return 0; }
  fi
  return 1
}

# Runs a command as the cluster's OS user (postgres when we are root).
pg_as_owner() {
  if ((EUID == 0)); then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A libpq connection string for USER on DATABASE over TCP (the password comes separately, in
# PGPASSWORD, so it never shows in the process list).
pg_conninfo() {
  local user=${1//\\/\\\\} db=${2//\\/\\\\}
  user=${user//\'/\\\'}
  db=${db//\'/\\\'}
  printf "host=%s port=%s user='%s' dbname='%s' sslmode=disable connect_timeout=10" \
    "$PG_HOST" "$PG_PORT" "$user" "$db"
}

# psql as the superuser on DATABASE (default postgres); extra arguments follow.
pg_super_psql() {
  local db=${1:-postgres}
  shift || true
  PGPASSWORD=$PG_SUPERPASSWORD "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 "$(pg_conninfo "$PG_SUPERUSER" "$db")" "$@"
}

pg_start() {
  PG_BIN=$(pg_find_bindir) || { echo "postgres.sh: no PostgreSQL server binaries (install Debian's postgresql)" >&2; return 77; }
  if ((EUID == 0)) && ! getent passwd postgres >/dev/null; then
    echo "postgres.sh: running as root but there is no postgres OS user to run the server" >&2
    return 1
  fi
  # libpq must not pick up anything from the caller's environment.
  unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGSERVICEFILE PGOPTIONS \
    PGSSLMODE PGCLIENTENCODING PGTARGETSESSIONATTRS
  export PGPASSFILE=/dev/null PGSYSCONFDIR=/nonexistent

  local base=${TMPDIR:-/tmp}
  if ((EUID == 0)) && ! runuser -u postgres -- test -w "$base" -a -x "$base"; then base=/tmp; fi
  PG_DIR=$(mktemp -d "$base/pulsarc-pg.XXXXXXXX") || return 1
  pulsarc_on_exit pg_stop
  ((EUID == 0)) && chown postgres: "$PG_DIR"
  chmod 0700 "$PG_DIR"

  PG_HOST=127.0.0.1
  PG_SUPERUSER=postgres
  PG_SUPERPASSWORD=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
  local pwfile="$PG_DIR/superuser.password"
  (umask 077 && printf '%s\n' "$PG_SUPERPASSWORD" >"$pwfile")
  ((EUID == 0)) && chown postgres: "$pwfile"

  if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_SUPERUSER" --pwfile="$pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C --no-sync >"$PG_DIR/initdb.log" 2>&1; then
    echo "postgres.sh: initdb failed:" >&2
    cat "$PG_DIR/initdb.log" >&2
    return 1
  fi
  rm -f "$pwfile"
  mkdir -p "$PG_DIR/socket"
  ((EUID == 0)) && chown postgres: "$PG_DIR/socket"
  # Only the private socket and 127.0.0.1, both with passwords (scram-sha-256).
  pg_as_owner sh -c "cat >'$PG_DIR/data/pg_hba.conf'" <<'EOF'
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 scram-sha-256
host    all       all   127.0.0.1/32  scram-sha-256
EOF
  pg_as_owner sh -c "cat >>'$PG_DIR/data/postgresql.conf'" <<EOF

# pulsarc test cluster: throwaway, so durability is off.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR/socket'
password_encryption = 'scram-sha-256'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 20
shared_buffers = 16MB
log_min_messages = warning
EOF

  local _ port
  for _ in 1 2 3 4 5 6 7 8; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    # Skip ports something already listens on (bash's /dev/tcp connects only when it can).
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-p $port" start >/dev/null 2>&1; then
      PG_PORT=$port
      export PG_BIN PG_HOST PG_PORT PG_SUPERUSER PG_SUPERPASSWORD PG_DIR
      return 0
    fi
    # A port taken between the probe and the start is the only failure worth retrying.
    grep -q 'could not bind\|Address already in use' "$PG_DIR/server.log" 2>/dev/null || break
  done
  echo "postgres.sh: the server did not start:" >&2
  cat "$PG_DIR/server.log" >&2 2>/dev/null || true
  return 1
}

pg_stop() {
  [[ -n ${PG_DIR:-} && -d $PG_DIR ]] || return 0
  if [[ -f $PG_DIR/data/postmaster.pid ]]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
  PG_DIR=
}
