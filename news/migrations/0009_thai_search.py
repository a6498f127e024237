"""Search in Thai: pg_trgm, a text of every language's words with a GIN trigram index, and the
English vector read from the English columns.

Thai is written without spaces between words, so PostgreSQL's full text takes a whole sentence
("ได้กลับไปโรงเรียนแล้ว") as one word and never finds "โรงเรียน" inside it. news/search.py matches
Thai queries as substrings (`icontains`: UPPER(search_text) LIKE UPPER('%…%')) instead, which
the trigram index on UPPER(search_text) serves without reading every row.

Since 0008 the text lives in title_en/title_th… (django-modeltranslation); the old `title`,
`excerpt` and `body` columns hold whichever language was saved last, and update() writes only
the language's column, so the vector of 0006 went stale or turned Thai. The trigger now reads
the English columns for the vector and every language's for `search_text` (tags removed from
bodies), and fires when any of them is set. Written out here, since a migration imports no
project code; tests/news/test_search.py checks both against the model's fields. SQLite gets the
(always empty) column only: the extension, trigger and index are PostgreSQL's alone.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models
from django.db.models.functions import Upper

LANGUAGES = ("en", "th")
TEXT_FIELDS = ("title", "excerpt", "body")


def _plain(column):
    text = f"COALESCE(NEW.{column}, '')"
    return f"regexp_replace({text}, '<[^>]*>', ' ', 'g')" if column.startswith("body") else text


VECTOR = " || ".join(
    f"setweight(to_tsvector('english'::regconfig, COALESCE(NEW.{name}_en, '')), '{weight}')"
    for name, weight in zip(TEXT_FIELDS, "ABC", strict=True)
)
TEXT = "concat_ws(' ', {})".format(
    ", ".join(_plain(f"{name}_{code}") for code in LANGUAGES for name in TEXT_FIELDS)
)
WATCHED = ", ".join(
    [f"{name}_{code}" for code in LANGUAGES for name in TEXT_FIELDS]
    + ["search_vector", "search_text"]
)


def trigger(vector, text, watched):
    return [
        "DROP TRIGGER IF EXISTS news_post_search_vector_update ON news_post",
        f"""
        CREATE OR REPLACE FUNCTION news_post_search_vector_update() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector := {vector};
            {text}
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql
        """,
        f"""
        CREATE TRIGGER news_post_search_vector_update
        BEFORE INSERT OR UPDATE OF {watched} ON news_post
        FOR EACH ROW EXECUTE FUNCTION news_post_search_vector_update()
        """,
        # The rows already there: setting the vector fires the trigger, which computes both.
        "UPDATE news_post SET search_vector = NULL",
    ]


FORWARDS = trigger(VECTOR, f"NEW.search_text := {TEXT};", WATCHED)
# 0006's, as it was.
BACKWARDS = trigger(
    " || ".join(
        f"setweight(to_tsvector('english'::regconfig, COALESCE(NEW.{name}, '')), '{weight}')"
        for name, weight in zip(TEXT_FIELDS, "ABC", strict=True)
    ),
    "",
    "title, excerpt, body, search_vector",
)

TRIGRAM_INDEX = GinIndex(
    OpClass(Upper("search_text"), name="gin_trgm_ops"), name="post_search_text_trgm_idx"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARDS:
        schema_editor.execute(statement)
    schema_editor.add_index(apps.get_model("news", "Post"), TRIGRAM_INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("news", "Post"), TRIGRAM_INDEX)
    for statement in BACKWARDS:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_translations"),
    ]

    operations = [
        TrigramExtension(),  # a no-op on any database but PostgreSQL
        migrations.AddField(
            model_name="post",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(forwards, backwards),
    ]
