"""`samverkan backup` and `samverkan restore`: the restore drill on the database the tests run on
(SQLite, or PostgreSQL under DATABASE_URL), and every refusal before anything is written."""

import datetime
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from audit.models import AuditEvent
from plans.models import Case
from plans.tests.individual import consented_case, norrbotten_organisations, user_of
from samverkan import backup

from .builders import database_url

BACKUP_KEY = "the operator's own backup passphrase"
# Small chunks, so that the drill's file has many and a cut between two is tried.
SMALL_CHUNK = 4096

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def operator_key(monkeypatch):
    monkeypatch.setenv(backup.KEY_VARIABLE, BACKUP_KEY)
    monkeypatch.setattr(backup, "CHUNK", SMALL_CHUNK)


@pytest.fixture
def populated():
    """A county, a case with consent and a network meeting decided: encrypted identity numbers
    and an audit trail."""
    organisations = norrbotten_organisations("school", "social", "primary")
    counsellor = user_of(organisations["school"], "kurator", "unit_manager")
    consented_case(
        counsellor,
        organisations["school"],
        [organisations["social"], organisations["primary"]],
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 3),
    )
    assert AuditEvent.objects.count() > 2
    return organisations


@pytest.fixture
def backup_file(populated, tmp_path):
    path = tmp_path / "samverkan.backup"
    call_command("backup", str(path))
    return path


class EmptyDatabase:
    """A database of its own, empty, of the vendor the tests run on; dropped afterwards."""

    def __init__(self, tmp_path: Path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"
            return
        database = settings.DATABASES["default"]
        self.name = f"{database['NAME']}_drill_{uuid.uuid4().hex[:8]}"
        self.credentials = {
            key: database[key] for key in ("USER", "PASSWORD", "HOST", "PORT") if database[key]
        }
        self._admin(f'CREATE DATABASE "{self.name}"')
        self.url = database_url(self.name)

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            dbname="postgres",
            user=self.credentials.get("USER"),
            password=self.credentials.get("PASSWORD"),
            host=self.credentials.get("HOST"),
            port=self.credentials.get("PORT"),
            autocommit=True,
        ) as admin:
            admin.execute(statement)

    def count(self, table: str) -> int:
        if self.vendor == "sqlite":
            import sqlite3

            with sqlite3.connect(self.path) as reader:
                return reader.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        import psycopg

        with psycopg.connect(self.url) as reader:
            return reader.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def tables(self) -> int:
        if self.vendor == "sqlite":
            import sqlite3

            if not self.path.exists():
                return 0
            with sqlite3.connect(self.path) as reader:
                query = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                return reader.execute(query).fetchone()[0]
        import psycopg

        with psycopg.connect(self.url) as reader:
            query = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            return reader.execute(query).fetchone()[0]

    def drop(self) -> None:
        if self.vendor != "sqlite":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def empty_database(tmp_path):
    database = EmptyDatabase(tmp_path)
    yield database
    database.drop()


