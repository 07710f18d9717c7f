"""The client's address, for the lockout of an address that guesses at logins (django-axes).

Behind a reverse proxy every request comes from the proxy's address: counting failures per
REMOTE_ADDR would then lock everyone out together. With SAMVERKAN_PROXY_COUNT trusted proxies in
front, each appending the address it saw to X-Forwarded-For, the client is the entry the
outermost trusted proxy wrote; entries before it are the client's own claims and are ignored."""

from django.conf import settings


def client_address(request) -> str | None:
    count = settings.SAMVERKAN_PROXY_COUNT
    if count:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
