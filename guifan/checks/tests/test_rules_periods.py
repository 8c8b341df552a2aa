"""The rules added for every automatable rule, judged by the reference on hand-made cases at
the day boundary: the last day itself is in time, the next day is late, a last day in the
2015 National Day holiday (10-01 … 10-07) rolls over to 10-08 unless someone is in custody."""

from datetime import date, datetime

from guifan.checks import reading
from guifan.checks.reference import Case, check_case
from guifan.core.periods import Calendar

CAL = Calendar()
AS_OF = date(2016, 3, 25)


def row(table: str, seq: int = 1, **values) -> dict:
    fields = dict.fromkeys(reading.columns_read(table))
    fields.update(seq=seq, **values)
    return fields


def judge(code: str, as_of: date = AS_OF, **parts) -> list[dict]:
    fields = dict.fromkeys(reading.CASE_FIELDS)
    fields.update(category="审查起诉(一审)", accept_date=date(2015, 1, 5))
    fields.update(parts.pop("case", {}))
    return check_case(Case(fields, parts, as_of, CAL), [code]).get(code, [])


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


D = date
SEP30, OCT8, OCT9 = D(2015, 9, 30), D(2015, 10, 8), D(2015, 10, 9)
INVESTIGATION = {"category": "职务犯罪立案侦查", "is_self_investigation": True}


def test_r1_02_result_within_three_months_rolled_over_the_holiday():
    def reply(day):
        return [row("complaints", received_at=at(D(2015, 7, 7)), result_reply_at=day and at(day))]

    assert judge("R1-02", complaints=reply(OCT8)) == []
    assert judge("R1-02", complaints=reply(OCT9))[0]["deadline"] == OCT8
    assert judge("R1-02", complaints=reply(None))
    assert judge("R1-02", as_of=OCT8, complaints=reply(None)) == []


def test_r1_03_a_summons_lasts_twelve_hours():
    def summons(hour, minute):
        start, end = at(D(2015, 6, 1), 8), at(D(2015, 6, 1), hour, minute)
        return [row("measures", kind="summons", executed_at=start, ended_at=end)]

    assert judge("R1-03", measures=summons(20, 0)) == []
    assert judge("R1-03", measures=summons(20, 1))


def test_r2_07_and_r2_08_rsdl_conditions_and_approval():
    rsdl = [row("measures", kind="rsdl", suspect_seq=1, executed_at=at(D(2015, 6, 1)))]
    housed = [row("suspects", has_fixed_residence=True)]
    assert judge("R2-07", case=INVESTIGATION, measures=rsdl, suspects=housed)
    major = {**INVESTIGATION, "is_major_bribery": True}
    assert judge("R2-07", case=major, measures=rsdl, suspects=housed) == []
    homeless = [row("suspects", has_fixed_residence=False)]
    assert judge("R2-07", case=INVESTIGATION, measures=rsdl, suspects=homeless) == []
    assert judge("R2-08", case=major, measures=rsdl)
    approved = [{**rsdl[0], "approved_by_upper": True}]
    assert judge("R2-08", case=major, measures=approved) == []
    assert judge("R2-08", case=INVESTIGATION, measures=rsdl) == []


def test_r2_12_r4_09_r4_10_the_length_of_surveillance_and_bail():
    def measure(kind, start, end=None):
        return [row("measures", kind=kind, executed_at=at(start), ended_at=end and at(end))]

    # Six months from 04-07 end on 10-07, a holiday: rolled to 10-08 (nobody is in custody).
    assert judge("R2-12", measures=measure("surveillance", D(2015, 4, 7), OCT8)) == []
    assert judge("R2-12", measures=measure("rsdl", D(2015, 4, 7), OCT9))[0]["deadline"] == OCT8
    # Still running: R4-10 from the day after the last day.
    running = measure("surveillance", D(2015, 4, 7))
    assert judge("R4-10", as_of=OCT8, measures=running) == []
    assert judge("R4-10", as_of=OCT9, measures=running)
    assert judge("R2-12", as_of=OCT9, measures=running) == []
    # Twelve months of bail from 2014-10-01 end on 2015-10-01: rolled to 10-08.
    assert judge("R4-09", measures=measure("bail", D(2014, 10, 1), OCT8)) == []
    assert judge("R4-09", measures=measure("bail", D(2014, 10, 1), OCT9))
    # The case closed in time: the next organ decides anew, the measure is no longer ours.
    closed = {"close_date": D(2015, 9, 1)}
    assert judge("R4-10", case=closed, measures=measure("bail", D(2014, 10, 1))) == []


