#!/bin/sh
# Backs up an adwatch installation into a new directory (docs/deployment.md, "Backups and restore"):
#   mongodump/  MongoDB with its oplog (point in time), when mongo-tools are installed
#   mongo/      else "adwatch backup": one gzipped BSON file per collection, manifest, SHA256SUMS
#   redis/      an RDB snapshot of Redis fetched over the network (queues only; optional)
#   keys/       the evidence signing key, when this host keeps it in ADWATCH_DATA_DIR
# Reads the installation's own settings: MONGODB_URI, ADWATCH_MONGO_DATABASE, REDIS_URL,
# ADWATCH_DATA_DIR (the environment file of the systemd units or compose can be sourced first).
# ADWATCH_BACKUP_TOOL=adwatch forces "adwatch backup" even where mongodump exists.
set -eu

usage() {
  echo "usage: $0 OUT_DIR   (a directory that does not exist yet)" >&2
  exit 2
}
[ $# -eq 1 ] || usage
out=$1
[ -e "$out" ] && { echo "backup.sh: $out exists; give a new directory" >&2; exit 2; }
adwatch=${ADWATCH_BIN:-adwatch}
data_dir=${ADWATCH_DATA_DIR:-./data}

# The backup holds personal data and perhaps the signing key: readable by its owner only.
umask 077
mkdir -p "$out"

if [ "${ADWATCH_BACKUP_TOOL:-}" != adwatch ] && command -v mongodump >/dev/null 2>&1 \
  && [ -n "${MONGODB_URI:-}" ]; then
  # --oplog: the dump is consistent at the moment it ends, writers may keep running.
  mongodump --uri="$MONGODB_URI" --oplog --gzip --out="$out/mongodump"
  tool=mongodump
else
  # shellcheck disable=SC2086 # ADWATCH_BIN may be a command with arguments ("node bin/adwatch.js").
  $adwatch backup --out "$out/mongo"
  tool="adwatch backup"
fi

redis=skipped
if [ -n "${REDIS_URL:-}" ] && [ "${ADWATCH_BACKUP_REDIS:-1}" != 0 ] \
  && command -v redis-cli >/dev/null 2>&1; then
  mkdir -p "$out/redis"
  redis-cli -u "$REDIS_URL" --no-auth-warning --rdb "$out/redis/dump.rdb" >/dev/null
  redis=dump.rdb
fi

keys=none
if [ -d "$data_dir/keys" ]; then
  cp -Rp "$data_dir/keys" "$out/keys"
  keys=copied
fi

{
  echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(hostname)"
  echo "database: $tool"
  echo "redis: $redis"
  echo "keys: $keys"
} >"$out/backup-info.txt"
echo "backup.sh: wrote $out (database: $tool, redis: $redis, signing key: $keys)"
