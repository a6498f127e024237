"""The public list's index covers its whole ORDER BY (-published_at, -id).

With only (status, -published_at), SQLite sorted every published post for the id tie-break
("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY") and PostgreSQL added an incremental sort; with
the id in the index both read a page straight from it, in order.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_resanitise_post_bodies"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="post", name="post_public_idx"),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["status", "-published_at", "-id"], name="post_published_idx"
            ),
        ),
    ]
