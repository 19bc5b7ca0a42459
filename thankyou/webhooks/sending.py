"""
Sign and send one webhook request, to public https addresses only.

The host is resolved once, every address must be public (no loopback,
private, link-local or metadata addresses), and the connection goes to the
checked address, so a DNS answer cannot change between check and use. The
same check refuses such a URL when a subscription is saved.
Redirects are not followed. THANKYOU["WEBHOOKS_ALLOW_LOOPBACK"] also allows
http and loopback receivers, for development and tests only.
"""

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

SIGNATURE_HEADER = "Thankyou-Signature"


class Refused(Exception):
    """The receiver's address is not allowed; the message says why."""


def signature(secret, timestamp, body):
    """The signature header's value: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def check_url(url, allow_loopback=None):
    """Raise Refused unless the URL may receive webhooks (without resolving it)."""
    allow_loopback = _allow_loopback(allow_loopback)
    parts = urlsplit(url)
    if parts.scheme != "https" and not (allow_loopback and parts.scheme == "http"):
        raise Refused(_("Only https URLs receive webhooks."))
    if not parts.hostname or parts.username or parts.password:
        raise Refused(_("The URL needs a host and no credentials."))
    try:
        port = parts.port
    except ValueError:  # not a number, or beyond 65535
        port = 0
    if port == 0:
        raise Refused(_("The port is not a number from 1 to 65535."))
    return parts


def check_receiver(url, allow_loopback=None):
    """
    Check the URL and resolve its host (when a subscription is saved, and
    again before each delivery: DNS answers change); return (parts, port,
    address to connect to). Raises Refused.
    """
    parts = check_url(url, allow_loopback)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    address = resolve(parts.hostname, port, allow_loopback)
    if not https and not ipaddress.ip_address(address).is_loopback:
        raise Refused(_("Plain http is allowed for loopback receivers only."))
    return parts, port, address


def resolve(host, port, allow_loopback=None):
    """Return the address to connect to; Refused if any address is not public."""
    allow_loopback = _allow_loopback(allow_loopback)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Refused(_("The host name does not resolve.")) from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        if not (_public(address) or (allow_loopback and address.is_loopback)):
            raise Refused(_("The host resolves to a non-public address."))
    return str(addresses[0])


NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


# IPv4-compatible IPv6 addresses (::a.b.c.d, deprecated by RFC 4291): Python
# calls ::127.0.0.1 global, and a host that routes the range reaches loopback.
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _public(address):
    """Global, and so is the IPv4 address a translator (NAT64, 6to4) would reach through it."""
    embedded = None
    if address.version == 6:
        if address in IPV4_COMPATIBLE:
            return False
        embedded = address.sixtofour
        if any(address in network for network in NAT64):
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.is_global and (embedded is None or embedded.is_global)


def post(url, body, headers, timeout):
    """POST the body; return the HTTP status. Raises Refused or OSError."""
    parts, port, address = check_receiver(url)
    connection_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = connection_class(parts.hostname, port, address=address, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(4096)
        return response.status
    finally:
        connection.close()


def _allow_loopback(value):
    return settings.THANKYOU["WEBHOOKS_ALLOW_LOOPBACK"] if value is None else value


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
