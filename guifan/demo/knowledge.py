"""The demo's knowledge base: the seed notice and the law texts from the configured folders
(../shared in development; input data, never part of the project), and the campaign."""

from __future__ import annotations

from collections.abc import Callable


def ensure_knowledge(progress: Callable[[str], None]) -> None:
    """Files already loaded are skipped by their digest, so a second start costs nothing."""
    from django.conf import settings

    from guifan.knowledge.index import index_sync
    from guifan.knowledge.services import knowledge_load

    folders = [p for p in (settings.GUIFAN_KB_NOTICES_DIR, settings.GUIFAN_LAWS_DIR) if p.is_dir()]
    if not folders:
        progress(
            "未找到法律法规和通知文件目录（GUIFAN_LAWS_DIR、GUIFAN_KB_NOTICES_DIR），"
            "知识库只含本系统规则。"
        )
    report = knowledge_load(paths=folders)
    index_sync()
    if report.added or report.replaced:
        progress(f"知识库已载入 {len(report.added) + len(report.replaced)} 个文档。")
