"""The files a meeting's documents, a matter's documentation and a governing document are kept
as: where they are stored, which types and sizes are accepted, the layout of their rows
(`KeptFile`), and the form field that takes several at once. One set of bounds for every app
that keeps files (matters uses them too)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inputs import rules

# Office documents, PDF, images and plain text, 10 MB each at most.
MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "txt": "text/plain",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
FILES_HELP = gettext_lazy(
    "PDF, Word, Excel, PowerPoint, OpenDocument, text or images; 10 MB each at most."
)


class FileStorage(FileSystemStorage):
    """Under MEDIA_ROOT where one is set, else in the platform's own var directory (never the
    process's working directory)."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(
            self._location, settings.MEDIA_ROOT or str(settings.VAR_DIR / "files")
        )


files = FileStorage()


def storage() -> FileStorage:
    return files


def check_upload(upload: UploadedFile) -> tuple[str, str]:
    """The file's name and type, or ValidationError (on `files`) saying why it cannot be kept."""
    # The name as shown: without a folder, characters no column holds, or more than a name's
    # length.
    name = rules.storable((upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FILE_TYPES:
        raise ValidationError(
            {
                "files": _(
                    "%(name)s: send PDF, Word, Excel, PowerPoint, OpenDocument, text "
                    "or an image (PNG, JPEG)."
                )
                % {"name": name or "?"}
            }
        )
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError({"files": _("%(name)s is larger than 10 MB.") % {"name": name}})
    if upload.size == 0:
        raise ValidationError({"files": _("%(name)s is empty.") % {"name": name}})
    return name, FILE_TYPES[extension]


def check_files(uploads) -> None:
    for upload in uploads:
        check_upload(upload)


class KeptFile(models.Model):
    """A kept file's row: the name it is shown by, its size and type as `check_upload` found
    them, and who kept it when. Each kind declares its `file` in a folder of its own and what
    it belongs to."""

    name = models.CharField(gettext_lazy("file name"), max_length=rules.NAME)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def keep(self, upload: UploadedFile, actor=None):
        """Check the upload, store it and save the row (ValidationError on `files` if the file
        cannot be kept)."""
        self.name, self.content_type = check_upload(upload)
        self.size = upload.size
        self.uploaded_by = actor if actor is not None and actor.is_authenticated else None
        self.file.save(self.name, upload, save=False)
        self.save()
        return self


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files at once; each is checked by the action (type and size)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []
