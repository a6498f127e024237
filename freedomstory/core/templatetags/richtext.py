from django import template

from freedomstory.core.richtext import plain_text as words_of

register = template.Library()


@register.filter
def plain_text(html):
    """The words of rich text as a plain str, for attributes such as a meta description.

    `striptags` would keep the value marked safe, so a quote in the text could end the attribute.
    """
    return words_of(html)
