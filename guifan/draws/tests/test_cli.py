"""guifan draw list | export | verify."""

import json
import zipfile

from guifan.cli import main
from guifan.draws.models import DrawRule


def test_list_export_and_verify(drawn, cast, tmp_path, capsys):
    draw = drawn("new")
    assert main(["draw", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    sizes = {r["code"]: (r["year"], r["frame_size"]) for r in listed["rules"]}
    # The frame per rule; 挂牌督办 (key) holds only the supervised case closed in 2015.
    # K09 (违纪、过问干预) is empty: this world has no inquiry records and no such flags.
    assert sizes == {"recheck": (2015, 5), "new": (2015, 12), "key": (2015, 1),
                     "k09": (2015, 0), "evaluators": (None, 7)}  # fmt: skip
    assert listed["draws"] == [
        {
            "id": draw.pk,
            "campaign": draw.rule.campaign_id,
            "rule_code": "new",
            "kind": "cases",
            "status": "done",
            "frame_size": 12,
            "selected_count": 5,
        }
    ]
    out = tmp_path / "draw.zip"
    assert main(["draw", "export", str(draw.pk), str(out)]) == 0
    assert main(["draw", "verify", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("OK 抽样框 12 个，抽中 5 个")


def _exported_with(draw, tmp_path, change) -> str:
    """The draw's bundle with draw.json edited by ``change``."""
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    main(["draw", "export", str(draw.pk), str(good)])
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "draw.json":
                record = json.loads(data)
                change(record)
                data = json.dumps(record, ensure_ascii=False).encode()
            dst.writestr(name, data)
    return str(bad)


def test_verify_names_the_first_mismatch(drawn, tmp_path, capsys):
    def wrong_secret(record):
        record["reveals"][0]["secret"] += "!"

    bad = _exported_with(drawn("new"), tmp_path, wrong_secret)
    assert main(["draw", "verify", bad]) == 1
    assert "揭示的密钥与其承诺值不符" in capsys.readouterr().err
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    assert main(["draw", "verify", str(tmp_path / "junk.zip")]) == 2


def test_export_refuses_a_draw_without_a_result(campaign, cast, tmp_path, capsys):
    from guifan.draws import services

    rule = DrawRule.objects.get(campaign=campaign, code="key")
    draw = services.draw_freeze(rule=rule, by=cast.office)
    assert main(["draw", "export", str(draw.pk), str(tmp_path / "x.zip")]) == 1
    assert "尚未完成" in capsys.readouterr().err
    assert main(["draw", "export", "999", str(tmp_path / "x.zip")]) == 1
    assert not (tmp_path / "x.zip").exists()


def test_a_malformed_record_is_a_mismatch_not_a_traceback(drawn, tmp_path, capsys):
    bad = _exported_with(drawn("new"), tmp_path, lambda record: record.update(reveals=[{"who": 1}]))
    assert main(["draw", "verify", bad]) == 1
    assert "draw.json 的内容格式不对" in capsys.readouterr().err
