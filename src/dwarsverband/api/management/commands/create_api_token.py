from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.authtoken.models import Token

from dwarsverband.organisations.models import User


class Command(BaseCommand):
    help = (
        "Maakt (of toont) het API-token van een gebruiker. Schrijven via de API vraagt een token."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="gebruikersnaam")
        parser.add_argument("--renew", action="store_true", help="vervang een bestaand token")

    def handle(self, *args: Any, username: str, renew: bool, **options: Any) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Er is geen actieve gebruiker met gebruikersnaam '{username}'.")
        if renew:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
