"""The words for the ids pages show that no vocabulary file labels.

Party roles, document and review states, case statuses, document kinds and
response types are stored as ids (`person_at_risk`, `needs_ocr`); each is
marked here for the catalogue and shown in the request's language. An id not
listed is shown as written, underscores as spaces.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a string for the catalogue where it is written; it is translated when shown
    (Babel extracts `N_("...")`, `_("...")` and `ngettext(...)` calls)."""
    return message


TERMS: dict[str, dict[str, str]] = {
    "role": {
        "sender": N_("sender"),
        "addressee": N_("addressee"),
        "copy": N_("copy"),
        "on_behalf": N_("on behalf of"),
        "person_at_risk": N_("person at risk"),
        "group_at_risk": N_("group at risk"),
        "at_risk": N_("at risk"),
        "person": N_("person"),
        "organization": N_("organisation"),
        "subject": N_("subject"),
        "actor": N_("alleged actor"),
        "prior_addressee": N_("earlier addressee"),
        "prior_sender": N_("earlier sender"),
    },
    "document_state": {
        "stored": N_("stored"),
        "needs_ocr": N_("needs OCR"),
        "extracted": N_("extracted"),
        "reviewed": N_("reviewed"),
        "rejected": N_("rejected"),
    },
    "review_state": {
        "suggested": N_("suggested"),
        "accepted": N_("accepted"),
        "edited": N_("edited"),
        "rejected": N_("rejected"),
        "auto": N_("accepted automatically"),
        "settled": N_("settled automatically"),
    },
    "decision_rule": {
        "same_name": N_("the same name"),
        "signatories": N_("the signatories"),
        "in_passing": N_("names in passing"),
        "details": N_("the document's details"),
        "same_event": N_("the same event"),
        "same_demand": N_("the same demand"),
    },
    "case_status": {
        "open": N_("open"),
        "closed": N_("closed"),
        "merged": N_("merged"),
    },
    "document_kind": {
        "letter": N_("letter"),
        "open_letter": N_("open letter"),
        "petition": N_("petition"),
        "press_release": N_("press release"),
        "news_article": N_("news article"),
        "report": N_("report"),
        "other": N_("other"),
    },
    "response_type": {
        "acknowledgement": N_("acknowledgement"),
        "answer": N_("answer"),
        "refusal": N_("refusal"),
        "other": N_("other"),
    },
    # Suggestion fields: the extraction contract's names, which the English pages and the
    # CLI show as they are; other languages translate them.
    "field": {
        field: field
        for field in (
            N_("language"),
            N_("kind"),
            N_("persons"),
            N_("organizations"),
            N_("locations"),
            N_("persons_at_risk"),
            N_("groups_at_risk"),
            N_("events"),
            N_("prior_interventions"),
            N_("demands"),
            N_("legal_references"),
            N_("title"),
            N_("date"),
            N_("salutation"),
            N_("closing"),
            N_("senders"),
            N_("addressees"),
            N_("copies_to"),
            N_("contacts.phones"),
            N_("contacts.faxes"),
            N_("contacts.emails"),
            N_("contacts.postal"),
        )
    },
    "value_key": {
        "name": N_("name"),
        "kind": N_("kind"),
        "title": N_("title"),
        "organization": N_("organisation"),
        "country": N_("country"),
        "place": N_("place"),
        "address": N_("address"),
        "type": N_("type"),
        "date": N_("date"),
        "subjects": N_("people it happened to"),
        "actors": N_("alleged actors"),
        "modality": N_("as told"),
        "by": N_("by"),
        "to": N_("to"),
        "status": N_("status"),
    },
    "user_role": {
        "viewer": N_("viewer"),
        "editor": N_("editor"),
        "admin": N_("admin"),
        "owner": N_("owner"),
    },
}


def term_msgid(group: str, id_: str) -> str | None:
    """The catalogue's English word for `id_` in `group`, None when it has none."""
    return TERMS.get(group, {}).get(id_)
