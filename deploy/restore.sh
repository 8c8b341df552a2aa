#!/usr/bin/env bash
# Restore an archive made by `guifan backup` (or deploy/backup.sh) into an EMPTY database
# and data directory: `guifan restore` refuses anything else, brings the schema up to the
# installed version, compares every table's row count with the backup and verifies the
# journal (exit status 1 if anything differs).
#   systemctl stop guifan-web guifan-worker
#   sudo -u guifan deploy/restore.sh /srv/backup/guifan/guifan-20260330-023000.tar
#   systemctl start guifan-web guifan-worker
# Reads /etc/guifan/guifan.env (or GUIFAN_ENV).
set -euo pipefail
from=${1:?用法：restore.sh <guifan backup 生成的备份文件>}
env_file=${GUIFAN_ENV:-/etc/guifan/guifan.env}
venv=${GUIFAN_VENV:-/opt/guifan/venv}
if [ -f "$env_file" ]; then
  set -a; . "$env_file"; set +a
fi
exec "$venv/bin/guifan" restore "$from"
