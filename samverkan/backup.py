"""Backup and restore of the whole database, encrypted with a key the operator holds.

A backup is the database's own dump (PostgreSQL: `pg_dump` in its custom format; SQLite: the
online backup API), encrypted as it is written in chunks of AES-256-GCM (the STREAM
construction: each chunk's nonce is its number and whether it is the last, and every chunk
authenticates the file's header), so that a changed, reordered or cut file is refused before
anything is restored. The key comes from SAMVERKAN_BACKUP_KEY through scrypt with the file's own
salt. The header carries a manifest in the clear — the format, the database vendor, the applied
migrations, fingerprints of the field-encryption and audit keys (HMACs over a fixed label, from
which the keys cannot be found) and the audit chain's head — and a check value that tells a wrong
backup key from a changed file.

A restore reads the file twice: once to authenticate it whole, once to load it, so that no
plaintext of the database lies on disk beside the file on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
import json
import os
import secrets
import shutil
import sqlite3
import struct
import subprocess
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from audit.models import AuditEvent

KEY_VARIABLE = "SAMVERKAN_BACKUP_KEY"
MINIMUM_KEY_LENGTH = 16
MAGIC = b"SAMVERKAN-BACKUP\x00"
FORMAT_VERSION = 1
CHUNK = 1 << 20
SALT_BYTES = 16
TAG_BYTES = 16
# scrypt's cost: a guessed passphrase costs 32 MiB and a tenth of a second to try.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1
_LENGTH = struct.Struct(">I")
_FINGERPRINT_LABEL = b"samverkan backup key fingerprint v1"


class BackupError(Exception):
    """Why a backup or restore was refused, in the operator's words."""


@dataclass(frozen=True)
class Header:
    manifest: dict
    salt: bytes
    check: bytes
    raw: bytes  # the bytes every chunk authenticates


