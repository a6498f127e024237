"""The layers stay apart: who may import whom, read from the source with `ast`.

freedomstory/core/ is the shared layer and imports no app of ours; the apps (news, shop and
freedomstory/pages) use core and never the composition around them (settings, urls, views,
sitemaps…) nor each other; migrations import no project code at all, so a refactor can never
break a fresh `migrate`.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUR_PACKAGES = ("freedomstory", "news", "shop")
# The apps: each owns its models, admin, views and templates, and uses freedomstory.core only.
APPS = ("news", "shop", "freedomstory.pages")


def within(name, package):
    return name == package or name.startswith(f"{package}.")


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_in(source, module, is_package=False):
    """(line, dotted name) for every import in `source`, wherever it sits (functions too).

    `from a import b` gives "a.b", since b may be a module: `from freedomstory import views` is
    an import of freedomstory.views. Relative imports are resolved against `module`.
    """
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            origin = ".".join([*base, *([node.module] if node.module else [])])
            found += [(node.lineno, f"{origin}.{alias.name}") for alias in node.names]
    return sorted(found)


def our_modules():
    """{module name: (path, imports)} for every Python file of ours."""
    modules = {}
    for package in OUR_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = module_name(path)
            imports = imports_in(path.read_text(), name, is_package=path.name == "__init__.py")
            modules[name] = (path.relative_to(ROOT), imports)
    return modules


MODULES = our_modules()


def offences(in_modules, forbidden):
    """Lines "path:line imports name" for each import that `forbidden(name)` refuses."""
    return [
        f"{path}:{line} imports {name}"
        for module, (path, imports) in sorted(MODULES.items())
        if in_modules(module)
        for line, name in imports
        if forbidden(name)
    ]


def is_composition(name):
    """The site around the apps: settings, urls, views, sitemaps, context processors…"""
    return (
        within(name, "freedomstory")
        and not within(name, "freedomstory.core")
        and not within(name, "freedomstory.pages")
    )


def is_app(name):
    return any(within(name, app) for app in APPS)


def is_migration(module):
    return ".migrations." in f".{module}."


def test_the_import_reader_sees_nested_and_relative_imports():
    source = (
        "import news.models\n"
        "from . import sibling\n"
        "from ..core.images import Picture\n"
        "def later():\n"
        "    from shop import cart\n"
    )
    assert imports_in(source, "freedomstory.core.tags") == [
        (1, "news.models"),
        (2, "freedomstory.core.sibling"),
        (3, "freedomstory.core.images.Picture"),
        (5, "shop.cart"),
    ]
    assert imports_in("from .models import Post", "news", is_package=True) == [
        (1, "news.models.Post")
    ]


def test_every_layer_is_read():
    # Guards the guards: a wrong path would leave the tests below checking nothing.
    for package in (
        "freedomstory.core",
        "news",
        "news.migrations",
        "shop",
        "shop.migrations",
        "freedomstory.pages",
        "freedomstory.pages.migrations",
    ):
        assert any(within(module, package) and MODULES[module][1] for module in MODULES), package


def test_core_imports_no_app_and_nothing_of_the_composition():
    bad = offences(
        lambda module: within(module, "freedomstory.core"),
        lambda name: is_app(name) or is_composition(name),
    )
    assert not bad, "freedomstory/core must stand alone:\n" + "\n".join(bad)


def test_the_apps_never_import_the_composition_around_them():
    bad = offences(is_app, is_composition)
    assert not bad, "the apps may use freedomstory.core only:\n" + "\n".join(bad)


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_another(app):
    """news and shop never import each other, and site pages neither of them (nor they it)."""
    others = [other for other in APPS if other != app]
    bad = offences(
        lambda module: within(module, app),
        lambda name: any(within(name, other) for other in others),
    )
    assert not bad, f"{app} is an independent app:\n" + "\n".join(bad)


def test_migrations_import_no_project_code():
    bad = offences(
        is_migration,
        lambda name: any(within(name, package) for package in OUR_PACKAGES),
    )
    assert not bad, "a migration must not depend on code a refactor may move:\n" + "\n".join(bad)