def test_r3_02_the_victim_told_within_three_days():
    def told(day, cause="盗窃罪"):
        notice = row("notices", party="victim", matter="有权委托诉讼代理人", notified_at=at(day))
        return judge("R3-02", case={"accept_date": SEP30, "cause": cause}, notices=[notice])

    assert told(OCT8) == []
    assert told(OCT9)[0]["deadline"] == OCT8
    assert told(OCT9, cause="危险驾驶罪") == []  # no victim


def test_r3_03_legal_aid_for_a_suspect_who_needs_a_defender():
    case = {"accept_date": SEP30}
    blind = [row("suspects", blind_deaf_mute=True)]
    assert judge("R3-03", as_of=OCT8, case=case, suspects=blind) == []
    assert judge("R3-03", as_of=OCT9, case=case, suspects=blind) == [
        {"suspect": 1, "deadline": OCT8}
    ]
    aid = [row("notices", party="suspect", matter="已通知法律援助机构指派律师")]
    assert judge("R3-03", case=case, suspects=blind, notices=aid) == []
    able = [row("suspects", blind_deaf_mute=False)]
    assert judge("R3-03", case=case, suspects=able) == []


def request(kind, answered, submitted=SEP30, **values):
    return [row("lawyer_requests", kind=kind, submitted_at=at(submitted),
                responded_at=answered and at(answered, 17), **values)]  # fmt: skip


def test_r3_04_r3_06_r3_14_answers_within_days_rolled_over_the_holiday():
    assert judge("R3-04", lawyer_requests=request("legal_aid", OCT8)) == []
    assert judge("R3-04", lawyer_requests=request("legal_aid", OCT9))
    major = {"is_major_bribery": True}
    assert judge("R3-06", case=major, lawyer_requests=request("meeting", OCT8)) == []
    assert judge("R3-06", case=major, lawyer_requests=request("meeting", OCT9))
    assert judge("R3-06", lawyer_requests=request("meeting", OCT9)) == []  # not major
    # Ten days from 09-27 end on 10-07: rolled to 10-08.
    complaint = D(2015, 9, 27)
    assert judge("R3-14", lawyer_requests=request("complaint", OCT8, complaint)) == []
    assert judge("R3-14", lawyer_requests=request("complaint", OCT9, complaint))


def test_r3_07_a_meeting_permitted_before_the_investigation_ends():
    case = {**INVESTIGATION, "is_major_bribery": True, "close_date": OCT8}
    assert judge("R3-07", case=case, lawyer_requests=request("meeting", OCT8, result="许可")) == []
    refused = request("meeting", D(2015, 10, 2), result="不许可", written_reason="有碍侦查")
    assert judge("R3-07", case=case, lawyer_requests=refused)
    after = request("meeting", OCT9, result="许可")
    assert judge("R3-07", case=case, lawyer_requests=after)


