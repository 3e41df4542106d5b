#!/usr/bin/env bash
# Writes docker/.env with freshly generated secrets for docker/compose.yaml (never committed: see .gitignore).
# Keep the file: the encryption key must stay the same for the data written with it.
set -euo pipefail
env_file="$(dirname "$0")/.env"
if [ -e "$env_file" ]; then
  echo "$env_file exists; keeping it (its encryption key protects stored data)" >&2
  exit 0
fi
umask 077
{
  echo "MYSQL_PASSWORD=$(openssl rand -hex 24)"
  echo "EFGS_ENCRYPTION_KEY=$(openssl rand -base64 32)"
  echo "EFGS_ENCRYPTION_KEY_ID=k1"
  echo "EFGS_MANAGEMENT_TOKEN=$(openssl rand -hex 24)"
  # the gateway runs as the owner of certs/generated: generate-dev-pki.sh makes its keys readable by the owner only
  echo "EFGS_UID=$(id -u)"
} > "$env_file"
echo "wrote $env_file"
