"""The privacy notice becomes a site page, so /privacy/ answers on every fresh install and staff
can edit it in the admin. Its text was templates/privacy.html; the charity's postal and e-mail
addresses are not in it but under it (the page template prints them from settings)."""

from django.db import migrations

TITLE = "Privacy notice"
SEO_DESCRIPTION = "What we keep about visitors, donors and buyers, and why."
BODY = (
    "<p>We keep as little about you as we can, and only to do what you asked of us.</p>"
    "<h2>Reading our news</h2>"
    "<p>Reading the site sets no cookies and sends nothing to other companies: no trackers, no "
    "adverts, no fonts or scripts from elsewhere.</p>"
    "<p>A page with a form (a product's page, the contact form) sets one cookie that keeps other "
    "sites from sending the form in your name; it holds nothing about you.</p>"
    "<h2>Your cart</h2>"
    "<p>When you add something to your cart, your browser keeps two small cookies: a signed "
    "number that finds your cart, and the number of items, so the page header can show it. Carts "
    "left alone are deleted after 30 days, empty ones after a few hours.</p>"
    "<h2>Orders and gifts</h2>"
    "<p>When you place an order we keep your name, email, postal address (only when we post "
    "something to you), your note, and what you bought and gave. We use them to send your order "
    "and your receipt, and to keep the accounts a charity must keep. We never sell or share "
    "them.</p>"
    "<p>If you pay by card, the payment is handled by our payment provider; we never see or "
    "store your card number.</p>"
    "<h2>Writing to us</h2>"
    "<p>The contact form sends your name, e-mail address and message to our staff by e-mail, so "
    "that we can reply; the website keeps no copy. To stop robots from flooding us, it counts the "
    "messages sent from each internet connection for an hour, without storing the connection's "
    "address itself.</p>"
    "<h2>Your rights</h2>"
    "<p>You can ask us what we hold about you, ask us to correct it, or, where the law allows, to "
    "delete it. Write to us at the postal or e-mail address below.</p>"
)


def create_privacy_notice(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    # A database that already has a page at /privacy/ keeps it as it is.
    Page.objects.get_or_create(
        path="privacy",
        defaults={
            "title": TITLE,
            "slug": "privacy",
            "body": BODY,
            "published": True,
            "menu": "footer",
            "menu_order": 90,
            "menu_label": "Privacy",
            "seo_description": SEO_DESCRIPTION,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    # Going back leaves the page alone: staff may have edited it, and 0001 reversed drops it.
    operations = [migrations.RunPython(create_privacy_notice, migrations.RunPython.noop)]
