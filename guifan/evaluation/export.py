"""The 登记表 as files: one .docx per form, the XLSX 台账 of all forms, both in a zip."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterable

from django.utils import timezone

from guifan.core.exports import xlsx_bytes
from guifan.core.gongwen import fonts_from_settings
from guifan.evaluation import docx
from guifan.evaluation.export_form import form_data
from guifan.evaluation.models import CaseResult, EvaluationForm


def fonts() -> docx.Fonts:
    return fonts_from_settings()


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def form_docx(form: EvaluationForm, *, show_evaluator: bool = True) -> bytes:
    return docx.render(form_data(form, show_evaluator=show_evaluator), fonts())


def docx_name(form: EvaluationForm) -> str:
    return f"案件评查登记表_{form.assignment.case.case_no_norm}_{form.pk}.docx"


LEDGER_COLUMNS = [
    ("序号", 6), ("部门受案号", 28), ("案件名称", 28), ("案由", 14), ("承办单位", 12),
    ("承办部门", 12), ("承办人", 10), ("抽取理由", 14), ("评查方式", 12), ("评查人员", 10),
    ("状态", 10), ("等次建议", 10), ("确定等次", 10), ("审定等次", 10), ("原评查等次", 10),
    ("复查结论", 10), ("问题数", 8), ("需整改", 8), ("问题类别", 40), ("提交时间", 17),
    ("确定时间", 17),
]  # fmt: skip


def ledger_xlsx(forms: Iterable[EvaluationForm], *, title: str, issuer: str) -> bytes:
    rows = []
    forms = list(forms)
    results = {
        (r.campaign_id, r.case_id): r
        for r in CaseResult.objects.filter(case__in={f.assignment.case_id for f in forms})
    }
    for n, form in enumerate(forms, start=1):
        a, case = form.assignment, form.assignment.case
        findings = [f for f in form.findings.all() if not f.withdrawn_at]
        categories = Counter(f.category or f.dimension for f in findings)
        result = results.get((a.campaign_id, a.case_id))
        handler = case.handler.name if case.handler_id else case.handler_name
        rows.append([
            n, case.case_no, case.name, case.cause, case.unit.short_name,
            case.department.name if case.department_id else "", handler, a.reasons,
            a.get_mode_display(), a.evaluator.name, form.get_status_display(),
            form.get_grade_display(), form.get_final_grade_display(),
            result.get_final_grade_display() if result else "",
            result.get_original_grade_display() if result else case.get_prior_eval_grade_display(),
            result.get_outcome_display() if result else "", len(findings),
            sum(1 for f in findings if f.rectify),
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
            "assignment__case__department", "reviewed_by__person",
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
