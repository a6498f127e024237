"""The Thai catalogues are complete and sound: every marked text has its Thai, none is fuzzy, each
placeholder survives translation, and Thai has its one plural form.

Completeness is checked by running `makemessages` as `make messages` does, in a copy of the
repository's source folders, so the working tree is never touched.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.translation_support import (
    IGNORED,
    ROOT,
    committed_catalogues,
    read_po,
    require_gettext,
)

# What makemessages reads (every area's code and templates) and what it needs to start Django.
SOURCES = ["manage.py", "freedomstory", "news", "shop", "templates"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}|%[sdif]")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def regenerated_catalogues(tmp_path):
    """makemessages -l th in a copy of the source folders, the committed .po files included."""
    copy = tmp_path / "repository"
    copy.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                copy / name,
                ignore=shutil.ignore_patterns("__pycache__", "*.mo", "node_modules"),
            )
        elif source.exists():
            shutil.copy2(source, copy / name)
    command = [sys.executable, "manage.py", "makemessages", "-l", "th", "--verbosity", "0"]
    command += [f"--ignore={pattern}" for pattern in IGNORED]
    # The development settings alone: not whatever another test left in this process's
    # environment (settings that fail to load leave makemessages without LOCALE_PATHS).
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "DJANGO_SETTINGS_MODULE": "freedomstory.settings",
        "DEBUG": "true",
    }
    done = subprocess.run(
        command, cwd=copy, env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return {
        po.parent.parent.parent.relative_to(copy): read_po(po)[1]
        for po in copy.glob("**/locale/th/LC_MESSAGES/django.po")
    }


def test_every_marked_text_has_its_thai_in_the_committed_catalogues(tmp_path):
    require_gettext()
    committed = {
        relative: {entry.key for entry in read_po(po)[1]}
        for relative, po in committed_catalogues().items()
    }
    assert committed, "no Thai catalogue found under settings.LOCALE_PATHS"
    problems = []
    for relative, entries in regenerated_catalogues(tmp_path).items():
        if relative not in committed:
            problems.append(f"{relative}: texts marked, but no committed th/LC_MESSAGES/django.po")
            continue
        for entry in entries:
            if entry.key not in committed[relative]:
                problems.append(f"{relative}: not in the committed catalogue: {entry}")
            elif "fuzzy" in entry.flags:
                problems.append(f"{relative}: fuzzy: {entry}")
            elif not entry.translated:
                problems.append(f"{relative}: no Thai: {entry}")
    assert not problems, "run `make messages` and write the Thai:\n" + "\n".join(problems)


@pytest.mark.parametrize("relative", sorted(committed_catalogues(), key=str), ids=str)
def test_committed_catalogue_is_translated_without_fuzzy_entries(relative):
    header, entries = read_po(committed_catalogues()[relative])
    assert "Language: th\n" in header
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header
    assert entries
    assert [str(e) for e in entries if "fuzzy" in e.flags or not e.translated] == []


@pytest.mark.parametrize("relative", sorted(committed_catalogues(), key=str), ids=str)
def test_every_placeholder_of_a_text_appears_in_its_thai(relative):
    missing = []
    for entry in read_po(committed_catalogues()[relative])[1]:
        wanted = placeholders(entry.msgid_plural or entry.msgid)
        for thai in entry.msgstr:
            if sorted(placeholders(thai)) != wanted:
                missing.append(f"{entry} -> {thai}")
    assert missing == []


@pytest.mark.parametrize("relative", sorted(committed_catalogues(), key=str), ids=str)
def test_thai_plurals_have_their_one_form(relative):
    plurals = [e for e in read_po(committed_catalogues()[relative])[1] if e.msgid_plural]
    assert [str(e) for e in plurals if len(e.msgstr) != 1] == []


def test_the_placeholder_check_would_catch_a_lost_one():
    assert placeholders("Page %(number)s of %(total)s") != placeholders("หน้า %(number)s")
    assert placeholders("{site_name} administration") == placeholders("ระบบจัดการ {site_name}")


def test_a_text_in_two_catalogues_reads_the_same_in_both():
    """Django merges the catalogues and the first in LOCALE_PATHS wins: a text the shop
    translates one way and the site pages another would show the site's Thai in the shop.
    Where the meaning differs, the text takes a context (pgettext) instead."""
    seen, clashes = {}, []
    for relative, path in sorted(committed_catalogues().items(), key=lambda item: str(item[0])):
        for entry in read_po(path)[1]:
            first = seen.setdefault(entry.key, (relative, entry.msgstr))
            if first[1] != entry.msgstr:
                clashes.append(f"{entry}: {first[0]} {first[1]} / {relative} {entry.msgstr}")
    assert clashes == []
