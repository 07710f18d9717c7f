"""What would break: a proposed revision of Norrbotten's agreement on the länsstyrgrupp, shown
as its diff and as the findings it would create or resolve in today's live structure."""

from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError

from matters import actions
from matters.revisions import impact

pytestmark = pytest.mark.django_db
IN_FORCE = Path(__file__).resolve().parents[2] / "agreements/data/norrbotten/lansstyrgrupp-v2.yaml"


def revised(change) -> str:
    data = yaml.safe_load(IN_FORCE.read_text(encoding="utf-8"))
    change(next(b for b in data["bodies"] if b["id"] == "lansstyrgrupp"))
    data["document"]["version"] = 3
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def matter(coordinator, lulea):
    return actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(
            title="Revidering av överenskommelsen",
            question="Ny sammansättning?",
            body="lansstyrgrupp",
        ),
    )


def test_removing_a_seat_resolves_its_finding(coordinator, matter):
    def remove(body):
        body["seats"] = [s for s in body["seats"] if s["id"] != "county-chief-adult-psychiatry"]

    actions.do_propose_revision(coordinator, matter, text=revised(remove))
    found = impact(matter)
    assert found.checks_structure
    assert any("Länschef vuxenpsykiatri" in line for line in found.changes)
    assert any(f.seat == "county-chief-adult-psychiatry" for f in found.resolved)
    assert not any(f.seat == "county-chief-adult-psychiatry" for f in found.created)


def test_adding_a_seat_creates_a_finding(coordinator, matter):
    def add(body):
        body["seats"].append(
            {
                "id": "elderly-care-chief",
                "role": "Äldreomsorgschef",
                "party_kind": "municipality",
                "sector": "elderly_care",
                "count": 1,
                "source": "Representanter länsstyrgruppen",
            }
        )

    actions.do_propose_revision(coordinator, matter, text=revised(add))
    found = impact(matter)
    created = [f for f in found.created if f.seat == "elderly-care-chief"]
    assert created and created[0].section == "Representanter länsstyrgruppen"
    assert not found.resolved


def test_an_invalid_file_is_refused_with_line_and_place(coordinator, matter):
    text = IN_FORCE.read_text(encoding="utf-8").replace("count: 5", "count: many", 1)
    with pytest.raises(actions.RevisionInvalid) as refused:
        actions.do_propose_revision(coordinator, matter, text=text)
    [problem] = refused.value.problems
    assert problem.line and "seats" in problem.path
    for bad in ("", "{", "- a\n- b", "county: [", "\x00", "a: b\n" * 3):
        with pytest.raises(ValidationError):
            actions.do_propose_revision(coordinator, matter, text=bad)
    assert not matter.revisions.exists()


def test_a_file_of_another_county_is_refused(coordinator, matter):
    other = (IN_FORCE.parents[1] / "vasterbotten/samverkan-vard-omsorg-v1.yaml").read_text(
        encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="another county|annat län"):
        actions.do_propose_revision(coordinator, matter, text=other)
