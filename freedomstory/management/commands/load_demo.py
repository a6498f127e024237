from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import freedomstory.pages.demo
import freedomstory.pages.demo_thai
import news.demo
import news.demo_thai
import shop.demo
import shop.demo_thai

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "freedom-demo-2026"


class Command(BaseCommand):
    help = "Fill a local site with demo content and a staff account. Run it twice: nothing changes."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo is for local development only: it creates a staff account with a "
                "published password. Refusing because DEBUG is off."
            )
        with transaction.atomic():
            user = self.ensure_demo_account()
            news.demo.load(self.stdout, author=user)
            shop.demo.load(self.stdout)
            freedomstory.pages.demo.load(self.stdout)
            # The same content in Thai, where it is still missing.
            news.demo_thai.load(self.stdout)
            shop.demo_thai.load(self.stdout)
            freedomstory.pages.demo_thai.load(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo site ready. Log in at http://127.0.0.1:8000/admin/ as "
                f"{DEMO_USERNAME} / {DEMO_PASSWORD} (local use only). A superuser: the first "
                "sign-in sets up two-step sign-in with an authenticator app on your phone."
            )
        )

    def ensure_demo_account(self):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={
                "email": "demo@example.org",
                "first_name": "Demo",
                "last_name": "Editor",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            self.stdout.write("Created the demo staff account.")
        return user
