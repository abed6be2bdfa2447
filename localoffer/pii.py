"""Finding contact details in free text (email addresses, UK phone numbers and UK postcodes), and people's names.

Used to stop a report being published while a "you said" summary still holds one, to keep them out of the
notification emails officers receive, and to keep them out of the logs and error reports (`localoffer/logs.py`; so it
lives in the site shell). Deliberately generous: a false alarm costs an officer one edit, a miss could identify a
family."""

import functools
import importlib
import re

EMAIL = re.compile(r"[\w.+'-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*\.\s*[\w-]+)+", re.IGNORECASE)
# UK numbers: 07700 900123, 0161 496 0000, +44 (0)20 7946 0000, 020-7946-0000; 10 or 11 digits with separators.
PHONE = re.compile(r"(?<![\w+])(?:\+\s*44\s*(?:\(\s*0\s*\)\s*)?|\(?0)(?:[\s().-]*\d){9,10}(?!\d)")
# Full UK postcodes (SW1A 1AA, M1 1AE, B33 8TH, CR2 6XH, DN55 1PT), with or without the space.
POSTCODE = re.compile(r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)

KINDS = (("an email address", EMAIL), ("a phone number", PHONE), ("a postcode", POSTCODE))


def find_contact_details(text):
    """The kinds of contact detail found in text, e.g. ["an email address", "a postcode"] (empty if none)."""
    text = text or ""
    return [kind for kind, pattern in KINDS if pattern.search(text)]


def redact(text):
    """The text with every email address, phone number and postcode replaced by a marker."""
    text = text or ""
    text = EMAIL.sub("[email address removed]", text)
    text = PHONE.sub("[phone number removed]", text)
    return POSTCODE.sub("[postcode removed]", text)


# People's names ------------------------------------------------------------------------------------------------------
# Names cannot be matched by a pattern, so they are looked up: given and family names from Faker's person providers.
# Why Faker: it is maintained (released monthly), already in our lock (factory-boy's dependency, now ours too), MIT,
# works offline, and its lists span the families of an English council (British, Irish, South Asian, African, European and
# American names). The alternatives were worse for this: names-dataset loads hundreds of megabytes into memory,
# gender-guesser's list is unmaintained since 2016, and the NER models of spaCy or Presidio are downloaded separately.
# A name found is a warning for an officer to check, never a block: "Grace" may be a word and "Jo" a person.
NAME_LOCALES = (
    "en_GB", "en_IE", "en_IN", "en_PK", "en_NZ", "en_US", "en_KE", "ha_NG", "yo_NG", "ig_NG", "tw_GH",
    "pl_PL", "ro_RO", "tr_TR", "fr_FR", "fr_DZ", "de_DE", "it_IT", "es_ES", "pt_PT",
)  # fmt: skip
SURNAME_LOCALES = ("en_GB", "en_IE", "en_IN", "en_PK", "en_US")
TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Lady", "Lord"})
# Given names that are also ordinary words, months, places or parts of our own vocabulary: a name only when a
# title or a family name stands beside them.
NAMES_THAT_ARE_WORDS = frozenset(
    """
    April August June May Summer Autumn Winter Dawn Will Mark Grace Hope Faith Joy Patience Charity Harmony Destiny
    Justice Rose Lily Ivy Holly Daisy Iris Violet Heather Jade Pearl Ruby Amber Crystal Star Sky Sunny Bill Frank
    Art Guy Pat Sue Rob Don Jack Page Chase Hunter Brook Angel Christian Max Eve Noel Young Ray Jordan Florence Paris
    Regan Norman Earl Duke King Prince Major Miles Lane Wood Hill Bell Ford Reading Chelsea Sydney Kent Devon Dale
    Glen Carol Victoria Georgia Virginia Carolina Trinity Unity Haven Hero Royal Rich Sterling Case Cash Gay Dean
    Bishop Marshall Mason Parker Porter Taylor Carter Cooper Baker Hall Young Will West North Grant Early Long Short
    Christmas Easter Forum Lucky Mercy Blessing Precious Gift Bliss Ocean River
    """.split()
)
# Given names common among the families of English councils that Faker's lists lack, found by checking the ONS's
# most-given baby names of England and Wales and the names of the larger communities above against them (Muhammad,
# the most given boy's name, was missing). Add any a council's officers find missed.
NAMES_FAKER_MISSES = frozenset(
    """
    Muhammad Mohammad Muhammed Rayyan Zayn Zain Hussain Imran Tariq Ilyas Yahya Zakariya Idris Eesa Haris Hasan
    Iqra Hiba Sana Safa Zahra Nur Anaya Inaya Aleena Alisha Khadijah Hafsah Mariyah Safiya Ayat Eshal Manahil
    Amrit Gurpreet Harpreet Jaspreet Manpreet Simran Sikander Harjit Harvinder Jasvir Kulvinder Navdeep Rajinder
    Deepak Rahul Ravi Vikram Sunita Kiran Anil Sanjay Suresh Ramesh Rakesh Vijay Ajay Nikhil Nisha Pooja Neha Asha
    Oluwaseun Oluwatobi Oluwadamilare Temitope Tobiloba Ayomide Adebayo Adewale Olamide Damilola Chidi Chidera
    Chinonso Chukwuemeka Ebuka Obinna Nkechi Ifeoma Amarachi Kehinde Taiwo Folake Abimbola Tendai Tatenda Kwabena
    Bartosz Wiktoria Zuzanna Maja Oliwia Szymon Kacper Mateusz Wojtek Ionut Andreea Bianca Alexandru Florin
    Cerys Seren Gethin Eilidh Cian Caoimhe Niamh Saoirse Oisin Ruairi Ffion Carys Elis Osian Iwan Nia
    Esme Esmae Nova Malachi Chaya Rivka Shlomo Yitzchak Mendel Yisroel Hadassah Bracha Aharon Tzvi
    """.split()
)
CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?\b")


@functools.cache
def _names() -> tuple[frozenset[str], frozenset[str]]:
    # Loaded on first use, not at import: this module also serves the logging filter of every process.
    given: set[str] = set()
    family: set[str] = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            given.update(getattr(provider, attribute, ()))
        if locale in SURNAME_LOCALES:
            family.update(getattr(provider, "last_names", ()))
    given.update(NAMES_FAKER_MISSES)
    clean = {name for name in given if name.isalpha() and len(name) > 1}
    return frozenset(clean), frozenset(name for name in family if name.isalpha() and len(name) > 1)


def find_names(text: str) -> list[str]:
    """People's names that text seems to hold ("Jo Bloggs", "Mrs Khan", "Aisha"), in order, each once."""
    given, family = _names()
    words = [(match.group(), match.start(), match.end()) for match in CAPITALISED_WORD.finditer(text or "")]
    found: list[str] = []
    skip_next = False
    for index, (word, _start, end) in enumerate(words):
        if skip_next:
            skip_next = False
            continue
        following = words[index + 1] if index + 1 < len(words) else None
        adjacent = following is not None and (text[end : following[1]].strip() in ("", ".") and following[1] - end <= 2)
        next_word = following[0] if adjacent and following else None
        if word in TITLES and next_word:
            found.append(f"{word} {next_word}")
            skip_next = True
        elif word in given and next_word and (word not in NAMES_THAT_ARE_WORDS or next_word in family):
            found.append(f"{word} {next_word}")
            skip_next = True
        elif word in given and word not in NAMES_THAT_ARE_WORDS:
            found.append(word)
    return list(dict.fromkeys(found))