def samverkan(*argv, database: EmptyDatabase, **environment) -> subprocess.CompletedProcess:
    """The command as an operator runs it on the machine of the empty database, with the keys the
    data was written under unless the test names others."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samverkan.settings_test",
        "SAMVERKAN_DEBUG": "1",
        "SAMVERKAN_LANGUAGE": "sv",
        "DATABASE_URL": database.url,
        "SAMVERKAN_FIELD_KEY": settings.FIELD_ENCRYPTION_KEY,
        "SAMVERKAN_AUDIT_KEY": settings.SAMVERKAN_AUDIT_KEY,
        backup.KEY_VARIABLE: BACKUP_KEY,
        **environment,
    }
    env.pop("TEST_DATABASE_NAME", None)
    return subprocess.run(
        [sys.executable, "-m", "samverkan.cli", *argv],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=env,
        check=False,
    )


def test_the_manifest_names_the_database_and_fingerprints_the_keys_without_them(backup_file):
    with open(backup_file, "rb") as source:
        about = backup.read_header(source).manifest
    assert about["format"] == backup.FORMAT_VERSION
    assert about["vendor"] == connection.vendor
    assert ["plans", "0001_initial"] in about["migrations"]
    last = AuditEvent.objects.order_by("-id").first()
    assert about["audit_head"] == {"event": last.id, "hash": last.hash}
    assert about["field_key_fingerprint"] == backup.fingerprint(settings.FIELD_ENCRYPTION_KEY)
    assert about["audit_key_fingerprint"] == backup.fingerprint(settings.SAMVERKAN_AUDIT_KEY)
    raw = backup_file.read_bytes()
    for secret in (settings.FIELD_ENCRYPTION_KEY, settings.SAMVERKAN_AUDIT_KEY, BACKUP_KEY):
        assert secret.encode() not in raw
    # The data itself is not readable in the file.
    assert b"Lantto" not in raw and b"audit_auditevent" not in raw


def test_restore_drill_into_an_empty_database_and_the_audit_trail_verifies(
    backup_file, empty_database
):
    result = samverkan("restore", str(backup_file), database=empty_database)
    assert result.returncode == 0, result.stderr
    assert "Granskningsloggen är hel" in result.stdout
    assert empty_database.count("audit_auditevent") == AuditEvent.objects.count()
    assert empty_database.count("plans_case") == Case.objects.count() == 1
    # And again by the operator's own command, as after any restore.
    again = samverkan("audit", "verify", database=empty_database)
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize(
    "variable",
    ["SAMVERKAN_FIELD_KEY", "SAMVERKAN_AUDIT_KEY"],
)
def test_a_running_key_that_is_not_the_datas_is_refused_and_nothing_restored(
    backup_file, empty_database, variable
):
    result = samverkan(
        "restore", str(backup_file), database=empty_database, **{variable: "another key " * 3}
    )
    assert result.returncode == 1
    assert f"{variable} är inte nyckeln" in result.stderr
    assert empty_database.tables() == 0


def test_a_wrong_backup_key_is_refused(backup_file, empty_database):
    result = samverkan(
        "restore",
        str(backup_file),
        database=empty_database,
        **{backup.KEY_VARIABLE: "not the operator's passphrase"},
    )
    assert result.returncode == 1
    assert f"{backup.KEY_VARIABLE} är inte nyckeln" in result.stderr
    assert empty_database.tables() == 0


def test_a_database_that_is_not_empty_is_refused_and_nothing_overwritten(backup_file):
    before = AuditEvent.objects.count()
    Case.objects.update(concern="Ändrad efter säkerhetskopian.")
    with pytest.raises(CommandError, match="Databasen är inte tom"):
        call_command("restore", str(backup_file))
    assert AuditEvent.objects.count() == before
    assert Case.objects.get().concern == "Ändrad efter säkerhetskopian."


def _changed_copy(source: Path, target: Path, change) -> Path:
    data = bytearray(source.read_bytes())
    target.write_bytes(bytes(change(data)))
    return target


def _flip(position):
    def change(data):
        data[position(len(data))] ^= 0x01
        return data

    return change


@pytest.mark.parametrize(
    "position",
    [
        lambda size: 40,  # the salt
        lambda size: 100,  # the manifest
        lambda size: size // 2,  # a chunk in the middle
        lambda size: size - 1,  # the last chunk's tag
    ],
    ids=["salt", "manifest", "middle", "last"],
)
def test_a_flipped_byte_is_refused(backup_file, tmp_path, position):
    changed = _changed_copy(backup_file, tmp_path / "changed.backup", _flip(position))
    with pytest.raises(CommandError, match="ändrats|inte nyckeln"):
        call_command("restore", str(changed))


def test_a_changed_manifest_is_refused_even_where_it_still_reads(backup_file, tmp_path):
    original = backup_file.read_bytes()
    forged = original.replace(b'"vendor": "', b'"vendor": "x', 1)
    assert forged != original
    # The length prefix of the manifest no longer fits: refused whichever way it is read.
    changed = tmp_path / "forged.backup"
    changed.write_bytes(forged)
    with pytest.raises(CommandError, match="ändrats|avbruten"):
        call_command("restore", str(changed))


@pytest.mark.parametrize(
    "keep",
    [
        lambda size: size - 1,
        lambda size: size - (SMALL_CHUNK + 20),
        lambda size: size // 2,
        lambda size: 30,
        lambda size: 0,
    ],
    ids=["last-byte", "last-chunk", "half", "header", "empty"],
)
def test_a_cut_file_is_refused(backup_file, tmp_path, keep):
    cut = _changed_copy(backup_file, tmp_path / "cut.backup", lambda data: data[: keep(len(data))])
    with pytest.raises(CommandError, match="avbruten|ändrats|inte en säkerhetskopia"):
        call_command("restore", str(cut))


def test_a_whole_chunk_cut_at_its_boundary_is_refused(backup_file, tmp_path):
    """Without the last chunk the file still ends on a chunk's edge: its missing end is found."""
    with open(backup_file, "rb") as source:
        header = backup.read_header(source)
        offsets = [source.tell()]
        while prefix := source.read(4):
            source.seek(int.from_bytes(prefix, "big"), 1)
            offsets.append(source.tell())
    assert len(offsets) > 3 and header.manifest
    data = backup_file.read_bytes()
    cut = tmp_path / "boundary.backup"
    cut.write_bytes(data[: offsets[-2]])
    with pytest.raises(CommandError, match="avbruten"):
        call_command("restore", str(cut))


