#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database and data directory, then
# bring the schema up to the installed version and verify the journal.
#   systemctl stop guifan-web guifan-worker
#   sudo -u guifan deploy/restore.sh /srv/backup/guifan/guifan-20260330-020000
#   systemctl start guifan-web guifan-worker
# Reads /etc/guifan/guifan.env (or GUIFAN_ENV). Refuses a database that already has tables
# or a data directory that already holds files, so that nothing is mixed or overwritten.
set -euo pipefail
from=${1:?用法：restore.sh <backup.sh 生成的备份目录>}
env_file=${GUIFAN_ENV:-/etc/guifan/guifan.env}
venv=${GUIFAN_VENV:-/opt/guifan/venv}
if [ -f "$env_file" ]; then
  set -a; . "$env_file"; set +a
fi
data=${GUIFAN_DATA_DIR:?GUIFAN_DATA_DIR 未设置}
(cd "$from" && sha256sum --check --quiet SHA256SUMS) || { echo "备份文件校验失败" >&2; exit 1; }
mkdir -p "$data"
if [ -n "$(ls -A "$data" 2>/dev/null | grep -v '^static$' || true)" ]; then
  echo "数据目录 $data 不是空的：请换一个空目录，或先移走其中的文件" >&2; exit 1
fi
if [ -n "${DATABASE_URL:-}" ]; then
  tables=$(psql --dbname="$DATABASE_URL" --tuples-only --no-align \
    --command="select count(*) from information_schema.tables where table_schema = 'public'")
  if [ "$tables" != "0" ]; then
    echo "数据库中已有 $tables 张表：请恢复到一个新建的空库" >&2; exit 1
  fi
  pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$from/database.dump"
else
  cp "$from/guifan.sqlite3" "$data/guifan.sqlite3"
fi
tar --extract --gzip --file="$from/data-dir.tar.gz" --directory="$data"
"$venv/bin/guifan" manage migrate --no-input
# The chain, and that the restored log extends every signed checkpoint in the backup.
mapfile -t checkpoints < <(ls "$data"/witness/journal-checkpoint-*.txt 2>/dev/null || true)
if [ ${#checkpoints[@]} -gt 0 ]; then
  "$venv/bin/guifan" journal verify --checkpoint "${checkpoints[@]}"
else
  "$venv/bin/guifan" journal verify
fi
echo "恢复完成；审计日志校验通过。若在新机器上恢复，请再运行 guifan kb load --rebuild 重建检索索引。"
