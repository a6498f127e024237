"""How dates read in English on this site: "February 4, 2021", as the charity writes them.

Django's own English formats abbreviate months ("Feb. 4, 2021"). Templates print dates with
`|date` or `|date:"DATETIME_FORMAT"` and never a pattern of their own, so a language added
later (Thai) brings its own formats in a sibling folder. What is not set here falls back to
Django's formats for the language.
"""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i a"
TIME_FORMAT = "g:i a"
