"""The draw ceremony through its services: frames, two-person rule, reveals, re-draws."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guifan.draws import bundle, ceremony, protocol, services, verification
from guifan.draws.frames import frame_members
from guifan.draws.models import DrawFrame, DrawStatus, ManualPick
from guifan.draws.selectors import batch_cases, drawn_evaluators, with_reasons
from guifan.draws.tests.conftest import SECRETS, run_ceremony
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.org.models import BusinessLine
from guifan.testing.factories import CaseFactory, PersonFactory


def _ids(members):
    return sorted(member_id for _, member_id in members)


def test_the_template_gives_the_seeds_three_case_rules_and_an_evaluator_rule(campaign):
    rules = {r.code: r for r in campaign.draw_rules.all()}
    assert list(rules) == ["recheck", "new", "key", "k09", "evaluators"]
    assert (rules["recheck"].ratio, rules["recheck"].year) == ("0.30", 2015)
    assert rules["key"].ratio == "1"
    assert rules["evaluators"].count == 3


def test_frames_select_what_the_rules_say(campaign, rule, cast):
    recheck = frame_members(rule("recheck"))
    assert len(recheck) == 5 and {s for s, _ in recheck} == {cast.unit_a.code}
    new = _ids(frame_members(rule("new")))
    # Closed in 2015 in a taking-part unit, minus the five evaluated in 2015.
    assert len(new) == 12
    assert "测省检公诉受〔2015〕0001号" not in new and "甲区检公诉受〔2014〕0001号" not in new
    # 挂牌督办: only those closed in the rule's year (not the one closed in 2014).
    assert _ids(frame_members(rule("key"))) == ["甲区检公诉受〔2015〕0000号督"]
    pool = frame_members(rule("evaluators"))
    assert protocol.strata_sizes(pool) == {"gongsu": 4, "zhenjian": 3}


def test_including_evaluated_cases_is_a_setting(campaign, rule, cast):
    new = rule("new")
    services.rule_update(rule=new, by=cast.office, ratio="0.30", count=None, year=2015,
                         exclude_evaluated=False)  # fmt: skip
    assert len(frame_members(new)) == 18  # the supervised case evaluated by its county too


def test_freezing_journals_the_frame_hash_before_any_secret(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("recheck"), by=cast.office)
    run_ceremony(draw, cast)
    verbs = list(
        Entry.objects.filter(verb__startswith="draw.")
        .order_by("seq")
        .values_list("verb", "payload")
    )
    assert verbs[0][0] == Verb.DRAW_FREEZE and draw.frame_hash in verbs[0][1]
    assert [v for v, _ in verbs][1:3] == [Verb.DRAW_COMMIT, Verb.DRAW_COMMIT]
    assert verbs[-1][0] == Verb.DRAW_RESULT


def test_the_ceremony_draws_what_anyone_can_recompute(campaign, drawn, cast):
    draw = drawn("new")
    assert draw.status == DrawStatus.DONE
    frame = protocol.parse_text(DrawFrame.objects.get(draw=draw).text())
    seed = protocol.seed(list(SECRETS), "")
    expected = protocol.select(frame, seed_hex=seed, rule_code="new", ratio="0.30")
    assert draw.seed == seed
    assert sorted(draw.selections.values_list("stratum", "member_id")) == expected
    # ceil(30% of unit A's 5 not yet evaluated) = 2, ceil(30% of unit B's 7) = 3.
    assert draw.selected_count == 5
    assert all(s.case_id for s in draw.selections.all())


def test_the_frame_is_kept_as_frozen_when_cases_change_later(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("new"), by=cast.office)
    CaseFactory(case_no="甲区检公诉受〔2015〕0999号", unit=cast.unit_a)
    run_ceremony(draw, cast)
    assert "甲区检公诉受〔2015〕0999号" not in DrawFrame.objects.get(draw=draw).text()


def test_one_party_cannot_commit_twice_or_stand_for_both(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("recheck"), by=cast.office)
    ceremony.draw_commit(draw=draw, by=cast.office, role="office", secret="办-骰子-61425361425361")
    with pytest.raises(ValidationError, match="双人规则"):
        ceremony.draw_commit(
            draw=draw, by=cast.office, role="office", secret="办-骰子-52314652314652"
        )
    with pytest.raises(ValidationError, match="纪检监察"):
        ceremony.draw_close_commitments(draw=draw, by=cast.office)


def test_only_the_issuing_units_office_and_inspection_take_part(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("recheck"), by=cast.office)
    for outsider in (cast.liaison_a, cast.evaluator):
        with pytest.raises(PermissionDenied):
            ceremony.draw_commit(
                draw=draw, by=outsider, role="office", secret="外-骰子-11223344556612"
            )
    with pytest.raises(PermissionDenied):
        ceremony.draw_commit(
            draw=draw, by=cast.office, role="inspection", secret="外-骰子-11223344556612"
        )
    with pytest.raises(PermissionDenied):
        services.draw_freeze(rule=rule("new"), by=cast.inspector)


def test_no_reveal_before_commitments_close(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("recheck"), by=cast.office)
    ceremony.draw_commit(draw=draw, by=cast.office, role="office", secret="办-骰子-61425361425361")
    with pytest.raises(ValidationError, match="揭示阶段"):
        ceremony.draw_reveal(draw=draw, by=cast.office, secret="办-骰子-61425361425361")


def test_a_wrong_reveal_is_refused_journaled_and_changes_nothing(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("recheck"), by=cast.office)
    ceremony.draw_commit(draw=draw, by=cast.office, role="office", secret=SECRETS[0])
    ceremony.draw_commit(draw=draw, by=cast.inspector, role="inspection", secret=SECRETS[1])
    ceremony.draw_close_commitments(draw=draw, by=cast.office)
    with pytest.raises(ValidationError, match="不符"):
        ceremony.draw_reveal(draw=draw, by=cast.inspector, secret=SECRETS[1] + "0")
    assert Entry.objects.filter(verb=Verb.DRAW_REVEAL_REFUSED).count() == 1
    assert not draw.commitments.filter(revealed_at__isnull=False).exists()
    ceremony.draw_reveal(draw=draw, by=cast.inspector, secret=SECRETS[1])


def test_a_commitment_made_offline_is_accepted(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("recheck"), by=cast.office)
    offline = protocol.commitment("线下密钥")
    made = ceremony.draw_commit(draw=draw, by=cast.inspector, role="inspection", commitment=offline)
    assert made.commitment == offline and made.secret == ""
    with pytest.raises(ValidationError, match="64"):
        ceremony.draw_commit(draw=draw, by=cast.office, role="office", commitment="abc")


def test_a_public_value_announced_in_advance_enters_the_seed(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("new"), by=cast.office, public_source="3D 开奖号码")
    ceremony.draw_commit(draw=draw, by=cast.office, role="office", secret=SECRETS[0])
    ceremony.draw_commit(draw=draw, by=cast.inspector, role="inspection", secret=SECRETS[1])
    ceremony.draw_close_commitments(draw=draw, by=cast.office)
    ceremony.draw_set_public_value(draw=draw, by=cast.office, value="4 0 7")
    ceremony.draw_reveal(draw=draw, by=cast.inspector, secret=SECRETS[1])
    ceremony.draw_reveal(draw=draw, by=cast.office, secret=SECRETS[0])
    draw.refresh_from_db()
    assert draw.seed == protocol.seed(list(SECRETS), "4 0 7")


def test_a_second_draw_needs_a_redraw_with_a_reason_and_keeps_the_first(
    campaign, drawn, rule, cast
):
    first = drawn("new")
    with pytest.raises(ValidationError, match="重抽"):
        services.draw_freeze(rule=rule("new"), by=cast.office)
    with pytest.raises(ValidationError, match="原因"):
        services.draw_redo(draw=first, by=cast.office, reason=" ")
    second = services.draw_redo(draw=first, by=cast.office, reason="承办单位补录了漏报案件")
    first.refresh_from_db()
    assert first.status == DrawStatus.SUPERSEDED and first.selections.count() == 5
    assert (second.attempt, second.supersedes, second.redo_reason) == (
        2,
        first,
        "承办单位补录了漏报案件",
    )
    run_ceremony(second, cast, secrets=("办-骰子-x1x1x1x1x1x1x1", "纪-骰子-y2y2y2y2y2y2y2"))
    batch = batch_cases(campaign=campaign, user=cast.office)
    assert set(batch.values_list("pk", flat=True)) == set(
        second.selections.values_list("case_id", flat=True)
    )


def test_a_case_drawn_by_two_rules_is_in_the_batch_once_with_both_reasons(
    campaign, drawn, rule, cast
):
    services.rule_update(rule=rule("recheck"), by=cast.office, ratio="1", count=None, year=2015,
                         exclude_evaluated=True)  # fmt: skip
    services.rule_update(rule=rule("new"), by=cast.office, ratio="1", count=None, year=2015,
                         exclude_evaluated=False)  # fmt: skip
    drawn("recheck")
    drawn("new")
    cases = list(batch_cases(campaign=campaign, user=cast.office))
    assert len(cases) == 18
    reasons = {r.case.case_no: r.reasons for r in with_reasons(campaign=campaign, cases=cases)}
    assert reasons["甲区检公诉受〔2015〕0001号"] == ["复查", "新评查"]
    assert reasons["乙县检侦监受〔2015〕0001号"] == ["新评查"]


def test_liaisons_see_only_their_own_units_drawn_cases(campaign, drawn, cast):
    drawn("new")
    units = set(batch_cases(campaign=campaign, user=cast.liaison_b).values_list("unit", flat=True))
    assert units == {cast.unit_b.pk}


def test_rules_cannot_change_once_frozen_and_refuse_bad_amounts(campaign, rule, cast):
    with pytest.raises(ValidationError, match="小数"):
        services.rule_update(rule=rule("new"), by=cast.office, ratio="30%", count=None, year=2015,
                             exclude_evaluated=True)  # fmt: skip
    services.draw_freeze(rule=rule("new"), by=cast.office)
    with pytest.raises(ValidationError, match="不能再修改"):
        services.rule_update(rule=rule("new"), by=cast.office, ratio="0.5", count=None, year=2015,
                             exclude_evaluated=True)  # fmt: skip


def test_an_empty_frame_is_refused_with_a_reason(campaign, rule, cast):
    services.rule_update(rule=rule("recheck"), by=cast.office, ratio="0.30", count=None, year=2009,
                         exclude_evaluated=True)  # fmt: skip
    with pytest.raises(ValidationError, match="没有可抽取"):
        services.draw_freeze(rule=rule("recheck"), by=cast.office)


def test_evaluators_are_drawn_per_line_and_manual_picks_stay_apart(campaign, drawn, cast):
    draw = drawn("evaluators")
    assert draw.selected_count == 6  # 3 of 4 prosecution, 3 of 3 investigation supervision
    outsider = PersonFactory(unit=cast.unit_b)
    services.draw_add_manual(draw=draw, by=cast.office, person=outsider, line=BusinessLine.GONGSU,
                             reason="库内公诉条线人员不足")  # fmt: skip
    already = draw.selections.first().person
    with pytest.raises(ValidationError, match="已在"):
        services.draw_add_manual(
            draw=draw, by=cast.office, person=already, line="gongsu", reason="x"
        )
    people = drawn_evaluators(campaign=campaign)
    assert [p.manual for p in people] == [False] * 6 + [True]
    data = bundle.bundle_bytes(draw)
    manual = zipfile.ZipFile(io.BytesIO(data)).read("manual.tsv").decode()
    assert manual == f"gongsu\t{outsider.staff_no}\t库内公诉条线人员不足\n"
    assert outsider.staff_no not in zipfile.ZipFile(io.BytesIO(data)).read("result.tsv").decode()
    assert verification.verify_bundle(io.BytesIO(data)).selected_count == 6
    assert ManualPick.objects.count() == 1


def test_the_bundle_verifies_and_a_tampered_one_does_not(campaign, drawn, cast):
    draw = drawn("new")
    data = bundle.bundle_bytes(draw)
    record = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("draw.json"))
    assert list(record) == list(verification.RECORD_KEYS)
    assert record["ratio"] == "0.30" and record["count"] is None
    assert [c["party"] for c in record["commitments"]] == [r["party"] for r in record["reveals"]]
    assert verification.verify_bundle(io.BytesIO(data)).frame_size == draw.frame_size
    tampered = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(tampered, "w") as dst:
        for name in src.namelist():
            text = src.read(name).decode()
            if name == "frame.tsv":
                text = text.replace("0001号", "0901号")
            dst.writestr(name, text)
    with pytest.raises(protocol.ProtocolError) as caught:
        verification.verify_bundle(io.BytesIO(tampered.getvalue()))
    assert caught.value.code == "frame_hash"


def test_a_draw_in_its_ceremony_has_no_bundle_yet(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("new"), by=cast.office)
    with pytest.raises(ValidationError, match="尚未完成"):
        bundle.bundle_bytes(draw)


def test_a_guessable_secret_is_refused(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("recheck"), by=cast.office)
    for weak in ("123456", "1111111111111111111"):
        with pytest.raises(ValidationError, match="至少 16 个字符"):
            ceremony.draw_commit(draw=draw, by=cast.office, role="office", secret=weak)
    assert draw.commitments.count() == 0


def test_the_public_value_comes_before_any_reveal(campaign, rule, cast):
    draw = services.draw_freeze(rule=rule("new"), by=cast.office, public_source="3D 开奖号码")
    ceremony.draw_commit(draw=draw, by=cast.office, role="office", secret=SECRETS[0])
    ceremony.draw_commit(draw=draw, by=cast.inspector, role="inspection", secret=SECRETS[1])
    ceremony.draw_close_commitments(draw=draw, by=cast.office)
    with pytest.raises(ValidationError, match="先由专项整治办录入"):
        ceremony.draw_reveal(draw=draw, by=cast.inspector, secret=SECRETS[1])
    ceremony.draw_set_public_value(draw=draw, by=cast.office, value="4 0 7")
    ceremony.draw_reveal(draw=draw, by=cast.inspector, secret=SECRETS[1])
    with pytest.raises(ValidationError):
        ceremony.draw_set_public_value(draw=draw, by=cast.office, value="5 0 7")


def test_someone_who_also_runs_the_office_is_not_the_inspection_party(campaign, rule, cast):
    from guifan.core.roles import Role
    from guifan.testing.factories import grant

    grant(cast.inspector, Role.OFFICE, cast.city)
    draw = services.draw_freeze(rule=rule("new"), by=cast.office)
    with pytest.raises(ValidationError, match="不能作为纪检监察一方"):
        ceremony.draw_commit(draw=draw, by=cast.inspector, role="inspection", secret=SECRETS[1])


def test_a_case_rule_needs_a_year(campaign, rule, cast):
    with pytest.raises(ValidationError, match="年度"):
        services.rule_update(rule=rule("new"), by=cast.office, ratio="0.30", count=None,
                             year=None, exclude_evaluated=True)  # fmt: skip
