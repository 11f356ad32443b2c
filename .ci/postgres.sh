# Sourced by .ci/run: find a PostgreSQL to test against and export PG_URL (a throwaway database).
# Uses the server on 127.0.0.1:5432 when one answers; otherwise starts a private, throwaway cluster
# from the installed PostgreSQL binaries on port 55432. Never assumes either exists.
PG_DB=${PG_DB:-careerguide_ci}

pg_answers() {  # host port
  command -v psql >/dev/null 2>&1 && timeout 5 psql -w -h "$1" -p "$2" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1
}

start_private_cluster() {
  local pgbin dir
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$pgbin" ] || return 1
  dir=$(mktemp -d /tmp/careerguide-pg.XXXXXX)
  chmod 777 "$dir"
  local as=""
  [ "$(id -u)" = 0 ] && as="su postgres -s /bin/sh -c"
  if [ -n "$as" ]; then
    $as "$pgbin/initdb -D $dir/data -A trust -U postgres --no-sync >/dev/null" &&
    $as "$pgbin/pg_ctl -D $dir/data -w -l $dir/log -o '-p 55432 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off' start >/dev/null"
  else
    "$pgbin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null &&
    "$pgbin/pg_ctl" -D "$dir/data" -w -l "$dir/log" -o "-p 55432 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  fi
}

if pg_answers 127.0.0.1 5432; then
  PG_PORT=5432
elif pg_answers 127.0.0.1 55432 || { start_private_cluster && pg_answers 127.0.0.1 55432; }; then
  PG_PORT=55432
else
  PG_PORT=""
fi

if [ -n "$PG_PORT" ]; then
  psql -w -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
  psql -w -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE $PG_DB" >/dev/null
  export PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB"
else
  export PG_URL=""
fi