def test_chunks_swapped_are_refused(backup_file, tmp_path):
    with open(backup_file, "rb") as source:
        backup.read_header(source)
        start = source.tell()
    data = backup_file.read_bytes()
    size = 4 + SMALL_CHUNK + 16
    first, second = data[start : start + size], data[start + size : start + 2 * size]
    swapped = tmp_path / "swapped.backup"
    swapped.write_bytes(data[:start] + second + first + data[start + 2 * size :])
    with pytest.raises(CommandError, match="ändrats"):
        call_command("restore", str(swapped))


def test_without_a_key_or_with_a_short_one_nothing_is_written(populated, tmp_path, monkeypatch):
    target = tmp_path / "none.backup"
    monkeypatch.delenv(backup.KEY_VARIABLE)
    with pytest.raises(CommandError, match="SAMVERKAN_BACKUP_KEY är inte satt"):
        call_command("backup", str(target))
    monkeypatch.setenv(backup.KEY_VARIABLE, "short")
    with pytest.raises(CommandError, match="för kort"):
        call_command("backup", str(target))
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_into_a_folder_the_file_is_named_by_its_time(populated, tmp_path, capsys):
    call_command("backup", str(tmp_path))
    (made,) = tmp_path.glob("samverkan-*.backup")
    assert made.name.endswith("Z.backup") and str(made) in capsys.readouterr().out
    assert backup.inspect(made, BACKUP_KEY)["vendor"] == connection.vendor


def test_an_existing_file_is_not_overwritten(backup_file):
    before = backup_file.read_bytes()
    with pytest.raises(CommandError, match="finns redan"):
        call_command("backup", str(backup_file))
    assert backup_file.read_bytes() == before


def test_a_file_that_is_no_backup_or_missing_is_refused(populated, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("inte en säkerhetskopia", encoding="utf-8")
    with pytest.raises(CommandError, match="inte en säkerhetskopia"):
        call_command("restore", str(other))
    with pytest.raises(CommandError, match="Det finns ingen fil"):
        call_command("restore", str(tmp_path / "missing.backup"))


@override_settings(FIELD_ENCRYPTION_KEY="a field key the data was not written with")
def test_a_wrong_field_key_is_refused_before_the_database_is_looked_at(backup_file):
    with pytest.raises(CommandError, match="SAMVERKAN_FIELD_KEY är inte nyckeln"):
        call_command("restore", str(backup_file))


def test_a_backup_from_a_newer_platform_and_an_unknown_database_are_refused(
    populated, tmp_path, monkeypatch
):
    applied = backup.applied_migrations()
    monkeypatch.setattr(
        backup, "applied_migrations", lambda: [*applied, ["plans", "9999_from_the_future"]]
    )
    newer = tmp_path / "newer.backup"
    call_command("backup", str(newer))
    with pytest.raises(CommandError, match="nyare version.*plans.9999_from_the_future"):
        call_command("restore", str(newer))
    monkeypatch.setattr(backup, "applied_migrations", lambda: applied)
    monkeypatch.setattr(backup, "vendor", lambda: "oracle")
    other = tmp_path / "other.backup"
    with pytest.raises(CommandError, match="kan inte säkerhetskopieras"):
        call_command("backup", str(other))
    assert not other.exists()
