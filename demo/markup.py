"""The small Markdown the demo pages are written in, turned into the rich text and StreamField blocks Wagtail stores.

Only what the information page's rich text allows (InformationStreamBlock in localoffer/blocks.py), so a page looks
the same whether it came from a file or the page editor. Anything else is an error that names the line, rather than
text Wagtail would quietly drop.

Text (each paragraph or list item on one line, or on several lines next to each other):

    ## A heading                   ### A smaller heading
    A paragraph. **Bold**, *italic* and [a link](/personal-budgets/).
    - an item in a bulleted list
    1. an item in a numbered list  (any number: items are numbered in order)

Blocks, each opened by a line starting `:::` and closed by a line that is just `:::`:

    ::: callout How long it takes      a highlighted box (`::: important Heading` for a red one);
    text as above                      its text may use bold, links and bulleted lists
    :::

    ::: details What if we say no?     a question people click to open
    text as above
    :::

    ::: contact                        a contact card; the lines inside are TOML: name (required), description,
    name = "SEN Assessment Team"       phone, email, website, address, opening_hours
    phone = "01632 960 410"
    :::

    ::: contact sendiass               a contact card shared by many pages, from [contacts.sendiass] in site.toml
    :::

HTML is not allowed: `<` and `&` are shown as typed."""

import html
import re
import tomllib

HEADING = re.compile(r"^(#{1,6}) +(.+)$")
BULLET = re.compile(r"^[-*] +(.+)$")
NUMBERED = re.compile(r"^\d+\. +(.+)$")
FENCE = re.compile(r"^::: *(\S*) *(.*)$")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*(.+?)\*\*")
ITALIC = re.compile(r"(?<![*\w])\*(?![*\s])(.+?)(?<![*\s])\*(?![*\w])")

CONTACT_FIELDS = ["name", "description", "phone", "email", "website", "address", "opening_hours"]
CALLOUT_STYLES = {"callout": "information", "important": "important"}


class MarkupError(ValueError):
    """A mistake in a demo data file, with where it is."""


def inline(text):
    """Bold, italic and links in one paragraph, heading or list item."""
    text = html.escape(text, quote=False)
    text = BOLD.sub(r"<b>\1</b>", text)
    text = ITALIC.sub(r"<i>\1</i>", text)
    return LINK.sub(lambda m: f'<a href="{m[2].replace(chr(34), "&quot;")}">{m[1]}</a>', text)


def to_html(text, where="text", first_line=1):
    """Rich text HTML from the text syntax above. `where` and `first_line` say where the text is, for errors."""
    lines = text.split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith(" "):
            raise MarkupError(
                f"{where}, line {i + first_line}: an indented line that does not follow a list item: {line!r}"
            )
        if heading := HEADING.match(line):
            level = len(heading[1])
            if level not in (2, 3):
                raise MarkupError(
                    f"{where}, line {i + first_line}: use ## or ### for headings (the page title is the only #)"
                )
            out.append(f"<h{level}>{inline(heading[2])}</h{level}>")
            i += 1
        elif BULLET.match(line) or NUMBERED.match(line):
            pattern, tag = (BULLET, "ul") if BULLET.match(line) else (NUMBERED, "ol")
            items = []
            while i < len(lines) and lines[i].strip():
                if item := pattern.match(lines[i].rstrip()):
                    items.append([item[1]])
                elif lines[i].startswith(" "):
                    items[-1].append(lines[i].strip())
                else:
                    break
                i += 1
            out.append(f"<{tag}>" + "".join(f"<li>{inline(' '.join(item))}</li>" for item in items) + f"</{tag}>")
        else:
            paragraph = []
            while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
                paragraph.append(lines[i].strip())
                i += 1
            out.append(f"<p>{inline(' '.join(paragraph))}</p>")
    return "".join(out)


def _starts_block(line):
    return bool(HEADING.match(line) or BULLET.match(line) or NUMBERED.match(line) or line.startswith(" "))


def blocks(text, shared_contacts=None, where="page", first_line=1):
    """(block type, value) pairs for an InformationStreamBlock from a page body: text between `:::` blocks becomes
    text blocks. `shared_contacts` maps a name to the fields of a contact card pages may share; `where` and
    `first_line` (the body's first line in its file) are for errors."""
    shared_contacts = shared_contacts or {}
    result = []
    lines = text.split("\n")
    pending, pending_start = [], 0
    i = 0

    def flush():
        chunk = "\n".join(pending)
        if chunk.strip():
            result.append(("text", to_html(chunk, where, first_line + pending_start)))
        pending.clear()

    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            if not pending:
                pending_start = i
            pending.append(lines[i])
            i += 1
            continue
        flush()
        kind, argument, start = fence[1], fence[2].strip(), i + first_line
        inner = []
        i += 1
        while i < len(lines) and lines[i].strip() != ":::":
            if FENCE.match(lines[i]):
                raise MarkupError(
                    f"{where}, line {i + first_line}: a ::: block inside another (close the one on line {start})"
                )
            inner.append(lines[i])
            i += 1
        if i == len(lines):
            raise MarkupError(f"{where}, line {start}: the ::: {kind} block is never closed by a line ':::'")
        i += 1
        result.append(_block(kind, argument, "\n".join(inner), shared_contacts, where, start))
    flush()
    return result


def _block(kind, argument, body, shared_contacts, file, start):
    where = f"{file}, line {start}"
    if kind in CALLOUT_STYLES:
        text = to_html(body, file, start + 1)
        return ("callout", {"heading": argument, "text": text, "style": CALLOUT_STYLES[kind]})
    if kind == "details":
        if not argument:
            raise MarkupError(f"{where}: ::: details needs the question after it")
        return ("details", {"summary": argument, "content": to_html(body, file, start + 1)})
    if kind == "contact":
        if argument:
            if body.strip():
                raise MarkupError(f"{where}: ::: contact {argument} is a shared card; leave it empty")
            if argument not in shared_contacts:
                raise MarkupError(f"{where}: no shared contact {argument!r} in site.toml [contacts]")
            return ("contact", contact(shared_contacts[argument], where))
        try:
            fields = tomllib.loads(body)
        except tomllib.TOMLDecodeError as error:
            raise MarkupError(f"{where}: the contact card is not valid TOML ({error})") from error
        return ("contact", contact(fields, where))
    raise MarkupError(f"{where}: unknown block '::: {kind}' (use callout, important, details or contact)")


def contact(fields, where="contact"):
    """A contact card's value, every field present ("" when not given)."""
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise MarkupError(f"{where}: a contact card has no field {', '.join(sorted(unknown))}")
    if not fields.get("name"):
        raise MarkupError(f"{where}: a contact card needs a name")
    return {name: fields.get(name, "") for name in CONTACT_FIELDS}
