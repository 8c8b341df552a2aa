#!/usr/bin/env bash
# Back up Guifan: the database and the files of GUIFAN_DATA_DIR, into one dated folder.
#   sudo -u guifan deploy/backup.sh /srv/backup/guifan      (see docs/DEPLOY.md, 备份)
# Reads /etc/guifan/guifan.env (or the file in GUIFAN_ENV). PostgreSQL: pg_dump's custom
# format, taken while the system runs (one consistent snapshot). SQLite: the online backup
# API, also while the system runs. The files: uploads and attachments, the journal's signing
# key and checkpoints, the secret key; the collected static files and the knowledge index
# are left out (rebuilt by `guifan serve` and `guifan kb load --rebuild`).
set -euo pipefail
umask 077  # the dump holds everything; the tarball holds the signing and secret keys
target=${1:?用法：backup.sh <备份目录>}
env_file=${GUIFAN_ENV:-/etc/guifan/guifan.env}
venv=${GUIFAN_VENV:-/opt/guifan/venv}
if [ -f "$env_file" ]; then
  set -a; . "$env_file"; set +a
fi
data=${GUIFAN_DATA_DIR:?GUIFAN_DATA_DIR 未设置}
stamp=$(date +%Y%m%d-%H%M%S)
out="$target/guifan-$stamp"
mkdir -p "$out"
chmod 700 "$out"
if [ -n "${DATABASE_URL:-}" ]; then
  pg_dump --format=custom --no-owner --file="$out/database.dump" --dbname="$DATABASE_URL"
else
  "$venv/bin/python" - "$data/guifan.sqlite3" "$out/guifan.sqlite3" <<'PY'
import sqlite3
import sys

source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
PY
fi
tar --create --gzip --file="$out/data-dir.tar.gz" --directory="$data" \
  --exclude=./static --exclude=./knowledge-index --exclude=./guifan.sqlite3 \
  --exclude='./guifan.sqlite3-*' .
(cd "$out" && sha256sum ./* >SHA256SUMS)
echo "备份完成：$out"
ls -l "$out"
