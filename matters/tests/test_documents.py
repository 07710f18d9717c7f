"""The register of governing documents: the next revision from the county's interval (a yearly
review by default) or the document's own (Västerbotten's beredningar: "minst vartannat år"),
and the compliance findings for documents overdue and recommendations waiting too long."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from matters import actions
from matters.models import Handling
from structure.compliance import ERROR, OK, evaluate

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def data(**fields):
    return actions.DocumentData(
        **{
            "kind": "routine",
            "title": "Rutin för samordnad utskrivning",
            "owner_body": "lansstyrgrupp",
            "adopted_on": D("2025-01-15"),
            "adopted_by": "Länsstyrgruppen",
            "document_version": "1.0",
            **fields,
        }
    )


def test_a_document_is_revised_yearly_by_default(coordinator, norrbotten):
    document = actions.do_register_document(coordinator, norrbotten, data())
    assert document.next_revision == D("2026-01-15")
    findings = evaluate("norrbotten", on=D("2026-02-01")).filtered(rule="document-revision")
    [finding] = findings
    assert finding.severity == ERROR and "2026-01-15" in finding.message
    assert finding.section == "Länsstyrgruppens uppdrag"
    assert (
        evaluate("norrbotten", on=D("2025-06-01")).filtered(rule="document-revision")[0].severity
        == OK
    )


def test_the_county_and_the_document_choose_their_interval(coordinator, norrbotten):
    own = actions.do_register_document(
        coordinator, norrbotten, data(review_months=24, review_basis="6.2: minst vartannat år")
    )
    default = actions.do_register_document(coordinator, norrbotten, data(title="Handlingsplan"))
    actions.do_change_settings(coordinator, norrbotten, review_months=6, decision_days=60)
    own.refresh_from_db()
    default.refresh_from_db()
    assert own.next_revision == D("2027-01-15")
    assert default.next_revision == D("2025-07-15")


def test_a_revision_counts_from_the_new_adoption_and_a_stale_change_is_refused(
    coordinator, norrbotten
):
    from structure.actions import ConflictError

    document = actions.do_register_document(coordinator, norrbotten, data())
    read = document.version
    actions.do_change_document(
        coordinator,
        document,
        data(adopted_on=D("2026-01-10"), document_version="2.0"),
        expected_version=read,
    )
    document.refresh_from_db()
    assert document.next_revision == D("2027-01-10")
    with pytest.raises(ConflictError):
        actions.do_change_document(coordinator, document, data(), expected_version=read)


def test_bad_document_input_is_refused(coordinator, norrbotten):
    with pytest.raises(ValidationError):
        actions.do_register_document(coordinator, norrbotten, data(owner_body="nope"))
    with pytest.raises(ValidationError):
        actions.do_register_document(coordinator, norrbotten, data(review_months=0))
    with pytest.raises(ValidationError):
        actions.do_change_settings(coordinator, norrbotten, review_months=12, decision_days=0)


def test_a_recommendation_waiting_beyond_the_county_time_is_a_finding(coordinator, lulea):
    matter = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(title="Rekommendation", question="?", body="lansstyrgrupp"),
        on=D("2026-01-05"),
    )
    actions.do_handle_matter(
        coordinator,
        matter,
        outcome=Handling.Outcome.RECOMMENDATION,
        text="Anta.",
        on=D("2026-01-12"),
    )
    in_time = evaluate("norrbotten", on=D("2026-04-01")).filtered(rule="principals-decisions")
    assert [f.severity for f in in_time] == [OK]
    [late] = evaluate("norrbotten", on=D("2026-04-13")).filtered(rule="principals-decisions")
    assert late.severity == ERROR and "15" in late.message
    assert late.section == "Länsstyrgruppens uppdrag"


def test_vasterbottens_beredningar_are_revised_at_least_every_other_year(coordinator):
    """Västerbotten 6.2: "Beredningarnas uppdrag och bemanning skall revideras vid behov och
    minst vartannat år": 24 months from the adoption, whatever the county's yearly default,
    and a document's own interval no longer than that."""
    from structure.tests.builders import loaded_county

    vasterbotten = loaded_county("vasterbotten")
    mandate = actions.do_register_document(
        coordinator,
        vasterbotten,
        data(owner_body="beredning-barn-unga", title="Uppdrag för beredningen för barn och unga"),
    )
    assert mandate.next_revision == D("2027-01-15")
    longer = actions.do_register_document(
        coordinator, vasterbotten, data(owner_body="beredning-vuxna-aldre", review_months=36)
    )
    assert longer.next_revision == D("2027-01-15")
    shorter = actions.do_register_document(
        coordinator, vasterbotten, data(owner_body="beredning-vuxna-aldre", review_months=12)
    )
    assert shorter.next_revision == D("2026-01-15")
    # The group over them follows the county's yearly default.
    lsg = actions.do_register_document(
        coordinator, vasterbotten, data(owner_body="lanssamverkansgrupp")
    )
    assert lsg.next_revision == D("2026-01-15")
    actions.do_change_settings(coordinator, vasterbotten, review_months=6, decision_days=60)
    mandate.refresh_from_db()
    assert mandate.next_revision == D("2027-01-15")
    [finding] = [
        f
        for f in evaluate("vasterbotten", on=D("2027-02-01")).filtered(rule="document-revision")
        if "barn och unga" in f.message
    ]
    assert finding.severity == ERROR
    assert finding.section == "6.2 Beredningar till Länssamverkansgruppen"


def test_the_agreement_file_states_the_beredningars_interval_with_its_clause(db):
    from structure.actions import agreement_in_force
    from structure.tests.builders import loaded_county

    agreement = agreement_in_force(loaded_county("vasterbotten").pk)
    for body_id in ("beredning-barn-unga", "beredning-vuxna-aldre"):
        rule = agreement.body(body_id).revised_every
        assert rule.every_months == 24
        assert "minst vartannat år" in rule.source.quote
