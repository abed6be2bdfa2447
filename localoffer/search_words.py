"""Search words as people type them, made safe for every search backend and database.

Control characters (a NUL byte cannot even be sent to PostgreSQL) become spaces, and double quotes are dropped: an
unmatched one is a syntax error in SQLite's full-text search, and families do not search by exact phrase. Other
punctuation (&, |, !, :*, brackets) is already treated as plain text by the search backends."""

import re

from django import forms

UNSAFE = re.compile(r'[\x00-\x1f\x7f"]')


def clean_search_words(value: str) -> str:
    return " ".join(UNSAFE.sub(" ", value).split())


class SearchWordsField(forms.CharField):
    """A search box: words cleaned as above; the form still shows what the person typed."""

    def to_python(self, value):
        return clean_search_words(super().to_python(value))
