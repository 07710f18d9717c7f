"""Django system checks that refuse an unsafe production start, with what to set instead.

They run with `manage.py check --deploy`, and the gunicorn configuration in deploy/ runs that
before it serves anything (at error level: a start with any of them is refused). The settings
already refuse to load without the keys, the database or the anchor; these catch the values
that load but are unsafe: debug on, weak or shared keys, no host, SQLite, plain HTTP, mail that
never leaves the server.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

# Django's own rule for a secret key (security.W009), applied to each of the platform's keys.
KEY_MIN_LENGTH = 50
KEY_MIN_UNIQUE_CHARACTERS = 5
KEYS = {
    "SAMVERKAN_SECRET_KEY": "SECRET_KEY",
    "SAMVERKAN_FIELD_KEY": "FIELD_ENCRYPTION_KEY",
    "SAMVERKAN_AUDIT_KEY": "SAMVERKAN_AUDIT_KEY",
}
MAIL_NOT_SENT = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


def weak(key: str) -> bool:
    return (
        len(key) < KEY_MIN_LENGTH or len(set(key)) < KEY_MIN_UNIQUE_CHARACTERS or "insecure" in key
    )


@register(Tags.security, deploy=True)
def debug_off(app_configs, **kwargs):
    if settings.DEBUG:
        return [
            Error(
                "SAMVERKAN_DEBUG är på: felsidor visar inställningar och data.",
                hint="Ta bort SAMVERKAN_DEBUG (eller sätt den till 0) i driftmiljön.",
                id="samverkan.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def strong_keys(app_configs, **kwargs):
    errors = [
        Error(
            f"{variable} är för svag eller är utvecklingsmiljöns nyckel.",
            hint=f"Sätt {variable} till minst {KEY_MIN_LENGTH} slumpade tecken, till exempel "
            "från `python -c 'import secrets; print(secrets.token_urlsafe(64))'`.",
            id="samverkan.E002",
        )
        for variable, name in KEYS.items()
        if weak(getattr(settings, name))
    ]
    values = [getattr(settings, name) for name in KEYS.values()]
    if len(set(values)) < len(values):
        errors.append(
            Error(
                "Två av nycklarna SAMVERKAN_SECRET_KEY, SAMVERKAN_FIELD_KEY och "
                "SAMVERKAN_AUDIT_KEY är lika.",
                hint="Ge varje nyckel ett eget värde: den som får tag i en ska inte ha de andra.",
                id="samverkan.E003",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def allowed_hosts(app_configs, **kwargs):
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        return [
            Error(
                "SAMVERKAN_ALLOWED_HOSTS är tom eller tillåter alla värdnamn.",
                hint="Ange plattformens värdnamn, till exempel "
                "SAMVERKAN_ALLOWED_HOSTS=samverkan.region.se.",
                id="samverkan.E004",
            )
        ]
    return []


@register(Tags.database, deploy=True)
def production_database(app_configs, **kwargs):
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3") and not settings.SAMVERKAN_ALLOW_SQLITE:
        return [
            Error(
                "Databasen är SQLite: den låser hela filen vid varje skrivning och klarar inte "
                "många användare samtidigt.",
                hint="Sätt DATABASE_URL till en PostgreSQL-databas, eller SAMVERKAN_ALLOW_SQLITE=1 "
                "för en installation med ett fåtal användare.",
                id="samverkan.E005",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def https_only(app_configs, **kwargs):
    missing = []
    if not settings.SESSION_COOKIE_SECURE:
        missing.append("SESSION_COOKIE_SECURE")
    if not settings.CSRF_COOKIE_SECURE:
        missing.append("CSRF_COOKIE_SECURE")
    if not settings.SECURE_HSTS_SECONDS:
        missing.append("SECURE_HSTS_SECONDS")
    errors = [
        Error(
            f"Inställningen {name} är av: inloggningen kan gå över okrypterad HTTP.",
            hint="Den följer SAMVERKAN_DEBUG; sätt inte om den i driftmiljön.",
            id="samverkan.E006",
        )
        for name in missing
    ]
    addresses = {"SAMVERKAN_SITE_URL": [settings.SAMVERKAN_SITE_URL]}
    addresses["SAMVERKAN_CSRF_TRUSTED_ORIGINS"] = settings.CSRF_TRUSTED_ORIGINS
    errors += [
        Error(
            f"{variable} innehåller en adress utan https: {address}",
            hint="Plattformen nås bara över HTTPS: ange adressen med https://.",
            id="samverkan.E007",
        )
        for variable, values in addresses.items()
        for address in values
        if urlsplit(address).scheme != "https"
    ]
    # Unset, the site's address is made of the first allowed host, which may be a pattern
    # (".region.se") that no mail's link can lead to.
    host = urlsplit(settings.SAMVERKAN_SITE_URL).hostname or ""
    if not host or host.startswith(".") or "*" in host:
        errors.append(
            Error(
                f"SAMVERKAN_SITE_URL ger ingen adress som en länk kan gå till: "
                f"{settings.SAMVERKAN_SITE_URL}",
                hint=(
                    "Ange plattformens hela adress, t.ex. https://samverkan.region.se. Osatt "
                    "byggs den av den första värden i SAMVERKAN_ALLOWED_HOSTS."
                ),
                id="samverkan.E007",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def mail_leaves(app_configs, **kwargs):
    if settings.EMAIL_BACKEND in MAIL_NOT_SENT:
        return [
            Error(
                "E-post skickas inte: SAMVERKAN_EMAIL_BACKEND skriver den bara lokalt.",
                hint="Ta bort SAMVERKAN_EMAIL_BACKEND och ange SAMVERKAN_EMAIL_HOST för SMTP.",
                id="samverkan.E008",
            )
        ]
    return []
