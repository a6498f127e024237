"""Who is asking: the one place that says which client a request came from, for every count and
lock kept per client (order limits, the contact form, staff sign-in lockouts, CSP reports)."""

from ipaddress import IPv6Address, ip_address, ip_network

from django.conf import settings

# An IPv6 connection is given a whole /64 network (a home, a phone, a rented server): it may
# send from any of its 2^64 addresses, so counting single addresses would count nothing.
IPV6_CLIENT_PREFIX = 64


def client_address(request):
    """REMOTE_ADDR, or behind the site's proxy (BEHIND_PROXY) the address that proxy saw: the
    last entry of X-Forwarded-For. Behind a proxy REMOTE_ADDR is the proxy's for everyone; the
    entries before the last are whatever the client sent, and are believed by nobody.

    An IPv6 address stands for its /64 network, written as the network's first address (an
    address still, so django-axes stores it and `unlock_staff --address` takes it)."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        last = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        address = last or address
    return _as_client(address)


def _as_client(address):
    try:
        parsed = ip_address(address)
    except ValueError:
        return address  # not an address (a test's, a UNIX socket's ""): counted as it is
    if isinstance(parsed, IPv6Address) and parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    if isinstance(parsed, IPv6Address):
        return str(ip_network(f"{parsed}/{IPV6_CLIENT_PREFIX}", strict=False).network_address)
    return str(parsed)
