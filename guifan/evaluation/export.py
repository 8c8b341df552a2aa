"""The 登记表 as files: one .docx per form, the XLSX 台账 of all forms, both in a zip."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from guifan.core.exports import xlsx_bytes
from guifan.evaluation import docx
from guifan.evaluation.models import EvaluationForm


def fonts() -> docx.Fonts:
    return docx.Fonts(
        settings.GUIFAN_FONT_TITLE, settings.GUIFAN_FONT_BODY, settings.GUIFAN_FONT_HEADING
    )


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def form_data(form: EvaluationForm, *, show_evaluator: bool = True) -> dict:
    """Plain values of one form for the document. Units and handlers do not learn who
    evaluated their cases (``show_evaluator=False``)."""
    a = form.assignment
    case = a.case
    handler = case.handler.name if case.handler_id else case.handler_name
    return {
        "campaign": a.campaign.name,
        "case": [
            ("部门受案号", case.case_no),
            ("案件名称", case.name),
            ("案件类别", case.category),
            ("承办单位", case.unit.name),
            ("承办人", handler or "—"),
            ("办结日期", case.close_date.isoformat() if case.close_date else "—"),
            ("抽取理由", a.reasons),
            (
                "评查人员",
                f"{a.evaluator.name}（{a.evaluator.unit.short_name}）" if show_evaluator else "—",
            ),
        ],
        "findings": [
            [
                str(n),
                f.dimension,
                f.category or "—",
                f.description,
                f.legal_basis or "—",
                f.get_severity_display(),
                f.location or "—",
            ]
            for n, f in enumerate(form.findings.all(), start=1)
        ],
        "answers": [(q, form.answers.get(q) or "—") for q in form.rubric.questions]
        if a.recheck
        else [],
        "grade": (form.get_final_grade_display() or form.get_grade_display() or "—"),
        "basis": form.basis or "—",
        "trail": [
            ("状态", form.get_status_display()),
            ("提交时间", _when(form.submitted_at)),
            ("复核意见", form.review_comment or "—"),
            ("异议", form.objection or "无"),
            ("异议处理意见", form.decision or "—"),
            ("定案时间", _when(form.finalized_at)),
        ],
    }


def form_docx(form: EvaluationForm, *, show_evaluator: bool = True) -> bytes:
    return docx.render(form_data(form, show_evaluator=show_evaluator), fonts())


def docx_name(form: EvaluationForm) -> str:
    return f"案件评查登记表_{form.assignment.case.case_no_norm}_{form.pk}.docx"


LEDGER_COLUMNS = [
    ("序号", 6), ("部门受案号", 28), ("案件名称", 28), ("承办单位", 12), ("抽取理由", 14),
    ("评查人员", 10), ("状态", 10), ("等次建议", 10), ("审定等次", 10), ("问题数", 8),
    ("问题类别", 40), ("提交时间", 17), ("定案时间", 17),
]  # fmt: skip


def ledger_xlsx(forms: Iterable[EvaluationForm], *, title: str, issuer: str) -> bytes:
    rows = []
    for n, form in enumerate(forms, start=1):
        findings = list(form.findings.all())
        categories = Counter(f.category or f.dimension for f in findings)
        rows.append([
            n, form.assignment.case.case_no, form.assignment.case.name,
            form.assignment.case.unit.short_name, form.assignment.reasons,
            form.assignment.evaluator.name, form.get_status_display(), form.get_grade_display(),
            form.get_final_grade_display(), len(findings),
            "；".join(f"{c} {k}" for c, k in sorted(categories.items())),
            _when(form.submitted_at), _when(form.finalized_at),
        ])  # fmt: skip
    return xlsx_bytes(title=title, columns=LEDGER_COLUMNS, rows=rows, issuer=issuer)


def forms_zip(forms: list[EvaluationForm], *, title: str, issuer: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for form in forms:
            bundle.writestr(docx_name(form), form_docx(form))
        bundle.writestr(f"{title}.xlsx", ledger_xlsx(forms, title=title, issuer=issuer))
    return buffer.getvalue()


def forms_for_export(queryset):
    return list(
        queryset.select_related(
            "assignment__case__unit", "assignment__case__handler", "assignment__evaluator__unit",
            "assignment__campaign", "rubric",
        ).prefetch_related("findings")
    )  # fmt: skip


def pdf_available() -> bool:
    import shutil

    return shutil.which("soffice") is not None


def to_pdf(docx_bytes: bytes) -> bytes:
    """The same document as PDF through LibreOffice (headless); only where it is installed."""
    import subprocess
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="guifan-pdf-") as tmp:
        source = Path(tmp) / "form.docx"
        source.write_bytes(docx_bytes)
        # A profile of its own, so that a running LibreOffice of the same user does not block.
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        return (Path(tmp) / "form.pdf").read_bytes()
