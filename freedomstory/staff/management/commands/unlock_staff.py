from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Lift a sign-in lockout: forget the failed sign-ins of a username, of an address, or of "
        "a username at an address (both given)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", help="the staff member's username")
        parser.add_argument("--address", help="the client address the lockout page was shown to")

    def handle(self, *args, username=None, address=None, **options):
        if not (username or address):
            raise CommandError("Give --username, --address, or both.")
        removed = reset(ip=address, username=username)
        who = " at ".join(
            part for part in (f'username "{username}"' if username else "", address or "") if part
        )
        if removed:
            records = "record" if removed == 1 else "records"
            self.stdout.write(
                f"Unlocked {who}: removed {removed} {records} of failed sign-ins. "
                "Signing in is open again."
            )
        else:
            self.stdout.write(f"No failed sign-ins recorded for {who}: nothing was locked.")
