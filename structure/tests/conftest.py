"""Fixtures for the structure pages: the seeds loaded, and a synthetic county many times larger."""

import copy
from pathlib import Path

import pytest
import yaml

from agreements.services import load_county
from structure.synthetic import synthetic_document

BIG_COUNTY = "syntetiskt-97"
# libyaml writes the big files ten times faster, where it is installed.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@pytest.fixture
def loaded_county(db):
    """Norrbotten loaded through the agreements' services: both versions and Norrbus."""
    load_county("norrbotten")
    return "norrbotten"


@pytest.fixture
def norrbotten(loaded_county):
    """The same, under the name the tests of the live structure use."""
    return loaded_county


def write_big_county(
    directory: Path,
    *,
    number: int = 97,
    municipalities: int = 60,
    areas: int = 10,
    area_bodies: int = 6,
    versions: int = 4,
) -> str:
    """Agreement files of a county several times Norrbotten's size, one per version.

    Norrbotten's agreement with `municipalities` municipalities in `areas` areas, the synthetic
    counties' extra municipal groups, and `area_bodies` more area groups that the steering group
    mandates; each version meets once more a year than the one before, so versions differ.
    """
    base = synthetic_document(number, municipalities=municipalities, areas=areas)
    template = next(b for b in base["bodies"] if b["instances"] == "per_area")
    steering = next(b for b in base["bodies"] if b["kind"] == "county_steering_group")
    for index in range(1, area_bodies + 1):
        extra = copy.deepcopy(template)
        extra["id"] = f"{template['id']}-{index:02d}"
        extra["name"] = f"{template['name']} {index}"
        base["bodies"].append(extra)
        base["relations"].append(
            {
                "kind": "mandates",
                "from": steering["id"],
                "to": extra["id"],
                "source": template["source"],
            }
        )
    slug = base["county"]["slug"]
    folder = directory / slug
    folder.mkdir(parents=True, exist_ok=True)
    for version in range(1, versions + 1):
        document = copy.deepcopy(base)
        document["document"].update(version=version, label=f"Syntetisk version {version}")
        body = next(b for b in document["bodies"] if b["id"] == steering["id"])
        body["meetings"]["per_year"] = {"exact": None, "min": version, "max": None}
        text = yaml.dump(document, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
        (folder / f"{document['document']['id']}-v{version}.yaml").write_text(text, "utf-8")
    return slug


@pytest.fixture(scope="session")
def big_county_files(tmp_path_factory):
    """The big county's files, written once: the registry then validates them once too."""
    directory = tmp_path_factory.mktemp("agreements")
    write_big_county(directory)
    return directory


@pytest.fixture
def big_county(db, big_county_files, settings):
    """A county loaded from files with 60 municipalities in 10 areas, 15 bodies and 4 versions."""
    settings.AGREEMENT_DIRS = [*settings.AGREEMENT_DIRS, big_county_files]
    load_county(BIG_COUNTY)
    return BIG_COUNTY


@pytest.fixture
def coordinator(client, db):
    """The client, logged in as a collaboration coordinator."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from accounts.roles import COORDINATOR_GROUP

    user = get_user_model().objects.create_user("samordnare", password="x" * 16)
    user.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    client.force_login(user)
    return client


@pytest.fixture
def verified_coordinator(coordinator):
    """The coordinator's client with the second factor passed, as the Popolo export asks."""
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username="samordnare")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    session = coordinator.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return coordinator
