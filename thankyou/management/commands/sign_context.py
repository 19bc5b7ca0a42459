"""Print a signed order-context token for a JSON file of claims."""

import json
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thankyou.core.claims import validate_claims
from thankyou.core.context import AUDIENCE
from thankyou.core.models import Shop
from thankyou.core.signing import sign_claims


class Command(BaseCommand):
    help = (
        "Sign a JSON file of order-context claims (or stdin) as the shop would. "
        "iss, aud, iat and exp are filled in unless the file sets them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="JSON file of claims; stdin if omitted")
        parser.add_argument("--shop", required=True, help="the shop's key")
        parser.add_argument("--kid", help="sign with this key id (default: the newest)")
        parser.add_argument(
            "--lifetime", type=int, default=3600, help="seconds until exp (default 3600)"
        )

    def handle(self, *args, **options):
        shop = Shop.objects.filter(key=options["shop"]).first()
        if shop is None:
            raise CommandError(f"No shop with key {options['shop']!r}.")
        secret = None
        if options["kid"]:
            secret = shop.secrets.filter(kid=options["kid"]).first()
            if secret is None:
                raise CommandError(f"Shop {shop.key!r} has no secret {options['kid']!r}.")
        try:
            if options["file"]:
                with open(options["file"], encoding="utf-8") as fh:
                    claims = json.load(fh)
            else:
                claims = json.load(sys.stdin)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the claims: {exc}") from exc
        if not isinstance(claims, dict):
            raise CommandError("The claims must be a JSON object.")
        if claims.setdefault("iss", shop.key) != shop.key:
            raise CommandError(
                f"The claims name the shop {claims['iss']!r}; they would not verify "
                f"signed with {shop.key!r}'s secret. Drop iss or sign with --shop {claims['iss']}."
            )
        now = int(time.time())
        claims.setdefault("aud", AUDIENCE)
        claims.setdefault("iat", now)
        claims.setdefault("exp", claims["iat"] + options["lifetime"])
        _data, errors = validate_claims(claims, settings.THANKYOU["TOKEN_MAX_ITEMS"])
        for path, messages in errors.items():
            self.stderr.write(f"The server will refuse this token: {path}: {' '.join(messages)}")
        try:
            self.stdout.write(sign_claims(shop, claims, secret))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