def fingerprint(secret: str) -> str:
    """An HMAC of a fixed label under the key: equal for equal keys, and revealing nothing of it."""
    return hmac.new(secret.encode(), _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()


def operator_key() -> str:
    secret = os.environ.get(KEY_VARIABLE, "")
    if not secret:
        raise BackupError(
            _("%(variable)s is not set: the backup is encrypted with a key that you hold.")
            % {"variable": KEY_VARIABLE}
        )
    if len(secret) < MINIMUM_KEY_LENGTH:
        raise BackupError(
            _("%(variable)s is too short: use at least %(length)s characters.")
            % {"variable": KEY_VARIABLE, "length": MINIMUM_KEY_LENGTH}
        )
    return secret


def _derive(secret: str, salt: bytes) -> tuple[bytes, bytes]:
    material = Scrypt(salt=salt, length=64, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(
        secret.encode()
    )
    return material[:32], material[32:]


def _key_check(check_key: bytes, salt: bytes) -> bytes:
    return hmac.new(check_key, b"key check\n" + salt, hashlib.sha256).digest()


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


# What the backup says about the database it was taken from.


def vendor() -> str:
    return connection.vendor


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def audit_head() -> dict | None:
    last = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    return None if last is None else {"event": last[0], "hash": last[1]}


def manifest() -> dict:
    return {
        "format": FORMAT_VERSION,
        "vendor": vendor(),
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "migrations": applied_migrations(),
        "field_key_fingerprint": fingerprint(settings.FIELD_ENCRYPTION_KEY),
        "audit_key_fingerprint": fingerprint(settings.SAMVERKAN_AUDIT_KEY),
        "audit_head": audit_head(),
    }


# Writing.


def _write_encrypted(source: BinaryIO, target: BinaryIO, about: dict, secret: str) -> None:
    salt = secrets.token_bytes(SALT_BYTES)
    key, check_key = _derive(secret, salt)
    text = json.dumps(about, sort_keys=True).encode()
    raw = (
        MAGIC
        + bytes([FORMAT_VERSION])
        + salt
        + _key_check(check_key, salt)
        + _LENGTH.pack(len(text))
        + text
    )
    target.write(raw)
    cipher = AESGCM(key)
    counter = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        sealed = cipher.encrypt(_nonce(counter, last), chunk, raw)
        target.write(_LENGTH.pack(len(sealed)) + sealed)
        if last:
            return
        chunk, counter = following, counter + 1


def _pg_environment() -> dict:
    """The connection for PostgreSQL's own tools, the password in their environment rather than
    on a command line that `ps` shows."""
    database = settings.DATABASES["default"]
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    return environment


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            _(
                "%(tool)s is missing: install PostgreSQL's client tools "
                "(scripts/system-deps.sh, the Debian package postgresql-client)."
            )
            % {"tool": name}
        )
    return found


def _temporary_beside(path: Path) -> Path:
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(descriptor)
    return Path(name)


def backup(path: Path) -> dict:
    """Write an encrypted backup of the database to `path`; returns its manifest. The file appears
    only when whole: it is written beside its place and moved there last."""
    secret = operator_key()
    connection.ensure_connection()
    about = manifest()
    partial = _temporary_beside(path)
    try:
        with open(partial, "wb") as target:
            if about["vendor"] == "postgresql":
                _backup_postgresql(target, about, secret)
            elif about["vendor"] == "sqlite":
                _backup_sqlite(target, about, secret)
            else:
                raise BackupError(
                    _("The database %(vendor)s cannot be backed up by this command.")
                    % {"vendor": about["vendor"]}
                )
            target.flush()
            os.fsync(target.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return about


def _backup_postgresql(target: BinaryIO, about: dict, secret: str) -> None:
    command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_pg_environment()
    ) as dump:
        _write_encrypted(dump.stdout, target, about, secret)
        error = dump.stderr.read().decode(errors="replace")
    if dump.returncode != 0:
        raise BackupError(_("pg_dump failed: %(error)s") % {"error": error.strip()})


def _backup_sqlite(target: BinaryIO, about: dict, secret: str) -> None:
    # The online backup API gives a consistent copy while others write; the copy is encrypted
    # from a private temporary file, removed at once.
    with tempfile.TemporaryDirectory() as directory:
        copy_path = Path(directory) / "copy.sqlite3"
        copy = sqlite3.connect(copy_path)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        with open(copy_path, "rb") as source:
            _write_encrypted(source, target, about, secret)


# Reading.


def read_header(source: BinaryIO) -> Header:
    start = source.read(len(MAGIC) + 1 + SALT_BYTES + 32 + _LENGTH.size)
    if len(start) < len(MAGIC) + 1 or not start.startswith(MAGIC):
        raise BackupError(_("The file is not a backup made by samverkan backup."))
    if start[len(MAGIC)] != FORMAT_VERSION:
        raise BackupError(
            _("The backup's format %(format)s is not one this version can read.")
            % {"format": start[len(MAGIC)]}
        )
    if len(start) < len(MAGIC) + 1 + SALT_BYTES + 32 + _LENGTH.size:
        raise BackupError(_("The backup is cut short: refused, nothing was restored."))
    offset = len(MAGIC) + 1
    salt = start[offset : offset + SALT_BYTES]
    check = start[offset + SALT_BYTES : offset + SALT_BYTES + 32]
    (length,) = _LENGTH.unpack(start[-_LENGTH.size :])
    text = source.read(length)
    if len(text) < length:
        raise BackupError(_("The backup is cut short: refused, nothing was restored."))
    try:
        about = json.loads(text)
        if not isinstance(about, dict):
            raise ValueError
    except ValueError as error:
        raise BackupError(_("The backup was changed: refused, nothing was restored.")) from error
    return Header(about, salt, check, start + text)


def _changed() -> BackupError:
    return BackupError(_("The backup was changed: refused, nothing was restored."))


def _cut() -> BackupError:
    return BackupError(_("The backup is cut short: refused, nothing was restored."))


def decrypted_chunks(path: Path, secret: str) -> Iterator[bytes]:
    """The dump, chunk by chunk, each authenticated before it is given; BackupError where the
    key is wrong, a chunk was changed, or the file was cut or extended."""
    with open(path, "rb") as source:
        header = read_header(source)
        key, check_key = _derive(secret, header.salt)
        if not hmac.compare_digest(_key_check(check_key, header.salt), header.check):
            raise BackupError(
                _("%(variable)s is not the key this backup was made with.")
                % {"variable": KEY_VARIABLE}
            )
        cipher = AESGCM(key)
        counter = 0
        while True:
            prefix = source.read(_LENGTH.size)
            if len(prefix) < _LENGTH.size:
                raise _cut()
            (length,) = _LENGTH.unpack(prefix)
            if length < TAG_BYTES or length > CHUNK + TAG_BYTES:
                raise _changed()
            sealed = source.read(length)
            if len(sealed) < length:
                raise _cut()
            plain = _open(cipher, counter, sealed, header.raw, last=False)
            if plain is None:
                plain = _open(cipher, counter, sealed, header.raw, last=True)
                if plain is None:
                    raise _changed()
                if source.read(1):
                    raise _changed()
                yield plain
                return
            yield plain
            counter += 1


def _open(cipher: AESGCM, counter: int, sealed: bytes, raw: bytes, *, last: bool) -> bytes | None:
    try:
        return cipher.decrypt(_nonce(counter, last), sealed, raw)
    except InvalidTag:
        return None


def inspect(path: Path, secret: str) -> dict:
    """Authenticate the whole file and return its manifest; nothing is written anywhere."""
    # Reading every chunk is what authenticates them; the plaintext is dropped as it comes.
    deque(decrypted_chunks(path, secret), maxlen=0)
    with open(path, "rb") as source:
        return read_header(source).manifest


# Restoring.


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def check_restorable(about: dict) -> list[str]:
    """Refuse a backup this platform cannot take as it runs; return the notices for the
    operator (migrations the code has that the backup lacks)."""
    if about.get("format") != FORMAT_VERSION:
        raise BackupError(
            _("The backup's format %(format)s is not one this version can read.")
            % {"format": about.get("format")}
        )
    if about.get("vendor") != vendor():
        raise BackupError(
            _("The backup is of a %(backup)s database and cannot be restored into %(running)s.")
            % {"backup": about.get("vendor"), "running": vendor()}
        )
    if about.get("field_key_fingerprint") != fingerprint(settings.FIELD_ENCRYPTION_KEY):
        raise BackupError(
            _(
                "SAMVERKAN_FIELD_KEY is not the key the backup's identity numbers are encrypted "
                "with: set the key that was used when the backup was made. Nothing was restored."
            )
        )
    if about.get("audit_key_fingerprint") != fingerprint(settings.SAMVERKAN_AUDIT_KEY):
        raise BackupError(
            _(
                "SAMVERKAN_AUDIT_KEY is not the key the backup's audit trail is chained with: "
                "set the key that was used when the backup was made. Nothing was restored."
            )
        )
    known = {
        (app, name)
        for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    }
    stored = {tuple(pair) for pair in about.get("migrations", []) if len(pair) == 2}
    unknown = sorted(stored - known)
    if unknown:
        raise BackupError(
            _(
                "The backup is from a newer version of the platform (migrations this version "
                "lacks: %(migrations)s). Restore it with that version. Nothing was restored."
            )
            % {"migrations": ", ".join(f"{app}.{name}" for app, name in unknown[:5])}
        )
    notices = []
    if known - stored:
        notices.append(
            _(
                "The platform has migrations the backup lacks: run 'manage.py migrate' after "
                "the restore."
            )
        )
    return notices


def restore(path: Path) -> tuple[dict, list[str]]:
    """Restore the backup into this empty database, after authenticating the whole file and
    checking the running keys against it; returns the manifest and the notices."""
    secret = operator_key()
    if not path.is_file():
        raise BackupError(_("There is no file %(path)s.") % {"path": path})
    about = inspect(path, secret)
    notices = check_restorable(about)
    connection.ensure_connection()
    if not database_is_empty():
        raise BackupError(
            _(
                "The database is not empty: a restore goes into an empty database only, so that "
                "nothing is overwritten. Create an empty database and point DATABASE_URL at it."
            )
        )
    if about["vendor"] == "postgresql":
        _restore_postgresql(path, secret)
    else:
        _restore_sqlite(path, secret)
    return about, notices


def _restore_postgresql(path: Path, secret: str) -> None:
    database = settings.DATABASES["default"]["NAME"]
    command = [
        _tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={database}",
    ]
    connection.close()
    with tempfile.TemporaryFile() as errors:
        with subprocess.Popen(
            command, stdin=subprocess.PIPE, stderr=errors, env=_pg_environment()
        ) as load:
            # A broken pipe means pg_restore stopped: its own message, read below, says why.
            with contextlib.suppress(BrokenPipeError), load.stdin:
                for chunk in decrypted_chunks(path, secret):
                    load.stdin.write(chunk)
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip()
    if load.returncode != 0:
        raise BackupError(
            _("pg_restore failed; the database is left as it was: %(error)s") % {"error": message}
        )


def _restore_sqlite(path: Path, secret: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        copy_path = Path(directory) / "copy.sqlite3"
        with open(copy_path, "wb") as copy:
            for chunk in decrypted_chunks(path, secret):
                copy.write(chunk)
        source = sqlite3.connect(copy_path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
