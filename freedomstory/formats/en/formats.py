"""How dates read in English on this site: "February 4, 2021", as the charity writes them.

Django's own English formats abbreviate months ("Feb. 4, 2021"). Templates print dates with
`|date` or `|date:"DATETIME_FORMAT"` and never a pattern of their own, so a language added
later (Thai) brings its own formats in a sibling folder. What is not set here falls back to
Django's formats for the language.
"""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i a"
TIME_FORMAT = "g:i a"
# Where room is short (the staff's order list, the packing list): "28 Nov 2026, 14:05".
SHORT_DATETIME_FORMAT = "j M Y, H:i"
