"""Whose address is this: the browser's, as told by a reverse proxy we trust, or the peer's own.

Behind Caddy or nginx every connection comes from the proxy, so the PIN slowdown (auth.py) and the
audit trail's "where from" would lump everyone together. COMPANION_TRUSTED_PROXIES names the
proxies (addresses or CIDR ranges); only from those is X-Forwarded-For believed, read from the
right: the right-most address that is not itself a trusted proxy is the browser. The same header
from anyone else is ignored (anyone can send it)."""

import ipaddress
from collections.abc import Iterable

from .errors import ConfigError

SETTING = "COMPANION_TRUSTED_PROXIES"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Trusted = tuple[Network, ...]


def parse_trusted(raw: str | None) -> Trusted:
    """ "127.0.0.1, 10.0.0.0/8 ::1" -> networks; empty or None -> (). Anything else is a ConfigError
    that names the setting and the part it could not read."""
    networks: list[Network] = []
    for part in (raw or "").replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ConfigError(
                "bad_trusted_proxies",
                f"{SETTING}: {part!r} is not an address or a range (e.g. 127.0.0.1 or 10.0.0.0/8)",
            ) from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_trusted(address: str | None, trusted: Trusted) -> bool:
    found = _address(address) if address else None
    return found is not None and any(found in network for network in trusted)


def client_address(peer: str | None, forwarded_for: Iterable[str], trusted: Trusted) -> str | None:
    """The browser's address. `peer` is the connection's own; `forwarded_for` the X-Forwarded-For
    header values in the order received. A hop that is not an address ends the walk at the last
    hop we could trust."""
    if not is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    current = peer
    for hop in reversed(hops):
        found = _address(hop)
        if found is None:
            return current
        current = str(found)
        if not is_trusted(current, trusted):
            return current
    return current