def test_r3_09_and_r3_10_seven_days_and_reasons_for_a_refusal():
    assert judge("R3-09", lawyer_requests=request("victim_evidence", OCT8, result="许可")) == []
    assert judge("R3-09", lawyer_requests=request("victim_evidence", OCT9, result="许可"))
    bare = request("victim_evidence", D(2015, 10, 2), result="不许可")
    assert judge("R3-09", lawyer_requests=bare) == [{"seq": 1, "reason": "unreasoned"}]
    assert judge("R3-10", lawyer_requests=request("obtain_evidence", OCT8, result="不同意"))
    reasoned = request("collect_evidence", OCT8, result="不同意", written_reason="与案件无关")
    assert judge("R3-10", lawyer_requests=reasoned) == []


def test_r3_11_a_defender_who_asked_is_heard_before_closing():
    case = {"close_date": OCT8}
    asked = request("be_heard", None, D(2015, 10, 2))

    def heard(day):
        return [row("opinions", heard_party="辩护人", heard_at=at(day))]

    assert judge("R3-11", case=case, lawyer_requests=asked, opinions=heard(OCT8)) == []
    assert judge("R3-11", case=case, lawyer_requests=asked, opinions=heard(OCT9))
    assert judge("R3-11", case=case, lawyer_requests=asked)
    assert judge("R3-11", lawyer_requests=asked) == []  # still open


def test_r4_04_report_and_decision_in_custody_do_not_roll_over():
    detained = at(D(2015, 9, 26), 10)  # 7 days end on 10-03, a holiday: no roll-over

    def case(reported, decided, **extra):
        measures = [
            row("measures", 1, kind="detention", suspect_seq=1, executed_at=detained),
            row("measures", 2, kind="arrest", suspect_seq=1, decided_at=at(decided)),
        ]
        transfers = [row("transfers", kind="arrest_report", transferred_at=at(reported))]
        return judge("R4-04", case=INVESTIGATION, measures=measures, transfers=transfers, **extra)

    assert case(D(2015, 10, 3), D(2015, 10, 10)) == []
    assert [f["reason"] for f in case(D(2015, 10, 4), D(2015, 10, 10))] == ["report"]
    assert [f["reason"] for f in case(D(2015, 10, 3), D(2015, 10, 11))] == ["decision"]
    longer = [row("extensions", kind="arrest_review", approver="upper", days=3)]
    assert case(D(2015, 10, 3), D(2015, 10, 13), extensions=longer) == []


def test_r4_06_investigation_custody_two_months_plus_approved_extensions():
    arrest = [row("measures", kind="arrest", suspect_seq=1, executed_at=at(D(2015, 8, 1)))]

    def sent(day, *extensions):
        transfers = [row("transfers", kind="prosecution", transferred_at=at(day))]
        return judge("R4-06", case=INVESTIGATION, measures=arrest, transfers=transfers,
                     extensions=list(extensions))  # fmt: skip

    # Two months end on 10-01, a holiday, and stay there: the suspect is in custody.
    assert sent(D(2015, 10, 1)) == []
    assert sent(D(2015, 10, 2))[0]["deadline"] == D(2015, 10, 1)
    upper = row("extensions", kind="investigation_custody", approver="upper", months=1)
    assert sent(D(2015, 11, 1), upper) == []
    chief = row("extensions", kind="investigation_custody", approver="chief", months=1)
    assert sent(D(2015, 10, 2), chief)


def test_r4_15_property_released_with_the_decision_not_to_prosecute():
    def case(how, close, released):
        seized = row("properties", seized_at=at(D(2015, 5, 1)), released_at=at(released))
        return judge("R4-15", case={"close_type": how, "close_date": close}, properties=[seized])

    assert case("不起诉", D(2015, 6, 1), D(2015, 6, 1)) == []
    assert case("不起诉", D(2015, 6, 1), D(2015, 6, 2))
    # Dropped on 09-07: 30 days end on 10-07, a holiday, rolled to 10-08.
    assert case("撤销案件", D(2015, 9, 7), OCT8) == []
    assert case("撤销案件", D(2015, 9, 7), OCT9)
    assert case("起诉", D(2015, 9, 7), D(2016, 1, 1)) == []


