"""The chain's head, signed and kept outside the database.

After each event is committed, its id and link are written, with an HMAC over both under the
chain's key, to the file the operator names (`SAMVERKAN_AUDIT_ANCHOR`). Whoever removes the
newest events and sets the head in the database back cannot change the file without the key,
so `verify` finds the truncation. The file is replaced atomically and only moves forward: a
writer that commits late never takes it back to an older event.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .chain import key


class AnchorUnreadable(Exception):
    """The file is there but holds no anchor: cut short, or edited by hand."""


def sign(event_id: int, link: str) -> str:
    message = f"anchor\n{event_id}\n{link}".encode()
    return hmac.new(key(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Anchor:
    event_id: int
    link: str
    mac: str

    @property
    def signed(self) -> bool:
        """Signed under the current key: written by this platform, and not edited since."""
        return hmac.compare_digest(self.mac, sign(self.event_id, self.link))


def path() -> Path | None:
    configured = settings.SAMVERKAN_AUDIT_ANCHOR
    return Path(configured) if configured else None


def read() -> Anchor | None:
    """The anchor, or None where none is configured or none written yet."""
    target = path()
    if target is None or not target.exists():
        return None
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        return Anchor(int(data["event"]), str(data["hash"]), str(data["mac"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise AnchorUnreadable(str(target)) from error


def advance(event_id: int, link: str) -> None:
    """Anchor the event, unless a later one is anchored already."""
    target = path()
    if target is None:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(f"{target.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            current = read()
        except AnchorUnreadable:
            current = None
        if current is not None and current.signed and current.event_id >= event_id:
            return
        text = json.dumps({"event": event_id, "hash": link, "mac": sign(event_id, link)})
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
