#!/bin/sh
# Runs `adwatch <role>` in the container. Secrets come as files (compose `secrets:`, mounted under
# /run/secrets): for each VARIABLE below, VARIABLE_FILE names the file holding its value, so that
# passwords never stand in compose.yaml, in `docker inspect` or in the image.
set -eu
# (ADWATCH_SIGNING_KEY_FILE is adwatch's own setting: it reads the key from that file itself.)
for variable in REDIS_URL MONGODB_URI ADWATCH_METRICS_TOKEN; do
  file_variable="${variable}_FILE"
  eval "file=\${$file_variable:-}"
  if [ -n "$file" ]; then
    # shellcheck disable=SC2154 # set by the eval above
    value=$(cat "$file")
    export "$variable=$value"
    unset "$file_variable"
  fi
done
exec node /opt/adwatch/bin/adwatch.js "$@"
