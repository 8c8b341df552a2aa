"""The draw bundle: the published record of a draw, as a zip anyone can re-check.

draw.json   the record (keys in verification.RECORD_KEYS)
frame.tsv   the frozen frame's canonical text
result.tsv  the result's canonical text
manual.tsv  evaluator draws only: people added by hand, "stratum<TAB>工号<TAB>reason"
"""

from __future__ import annotations

import io
import json
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guifan.draws import protocol
from guifan.draws.models import Draw, DrawFrame, DrawKind, DrawStatus
from guifan.journal.chain import format_time


def draw_record(draw: Draw) -> dict:
    """draw.json: what was frozen, committed, revealed and drawn, and who did what when."""
    commitments = list(draw.commitments.all())
    revealed = [c for c in commitments if c.revealed_at is not None]
    return {
        "algorithm": protocol.ALGORITHM,
        "rule_code": draw.rule_code,
        "filter": draw.filter_text,
        "ratio": draw.ratio or None,
        "count": draw.count,
        "frame_size": draw.frame_size,
        "frame_hash": draw.frame_hash,
        "commitments": [{"party": c.party, "commitment": c.commitment} for c in commitments],
        "reveals": [{"party": c.party, "secret": c.secret} for c in revealed],
        "public_value": draw.public_value,
        "seed": draw.seed or None,
        "selected_count": draw.selected_count,
        "result_hash": draw.result_hash or None,
        "events": [
            {"at": format_time(e.at), "who": e.who, "what": e.what} for e in draw.events.all()
        ],
    }


def result_text(draw: Draw) -> str:
    return protocol.canonical_text(draw.selections.values_list("stratum", "member_id"))


def manual_text(draw: Draw) -> str:
    rows = draw.manual_picks.select_related("person")
    return "".join(f"{p.line}\t{p.person.staff_no}\t{_one_line(p.reason)}\n" for p in rows)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def bundle_bytes(draw: Draw) -> bytes:
    """The zip of a drawn draw; a draw still in its ceremony has no result to publish."""
    if draw.seed == "" or draw.status not in (DrawStatus.DONE, DrawStatus.SUPERSEDED):
        raise ValidationError(_("抽取尚未完成，暂无可导出的抽取记录。"))
    frame = DrawFrame.objects.select_related("draw").get(draw=draw).text()
    record = json.dumps(draw_record(draw), ensure_ascii=False, indent=2) + "\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("draw.json", record)
        bundle.writestr("frame.tsv", frame)
        bundle.writestr("result.tsv", result_text(draw))
        if draw.kind == DrawKind.EVALUATORS:
            bundle.writestr("manual.tsv", manual_text(draw))
    return buffer.getvalue()


def bundle_name(draw: Draw) -> str:
    return f"draw-{draw.pk}-{draw.rule_code}-{draw.attempt}.zip"
