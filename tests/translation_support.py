"""What the translation tests share: gettext's tools (or a loud skip), the catalogues compiled for
the test run, and a reader of .po files.

`make test` compiles the catalogues first (Makefile, `catalogues`); a bare `pytest` may find them
missing or older than their .po, so the tests that read Thai pages compile them too (into the
working tree, where .gitignore keeps the .mo files out of git).
"""

import ast
import io
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
# As the Makefile's I18N_IGNORE: only our own source folders, never the .venv's packages.
IGNORED = [".venv", "tests", "bench", "deploy", "staticfiles", "media", "node_modules"]


def require_gettext():
    """Skip loudly without Debian's gettext; under CI (CI or REQUIRE_GETTEXT set) fail instead."""
    if shutil.which("msgfmt") and shutil.which("xgettext") and shutil.which("msgmerge"):
        return
    message = "gettext (msgfmt, xgettext) is not installed: `make gettext` installs it"
    if os.environ.get("CI") or os.environ.get("REQUIRE_GETTEXT"):
        pytest.fail(message)
    pytest.skip(message)


def compile_catalogues():
    """Compile every .po that changed since its .mo, and make Django read them afresh."""
    require_gettext()
    cwd = os.getcwd()
    os.chdir(ROOT)  # compilemessages looks for locale folders under the current directory
    try:
        call_command("compilemessages", ignore_patterns=IGNORED, verbosity=0)
    finally:
        os.chdir(cwd)
    # What Django's own reloader does when a catalogue changes: forget the loaded ones.
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    translation.deactivate()


def committed_catalogues():
    """{LOCALE_PATHS entry relative to the repository: its Thai django.po} for those present."""
    found = {}
    for locale_path in settings.LOCALE_PATHS:
        relative = Path(locale_path).resolve().relative_to(ROOT)
        po = ROOT / relative / "th" / "LC_MESSAGES" / "django.po"
        if po.exists():
            found[relative] = po
    return found


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list = field(default_factory=list)
    flags: set = field(default_factory=set)

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    @property
    def translated(self):
        return bool(self.msgstr) and all(self.msgstr)

    def __str__(self):
        return f"{self.msgctxt}|{self.msgid}" if self.msgctxt else self.msgid


_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')


def read_po(path):
    """(header text, [Entry]) of a .po file: obsolete (#~) entries left out."""
    entries, entry, current = [], None, None
    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry, current = None, None
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            entry = entry or Entry(msgid="")
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        entry = entry or Entry(msgid="")
        match = _LINE.match(line)
        if match:
            current = match.group(1)
            value = ast.literal_eval(match.group(2))
            if current.startswith("msgstr"):
                entry.msgstr.append(value)
            else:
                setattr(entry, current, value)
        else:  # a continued string
            value = ast.literal_eval(line)
            if current.startswith("msgstr"):
                entry.msgstr[-1] += value
            else:
                setattr(entry, current, getattr(entry, current) + value)
    header = next((e.msgstr[0] for e in entries if e.msgid == "" and not e.msgctxt), "")
    return header, [e for e in entries if e.msgid or e.msgctxt]


def load_thai_demo(settings):
    """The demo site (load_demo, for development only) with its Thai, for tests that read the
    Thai pages: the catalogues compiled, the content written as in English development."""
    compile_catalogues()
    settings.DEBUG = True
    with translation.override(settings.LANGUAGE_CODE):
        call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False


def thai(path):
    """`path` on the Thai site: /cart/ → /th/cart/."""
    from freedomstory.core.languages import address_in

    return address_in(path, "th")
