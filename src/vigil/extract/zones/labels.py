"""The roles a line of a document can play (its zone)."""

from __future__ import annotations

from enum import StrEnum


class Zone(StrEnum):
    """One line's role in the document. Blank lines have no zone."""

    CHROME = "chrome"
    """Site menus, breadcrumbs, crawl dates, share buttons, related posts, cookie banners."""
    TITLE = "title"
    DATE = "date"
    """The document's own date line."""
    SENDER = "sender"
    """The sender's letterhead or a memo 'From:' line, before the body."""
    ADDRESSEE = "addressee"
    """An addressee's name, office or body (an addressee block's first lines, a memo 'To:')."""
    ADDRESS = "address"
    """The postal lines of an addressee block (street, building, town, fax)."""
    SUBJECT = "subject"
    """'Re:', 'Objet :', 'Asunto:', 'Betreff:' and other memo fields (reference, date)."""
    SALUTATION = "salutation"
    BODY = "body"
    QUOTE_START = "quote_start"
    """'The text of the letter is as follows:' — a letter begins below."""
    CLOSING = "closing"
    SIGNATURE = "signature"
    """Signatories: names, titles and organisations under the closing."""
    COPIES = "copies"
    """A copy marker and the copy list."""
    CONTACT = "contact"
    """The senders' phones, e-mails, postal lines."""


LABELS: tuple[str, ...] = tuple(z.value for z in Zone)
