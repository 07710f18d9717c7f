"""Builders the platform's own tests share."""


def identity(serial: int) -> str:
    """A valid identity number of a child born 2014-03-12, the serial (0–999) making it its own."""
    digits = f"140312{serial:03d}"
    total = 0
    for position, digit in enumerate(digits):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return f"20140312-{serial:03d}{(10 - total % 10) % 10}"


def database_url(name: str) -> str:
    """A URL for DATABASE_URL to the named database on the tests' PostgreSQL server, for a
    process of its own."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    return "postgres://{user}{password}@{host}:{port}/{name}".format(
        user=database["USER"],
        password=f":{database['PASSWORD']}" if database["PASSWORD"] else "",
        host=database["HOST"] or "localhost",
        port=database["PORT"] or 5432,
        name=name,
    )