def test_r5_06_no_prosecution_decided_within_thirty_days_of_withdrawal():
    judged = [row("judgments", level="first", judged_on=D(2015, 9, 7), result="withdrawn")]

    def decided(day):
        docs = [row("documents", doc_type="不起诉决定书", sign_date=day)] if day else []
        return judge("R5-06", judgments=judged, documents=docs)

    assert decided(OCT8) == []
    assert decided(OCT9)[0]["deadline"] == OCT8
    assert decided(None)


def test_r6_03_r6_08_r6_09_filing_record_civil_review_and_open_investigations():
    def filed(day):
        transfers = [row("transfers", kind="filing_record", transferred_at=at(day))]
        return judge("R6-03", case={**INVESTIGATION, "filing_date": SEP30}, transfers=transfers)

    assert filed(OCT8) == []
    assert filed(OCT9)
    civil = {"category": "生效裁判监督", "accept_date": D(2015, 7, 7)}
    assert judge("R6-08", case={**civil, "close_date": OCT8}) == []
    assert judge("R6-08", case={**civil, "close_date": OCT9})
    old = {**INVESTIGATION, "filing_date": D(2013, 10, 7)}  # two years end on 10-07: 10-08
    assert judge("R6-09", as_of=OCT8, case=old) == []
    assert judge("R6-09", as_of=OCT9, case=old)
    held = [row("measures", kind="bail", executed_at=at(D(2013, 10, 8)))]
    assert judge("R6-09", as_of=OCT9, case=old, measures=held) == []


def test_r8_04_property_released_without_the_chief():
    released = row("properties", seized_at=at(D(2015, 5, 1)), released_at=at(D(2015, 6, 1)))
    assert judge("R8-04", properties=[released]) == [{"seq": 1}]
    assert judge("R8-04", properties=[{**released, "approved_by_chief": True}]) == []
    held = row("properties", seized_at=at(D(2015, 5, 1)))
    assert judge("R8-04", properties=[held]) == []


def test_h_rules_flag_patterns_for_a_person():
    def talk(start, end, seq=1):
        return row("interrogations", seq, suspect_seq=1, start_at=start, end_at=end)

    night = D(2015, 6, 1)
    four = talk(at(night, 21), at(D(2015, 6, 2), 1))
    assert judge("R1-04", interrogations=[four]) == []
    longer = talk(at(night, 21), at(D(2015, 6, 2), 1, 1))
    assert judge("R1-04", interrogations=[longer]) == [{"seq": 1, "reason": "night"}]
    day = [talk(at(night, 8), at(night, 14)), talk(at(night, 15), at(night, 21, 1), 2)]
    assert [f["reason"] for f in judge("R1-04", interrogations=day)] == ["day"]

    def signed(generated):
        return [row("documents", sign_date=D(2015, 6, 1), generated_at=at(generated))]

    assert judge("R5-02", documents=signed(D(2015, 6, 4))) == []
    assert judge("R5-02", documents=signed(D(2015, 6, 5)))[0]["reason"] == "backdated"
    # 审查起诉 from 01-05 ends 02-05 (rolled over nothing): a return on 02-03 is on the eve.
    eve = [row("returns", returned_on=D(2015, 2, 3), resubmitted_on=D(2015, 3, 1))]
    assert judge("R5-07", returns=eve)[0]["reason"] == "eve"
    early = [row("returns", returned_on=D(2015, 2, 2), resubmitted_on=D(2015, 3, 1))]
    assert judge("R5-07", returns=early) == []
    flag = [row("flags", kind="intervention", flagged_on=D(2015, 6, 1))]
    soon = {"close_type": "不起诉", "close_date": D(2015, 7, 1)}
    assert judge("R8-01", case=soon, flags=flag)[0]["reason"] == "favour"
    later = {"close_type": "不起诉", "close_date": D(2015, 7, 2)}
    assert judge("R8-01", case=later, flags=flag) == []
