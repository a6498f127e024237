"""Admin forms with both languages: each translated field is posted as `<name>_en` (and
`<name>_th`), as the admin's tabs name them (freedomstory/core/admin_languages.py)."""

from modeltranslation.translator import translator


def in_both_languages(model, data):
    """`data` as the admin posts it for `model`: a translated `title` becomes `title_en`; keys
    already naming a language are kept."""
    translated = translator.get_options_for_model(model).all_fields
    return {f"{key}_en" if key in translated else key: value for key, value in data.items()}
