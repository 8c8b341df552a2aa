#!/usr/bin/env bash
# Daily backup for cron: `guifan backup` into a dated archive in the given folder.
#   sudo -u guifan deploy/backup.sh /srv/backup/guifan      (see docs/DEPLOY.md, 备份)
# Reads /etc/guifan/guifan.env (or the file in GUIFAN_ENV). The archive holds the database
# (pg_dump's custom format from one consistent snapshot, or SQLite's online backup) and the
# data directory's files (uploads and attachments, the journal's signing key and
# checkpoints, the secret key); see `guifan backup --help`.
set -euo pipefail
umask 077
target=${1:?用法：backup.sh <备份目录>}
env_file=${GUIFAN_ENV:-/etc/guifan/guifan.env}
venv=${GUIFAN_VENV:-/opt/guifan/venv}
if [ -f "$env_file" ]; then
  set -a; . "$env_file"; set +a
fi
mkdir -p "$target"
exec "$venv/bin/guifan" backup "$target/guifan-$(date +%Y%m%d-%H%M%S).tar"
