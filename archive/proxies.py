"""Who sent a request: the client's own address, as the trusted proxy in front saw it.

One setting, DJANGO_TRUSTED_PROXIES (ARCHIVE_TRUSTED_PROXIES: addresses or networks of the
proxies in front of the app, none by default), decides it for every part that needs a
client's identity: gunicorn trusts X-Forwarded-Proto only from them (gunicorn.conf.py's
forwarded_allow_ips), and TrustedProxyMiddleware puts the client's address into
REMOTE_ADDR, so that the API throttles (DRF with NUM_PROXIES = 0 reads REMOTE_ADDR) and
the admin lock-out (django-axes, AXES_CLIENT_IP_CALLABLE) see the same client.

X-Forwarded-For is read from the right: each proxy appends the address it received the
request from, so the last entries were written by our proxies and the first untrusted one
is the client. Entries left of it are whatever the client sent and are never believed.
Without a trusted proxy the header is ignored altogether: REMOTE_ADDR is the identity.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_FORWARDED",
)


@lru_cache(maxsize=8)
def trusted_networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def is_trusted_proxy(address: str) -> bool:
    if not settings.ARCHIVE_TRUSTED_PROXIES:
        return False  # the usual case, without parsing the address on every request
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    networks = trusted_networks(tuple(settings.ARCHIVE_TRUSTED_PROXIES))
    return any(ip in network for network in networks)


def client_address(meta: dict) -> str:
    """Return the address of the client that sent the request (see the module's doc)."""
    address = meta.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(address):
        return address
    forwarded = [
        entry.strip()
        for entry in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    while forwarded and is_trusted_proxy(address):
        address = forwarded.pop()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        # A proxy of ours wrote something that is not an address: keep the proxy's.
        return meta.get("REMOTE_ADDR", "")


def axes_client_ip(request) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same client address as everything else."""
    if "archive.proxy_address" in request.META:  # TrustedProxyMiddleware resolved it
        return request.META["REMOTE_ADDR"]
    return client_address(request.META)


class TrustedProxyMiddleware:
    """Put the client's address into REMOTE_ADDR; drop X-Forwarded-* from untrusted peers.

    First in the middleware list: everything after it (HTTPS detection, throttles,
    lock-outs, logs) reads one address and never a header the client could set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        peer = meta.get("REMOTE_ADDR", "")
        if is_trusted_proxy(peer):
            meta["archive.proxy_address"] = peer
            meta["REMOTE_ADDR"] = client_address(meta)
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)
