from pathlib import Path

import pytest
from django.conf import settings

from guifan.knowledge.services import knowledge_load


@pytest.fixture
def seed(db):
    """The campaign notice (the seed document, read from ../shared) and the system's data."""
    if not settings.GUIFAN_KB_NOTICES_DIR.is_dir():
        pytest.fail(f"the seed document is missing: {settings.GUIFAN_KB_NOTICES_DIR}")
    return knowledge_load(paths=[settings.GUIFAN_KB_NOTICES_DIR])


@pytest.fixture
def corpus(db):
    """The seed, every law text and the system's data."""
    for path in (settings.GUIFAN_LAWS_DIR, settings.GUIFAN_KB_NOTICES_DIR):
        if not path.is_dir():
            pytest.fail(f"the knowledge corpus is missing: {path}")
    return knowledge_load(paths=[settings.GUIFAN_LAWS_DIR, settings.GUIFAN_KB_NOTICES_DIR])


@pytest.fixture
def law_file(tmp_path) -> Path:
    """A small law of our own in the corpus' Markdown layout."""
    path = tmp_path / "测试程序法(2020-01-01).md"
    path.write_text(
        "# 中华人民共和国测试程序法\n\n2020年1月1日通过\n\n<!-- INFO END -->\n\n"
        "## 第一章 总 则\n\n第一条 为了规范测试，制定本法。\n\n"
        "第二条 阅卷申请应当在三个工作日以内安排。\n\n不能安排的，应当说明理由。\n\n"
        "## 第二章 期限\n\n### 第一节 一般规定\n\n"
        "第一百七十二条 审查起诉应当在一个月以内作出决定，可以延长十五日。\n\n"
        "第十七条之一 依照本法第二条办理。\n",
        encoding="utf-8",
    )
    return path
