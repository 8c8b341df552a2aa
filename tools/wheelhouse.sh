#!/usr/bin/env bash
# Build an offline bundle for an intranet machine without registry access:
#   tools/wheelhouse.sh [DIR]        (also: ./run wheelhouse [DIR]; DIR defaults to dist/wheelhouse)
# DIR receives a wheel of Guifan and of every dependency (pip wheel resolves them from
# pyproject.toml; source-only packages such as jieba are built into wheels here), pip's own
# wheel, a requirements list pinned to what was built, the deploy/ files and install.sh.
# Build on the same operating system, CPU architecture (x86_64 or aarch64 for 鲲鹏/飞腾) and
# Python minor version as the target: binary wheels (psycopg, ortools, tantivy…) are
# specific to them. The one npm asset, Apache ECharts, travels inside the Guifan wheel (its
# static files; `./run wheelhouse` fetches it first) and its npm tarball's LICENSE beside it;
# Bootstrap comes as a Python package; `guifan serve` collects the static files on the target.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist/wheelhouse}
python=${PYTHON:-}
if [ -z "$python" ]; then
  if [ -x .venv/bin/python ]; then python=.venv/bin/python; else python=python3; fi
fi
started=$(date +%s)
mkdir -p "$out"
out=$(cd "$out" && pwd)
echo "[wheelhouse] 用 $("$python" --version 2>&1)（$(uname -m)）构建到 $out"
export PIP_DISABLE_PIP_VERSION_CHECK=1
echarts=guifan/reports/static/reports/vendor/echarts.min.js
[ -f "$echarts" ] || { echo "[wheelhouse] 缺少 $echarts：请用 ./run wheelhouse（会先从 npm 取得 ECharts）" >&2; exit 1; }
rm -rf build  # a stale build/ would hide files added since
"$python" -m pip wheel --quiet --wheel-dir "$out" .
wheel=$(ls "$out"/guifan-*.whl)
"$python" - "$wheel" <<'CHECK'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
if "guifan/reports/static/reports/vendor/echarts.min.js" not in names:
    sys.exit("[wheelhouse] Guifan 的 wheel 中没有 echarts.min.js")
CHECK
cp guifan/reports/static/reports/vendor/ECHARTS-LICENSE "$out/ECHARTS-LICENSE"
"$python" -m pip download --quiet --only-binary=:all: --dest "$out" pip
# The pinned list: exactly the wheels built, so that the target installs these versions.
(cd "$out" && ls ./*.whl | sed -E 's#^\./##; s#^([^-]+)-([^-]+)-.*#\1==\2#' | sort) >"$out/requirements.txt"
rm -rf "$out/deploy" && cp -r deploy "$out/deploy"
cp docs/DEPLOY.md "$out/DEPLOY.md"
cat >"$out/install.sh" <<'INSTALL'
#!/usr/bin/env bash
# Install Guifan from this directory, without any registry:
#   ./install.sh /opt/guifan/venv        (the virtual environment to create or upgrade)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:?用法：./install.sh <虚拟环境目录，如 /opt/guifan/venv>}
python=${PYTHON:-python3}
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --no-index --find-links "$here" --upgrade pip
"$venv/bin/python" -m pip install --quiet --no-index --find-links "$here" \
  --requirement "$here/requirements.txt"
"$venv/bin/guifan" --help >/dev/null
"$venv/bin/python" -c 'import guifan, pathlib, sys; p = pathlib.Path(guifan.__file__).parent / "reports/static/reports/vendor/echarts.min.js"; sys.exit(0 if p.is_file() else "未装上 ECharts（统计图表）")'
echo "已安装到 $venv：$("$venv/bin/python" -m pip show guifan | sed -n 's/^Version: /guifan /p')"
INSTALL
chmod +x "$out/install.sh"
count=$(ls "$out"/*.whl | wc -l)
size=$(du -sh "$out" | cut -f1)
echo "[wheelhouse] 完成：$count 个 wheel，共 $size，用时 $(( $(date +%s) - started )) 秒"
echo "[wheelhouse] 复制整个目录到内网机器后运行：$out/install.sh /opt/guifan/venv"
