#!/bin/sh
# Restores a directory written by deploy/backup.sh (docs/deployment.md, "Backups and restore").
# Stop every adwatch process of the installation first (workers, scheduler, dashboard).
#   restore.sh [--drop] BACKUP_DIR
# --drop replaces the data of a database that holds some; without it only an empty one is
# restored into. Redis is not restored: the queues start empty and the scheduler refills them.
# Reads MONGODB_URI, ADWATCH_MONGO_DATABASE, ADWATCH_DATA_DIR like backup.sh.
set -eu

drop=
if [ "${1:-}" = --drop ]; then
  drop=--drop
  shift
fi
[ $# -eq 1 ] || { echo "usage: $0 [--drop] BACKUP_DIR" >&2; exit 2; }
from=$1
adwatch=${ADWATCH_BIN:-adwatch}
data_dir=${ADWATCH_DATA_DIR:-./data}

if [ -d "$from/mongodump" ]; then
  command -v mongorestore >/dev/null 2>&1 \
    || { echo "restore.sh: $from was made with mongodump; install mongo-tools (mongorestore)" >&2; exit 2; }
  [ -n "${MONGODB_URI:-}" ] || { echo "restore.sh: set MONGODB_URI" >&2; exit 2; }
  mongorestore --uri="$MONGODB_URI" --oplogReplay --gzip $drop --dir="$from/mongodump"
elif [ -d "$from/mongo" ]; then
  # shellcheck disable=SC2086 # ADWATCH_BIN may be a command with arguments.
  $adwatch restore --from "$from/mongo" $drop
else
  echo "restore.sh: $from holds neither mongodump/ nor mongo/; give a directory backup.sh wrote" >&2
  exit 2
fi

if [ -d "$from/keys" ]; then
  if [ -d "$data_dir/keys" ]; then
    # Never overwrite a key: packets signed with it would no longer match the instance's key.
    diff -r "$from/keys" "$data_dir/keys" >/dev/null \
      || echo "restore.sh: $data_dir/keys differs from the backup's; kept it (compare them by hand)" >&2
  else
    mkdir -p "$data_dir"
    cp -Rp "$from/keys" "$data_dir/keys"
  fi
fi

# shellcheck disable=SC2086
$adwatch audit verify
echo "restore.sh: restored from $from. Start the installation; then \"adwatch rescore\" classifies any ad whose job was in the queues at backup time."
