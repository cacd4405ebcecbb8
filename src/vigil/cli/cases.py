"""`vigil cases | case | interventions | intervention ...`: parse, call one library function, print.

`register(app)` adds these to the main command line:

    vigil cases suggest                      build from extractions, one case per party at risk
    vigil cases list [--json] [--csv]
    vigil case new NAME | show ID | add ID --party P|--document D | merge A B | close ID
    vigil case restrict ID | unrestrict ID | access ID [--json]
    vigil case grant ID (USER | --group NAME) | revoke ID (USER | --group NAME)
    vigil case set ID [--country C] [--situation S] [--detention-place P] [--charges C]
                      [--lawyer L] [--tags T,U] [--notes N] [--assignee USER]
    vigil interventions [--unanswered] [--overdue] [--json] [--csv]
    vigil intervention new --date D --to NAME [--from NAME] [--cc NAME] [--on-behalf NAME]
                           [--channel C] [--demand ID] [--case ID] [--document DOC] [--json]
    vigil intervention status ID STATUS
    vigil intervention respond ID --date D --type T [--summary S] [--document DOC] [--from P]

Errors (unknown ids, statuses not in the vocabulary, bad merges and dates)
are `VigilError`s; `vigil.cli.main.run` turns them into a message and exit 1.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated

import typer

from vigil import cases
from vigil.accounts import get_user
from vigil.auditing import record_export
from vigil.cases import access
from vigil.cli import secrets
from vigil.cli.printing import out, print_csv, print_json, shown
from vigil.model import CaseFilter, InterventionSummary, TimelineItem
from vigil.outputs import spreadsheet
from vigil.settings import load_settings

cases_app = typer.Typer(help="Cases: suggested per person or group at risk.", no_args_is_help=True)
case_app = typer.Typer(help="One case: make, show, grow, merge, close.", no_args_is_help=True)
event_app = typer.Typer(help="Events corrected by hand: add, remove.", no_args_is_help=True)
intervention_app = typer.Typer(
    help="One intervention: its status history and responses.", no_args_is_help=True
)


@cases_app.command("suggest")
def cases_suggest() -> None:
    """Build parties, events, interventions from extractions; one case per party at risk."""
    settings = load_settings()
    with secrets.unlocked_store(settings) as store:
        update = cases.update_case_file(store, follow_up_days=settings.follow_up_days)
        report, made = update.build, update.cases
    out.print(
        f"{report.documents} documents read: {report.parties} new parties, {report.events} events, "
        f"{report.interventions} interventions"
        + (f", {report.sources} repeated letters joined" if report.sources else "")
        + f"; {len(made)} cases suggested"
        + (f" ({', '.join(map(str, made))})" if made else "")
    )


@cases_app.command("list")
def cases_list(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print CSV for a spreadsheet (UTF-8 with BOM).")
    ] = False,
    dismissed: Annotated[bool, typer.Option("--dismissed", help="Dismissed cases too.")] = False,
    situation: Annotated[str | None, typer.Option(help="Only cases in this situation.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only cases with this tag.")] = None,
) -> None:
    """List cases with their parties at risk."""
    with secrets.unlocked_store() as store:
        if as_csv:
            print_csv(spreadsheet.cases_csv(store))
            record_export(store, "csv:cases")
            return
        items = cases.filter_cases(
            cases.list_cases(store, dismissed=dismissed),
            CaseFilter(situation=situation, tag=tag),
        )
    if as_json:
        print_json([asdict(c) for c in items])
        return
    for c in items:
        members = ", ".join(m.name for m in c.members)
        out.print(
            f"#{c.id} {shown(c.name)} [dim]{c.status} {c.review_state}[/dim] {shown(members)}"
        )


@case_app.command("new")
def case_new(name: Annotated[str, typer.Argument(metavar="NAME")]) -> None:
    """Open a case by hand."""
    with secrets.unlocked_store() as store:
        case_id = cases.new_case(store, name)
    out.print(f"Case {case_id} opened")


def _when(item: TimelineItem) -> str:
    if not item.date:
        return "undated"
    return f"{item.date} ({item.date_precision or 'unknown precision'})"


@case_app.command("show")
def case_show(
    case_id: Annotated[int, typer.Argument(metavar="ID")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Timeline (events and interventions by date), parties with roles, and every fact's source."""
    with secrets.unlocked_store() as store:
        view = cases.show_case(store, case_id)
    if as_json:
        print_json(asdict(view))
        return
    c = view.case
    out.print(f"[bold]Case {c.id}: {shown(c.name)}[/bold] [dim]{c.status}, {c.review_state}[/dim]")
    if c.merged_into:
        out.print(f"merged into case {c.merged_into}")
    out.print("\n[bold]Parties[/bold]")
    for p in view.parties:
        out.print(
            f"  #{p.party_id} {shown(p.name)} [dim]({p.kind or 'kind unknown'})[/dim]: {p.role}"
        )
    out.print("\n[bold]Documents[/bold] " + (", ".join(f"#{d}" for d in view.documents) or "none"))
    out.print("\n[bold]Timeline[/bold]")
    for item in view.timeline:
        roles = "; ".join(f"{p.role} {p.name}" for p in item.parties)
        status = f" status {item.status}" if item.status else ""
        out.print(
            f"  {_when(item)}  {item.what} #{item.id} {shown(item.label)}{status} "
            f"[dim]{item.review_state}[/dim]"
        )
        if roles:
            out.print(f"      {shown(roles)}")
        if item.quote is not None:
            source = (
                f"alleged by {', '.join(item.alleged_by)} (document #{item.quote.document_id})"
                if item.alleged_by
                else f"source: document #{item.quote.document_id}"
            )
            quote = (
                item.quote.text if len(item.quote.text) <= 240 else item.quote.text[:237] + "..."
            )
            out.print(f"      {shown(source)}: \u201c{shown(quote)}\u201d")
        elif item.entered_by is not None:
            at = f" on {item.entered_at:%Y-%m-%d %H:%M} UTC" if item.entered_at else ""
            where = f"document #{item.document_id}" if item.document_id else "no source document"
            out.print(f"      entered by hand by {shown(item.entered_by)}{at} ({where})")


@case_app.command("add")
def case_add(
    case_id: Annotated[int, typer.Argument(metavar="ID")],
    party: Annotated[int | None, typer.Option("--party", help="Party id at risk.")] = None,
    document: Annotated[int | None, typer.Option("--document", help="Document id.")] = None,
) -> None:
    """Add a party at risk or a document to a case."""
    with secrets.unlocked_store() as store:
        added = cases.add_to_case(store, case_id, party_id=party, document_id=document)
    out.print(f"Added to case {case_id}" if added else f"Already in case {case_id}")


@case_app.command("merge")
def case_merge(
    into: Annotated[int, typer.Argument(metavar="A")],
    other: Annotated[int, typer.Argument(metavar="B")],
) -> None:
    """Merge case B into case A (B is kept, marked merged)."""
    with secrets.unlocked_store() as store:
        cases.merge_cases(store, into, other)
    out.print(f"Case {other} merged into case {into}")


@case_app.command("close")
def case_close(case_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Close a case."""
    with secrets.unlocked_store() as store:
        cases.close_case(store, case_id)
    out.print(f"Case {case_id} closed")


@case_app.command("set")
def case_set(
    case_id: Annotated[int, typer.Argument(metavar="ID")],
    country: Annotated[str | None, typer.Option(help="Name or ISO code; '' clears.")] = None,
    situation: Annotated[
        str | None, typer.Option(help="detained, released, missing, deceased, ...; '' clears.")
    ] = None,
    detention_place: Annotated[str | None, typer.Option("--detention-place")] = None,
    charges: Annotated[str | None, typer.Option()] = None,
    lawyer: Annotated[str | None, typer.Option()] = None,
    tags: Annotated[str | None, typer.Option(help="Separated by commas; '' clears.")] = None,
    notes: Annotated[str | None, typer.Option()] = None,
    assignee: Annotated[str | None, typer.Option(help="A user name; '' clears.")] = None,
) -> None:
    """Record a case's country, situation, detention, charges, lawyer, tags, notes, assignee."""
    given: dict[str, str | int | None] = {
        name: value
        for name, value in (
            ("country", country),
            ("situation", situation),
            ("detention_place", detention_place),
            ("charges", charges),
            ("lawyer", lawyer),
            ("tags", tags),
            ("notes", notes),
        )
        if value is not None
    }
    with secrets.unlocked_store() as store:
        if assignee is not None:
            given["assignee"] = get_user(store, assignee).id if assignee.strip() else None
        changed = cases.set_fields(store, case_id, given)
    out.print(f"Case {case_id}: " + (", ".join(changed) + " changed" if changed else "no change"))


@case_app.command("dismiss")
def case_dismiss(case_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Not a case: closed, kept as rejected, never suggested again."""
    with secrets.unlocked_store() as store:
        cases.dismiss_case(store, case_id)
    out.print(f"Case {case_id} dismissed")


@case_app.command("restrict")
def case_restrict(case_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Let only admins and the users granted it see the case, its documents and parties."""
    with secrets.unlocked_store() as store:
        changed = access.restrict(store, case_id)
    out.print(f"Case {case_id} " + ("restricted" if changed else "was already restricted"))


@case_app.command("unrestrict")
def case_unrestrict(case_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Let every user see the case again (its grants are kept)."""
    with secrets.unlocked_store() as store:
        changed = access.unrestrict(store, case_id)
    out.print(f"Case {case_id} " + ("open to every user" if changed else "was not restricted"))


UserArgument = Annotated[str | None, typer.Argument(metavar="USER")]
GroupOption = Annotated[
    str | None, typer.Option("--group", metavar="NAME", help="A group instead of a user.")
]


@dataclass(frozen=True)
class Grantee:
    """Who a case is granted to or revoked from: a user or a group, by name."""

    name: str
    is_group: bool

    def __str__(self) -> str:
        return f"group {shown(self.name)}" if self.is_group else shown(self.name)


def _grantee(user: str | None, group: str | None) -> Grantee:
    if group is not None and user is None:
        return Grantee(group, is_group=True)
    if user is not None and group is None:
        return Grantee(user, is_group=False)
    raise typer.BadParameter("give either a USER or --group NAME (one of them)")


@case_app.command("grant")
def case_grant(
    case_id: Annotated[int, typer.Argument(metavar="ID")],
    user: UserArgument = None,
    group: GroupOption = None,
) -> None:
    """Let a user, or every member of a group (--group), see a restricted case."""
    who = _grantee(user, group)
    with secrets.unlocked_store() as store:
        changed = (access.grant_group if who.is_group else access.grant)(store, case_id, who.name)
    out.print(f"Case {case_id}: " + (f"granted to {who}" if changed else "no change"))


@case_app.command("revoke")
def case_revoke(
    case_id: Annotated[int, typer.Argument(metavar="ID")],
    user: UserArgument = None,
    group: GroupOption = None,
) -> None:
    """Take a user's or a group's (--group) access to a restricted case away."""
    who = _grantee(user, group)
    with secrets.unlocked_store() as store:
        revoke = access.revoke_group if who.is_group else access.revoke
        changed = revoke(store, case_id, who.name)
    out.print(f"Case {case_id}: " + (f"revoked from {who}" if changed else "no change"))


@case_app.command("access")
def case_access(
    case_id: Annotated[int, typer.Argument(metavar="ID")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Whether a case is restricted, and which users and groups are granted it."""
    with secrets.unlocked_store() as store:
        found = access.show(store, case_id)
    if as_json:
        print_json(asdict(found))
        return
    if not found.restricted:
        out.print(f"Case {case_id} is open to every user")
    else:
        out.print(
            f"Case {case_id} is restricted to admins, {len(found.grants)} user(s)"
            f" and the members of {len(found.group_grants)} group(s)"
        )
    for g in found.grants:
        out.print(
            f"  {shown(g.user_name)} (granted {g.granted_at:%Y-%m-%d} by {shown(g.granted_by)})"
        )
    for gg in found.group_grants:
        out.print(
            f"  group {shown(gg.group_name)}"
            f" (granted {gg.granted_at:%Y-%m-%d} by {shown(gg.granted_by)})"
        )


def _line(item: InterventionSummary) -> str:
    when = item.date or "undated"
    if item.date_is_recorded:
        when = f"undated (recorded {item.date})"
    to = ", ".join(item.names("addressee")) or "?"
    by = ", ".join(item.names("sender")) or "?"
    copies = len(item.names("copy"))
    due = f" due {item.due_date}" if item.due_date else ""
    return (
        f"#{item.id} {when} {by} → {to}"
        + (f" (+{copies} copies)" if copies else "")
        + f" [{item.status}] {len(item.responses)} responses{due}"
    )


def interventions_cmd(
    unanswered: Annotated[
        bool, typer.Option("--unanswered", help="Only those with no response.")
    ] = False,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only those past their due date.")
    ] = False,
    undated: Annotated[
        bool, typer.Option("--undated", help="Only those that need a date (none written).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print CSV for a spreadsheet (UTF-8 with BOM).")
    ] = False,
) -> None:
    """List interventions, with a response-rate summary per addressee."""
    with secrets.unlocked_store() as store:
        items = cases.list_interventions(
            store, unanswered=unanswered, overdue=overdue, undated=undated
        )
        links = cases.office_links(store)
        if as_csv:
            print_csv(spreadsheet.interventions_csv(store, items))
            record_export(store, "csv:interventions")
            return
    if as_json:
        print_json([asdict(i) for i in items])
        return
    for item in items:
        out.print(shown(_line(item)))
    rates = cases.response_rates(items, links)
    if rates:
        out.print("\n[bold]Responses per addressee[/bold]")
        for name, (sent, answered) in sorted(rates.items()):
            out.print(f"  {shown(name)}: {_count(sent, 'letter')}, {_count(answered, 'response')}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@intervention_app.command("new")
def intervention_new(
    when: Annotated[str, typer.Option("--date", help="The letter's date, YYYY-MM-DD.")],
    to: Annotated[list[str], typer.Option("--to", help="Addressee (repeat for more).")],
    from_: Annotated[
        list[str] | None, typer.Option("--from", help="Sender (repeat for more).")
    ] = None,
    cc: Annotated[list[str] | None, typer.Option("--cc", help="Copy to (repeatable).")] = None,
    on_behalf: Annotated[
        list[str] | None, typer.Option("--on-behalf", help="Person or group at risk.")
    ] = None,
    channel: Annotated[
        str,
        typer.Option("--channel", help="letter, email, fax, web, in_person or other."),
    ] = "letter",
    demand: Annotated[
        list[str] | None,
        typer.Option("--demand", help="A demand id of vocab/demand_types.json (repeatable)."),
    ] = None,
    case_id: Annotated[int | None, typer.Option("--case", help="Attach to this case.")] = None,
    document: Annotated[int | None, typer.Option("--document", help="Source document id.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Record a letter sent outside Vigil (status `sent`, due after the follow-up period)."""
    settings = load_settings()
    with secrets.unlocked_store(settings) as store:
        intervention_id = cases.new_intervention(
            store,
            when=when,
            to=to,
            from_=from_ or [],
            cc=cc or [],
            on_behalf=on_behalf or [],
            channel=channel,
            demands=demand or [],
            case_id=case_id,
            document_id=document,
            follow_up_days=settings.follow_up_days,
        )
        item = cases.get_intervention(store, intervention_id)
    if as_json:
        print_json(asdict(item))
        return
    out.print(shown(f"Intervention {intervention_id} recorded: {_line(item)}"))


@intervention_app.command("status")
def intervention_status(
    intervention_id: Annotated[int, typer.Argument(metavar="ID")],
    status: Annotated[str, typer.Argument(metavar="STATUS")],
) -> None:
    """Record a new status (kept in the history, never overwritten)."""
    with secrets.unlocked_store() as store:
        cases.set_status(store, intervention_id, status)
    out.print(f"Intervention {intervention_id}: {status}")


@intervention_app.command("date")
def intervention_date(
    intervention_id: Annotated[int, typer.Argument(metavar="ID")],
    when: Annotated[str, typer.Argument(metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY")],
) -> None:
    """Correct an intervention's date; its follow-up due date moves with it."""
    settings = load_settings()
    with secrets.unlocked_store(settings) as store:
        cases.set_date(store, intervention_id, when, follow_up_days=settings.follow_up_days)
        item = cases.get_intervention(store, intervention_id)
    out.print(shown(f"Intervention {intervention_id}: {_line(item)}"))


@intervention_app.command("link")
def intervention_link(
    intervention_id: Annotated[int, typer.Argument(metavar="ID")],
    role: Annotated[str, typer.Argument(metavar="ROLE", help="sender, addressee, copy, on_behalf")],
    party_id: Annotated[int, typer.Argument(metavar="PARTY")],
) -> None:
    """Add a party to an intervention in a role."""
    with secrets.unlocked_store() as store:
        added = cases.link_party(store, intervention_id, role, party_id)
    out.print(
        f"Intervention {intervention_id}: party {party_id} " + ("added" if added else "was there")
    )


@intervention_app.command("unlink")
def intervention_unlink(
    intervention_id: Annotated[int, typer.Argument(metavar="ID")],
    role: Annotated[str, typer.Argument(metavar="ROLE", help="sender, addressee, copy, on_behalf")],
    party_id: Annotated[int, typer.Argument(metavar="PARTY")],
) -> None:
    """Take a party off an intervention in a role (a rebuild does not put it back)."""
    with secrets.unlocked_store() as store:
        removed = cases.unlink_party(store, intervention_id, role, party_id)
    out.print(f"Intervention {intervention_id}: {removed} link(s) of party {party_id} removed")


@intervention_app.command("demands")
def intervention_demands(
    intervention_id: Annotated[int, typer.Argument(metavar="ID")],
    demands: Annotated[
        list[str] | None,
        typer.Argument(metavar="DEMAND...", help="Ids of vocab/demand_types.json; none clears."),
    ] = None,
) -> None:
    """Set an intervention's demands to exactly these (a rebuild does not put one back)."""
    with secrets.unlocked_store() as store:
        added, removed = cases.set_demands(store, intervention_id, demands or [])
    out.print(
        f"Intervention {intervention_id}: {_count(len(added), 'demand')} added, "
        f"{len(removed)} removed"
    )


@intervention_app.command("replies")
def intervention_replies() -> None:
    """Documents proposed as responses to an earlier letter, waiting for a person."""
    with secrets.unlocked_store() as store:
        waiting = [
            (s, cases.get_intervention(store, s.intervention_id))
            for s in cases.reply_suggestions(store)
        ]
    for s, item in waiting:
        out.print(
            shown(f"reply #{s.id}: document {s.document_id} answers {_line(item)}")
            + f" [dim]({s.rule})[/dim]"
        )
    if not waiting:
        out.print("No reply waiting.")


@intervention_app.command("reply")
def intervention_reply(
    suggestion_id: Annotated[int, typer.Argument(metavar="ID")],
    accept: Annotated[
        bool, typer.Option("--accept/--reject", help="Record it as a response, or not.")
    ],
    type_: Annotated[
        str, typer.Option("--type", help=f"One of: {', '.join(cases.RESPONSE_TYPES)}.")
    ] = "answer",
    when: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD")] = None,
) -> None:
    """Accept a proposed reply as a response to its letter, or reject it (a letter of its own)."""
    settings = load_settings()
    with secrets.unlocked_store(settings) as store:
        if accept:
            response_id = cases.accept_reply(store, suggestion_id, type_=type_, when=when)
            out.print(f"Reply {suggestion_id} recorded as response {response_id}")
        else:
            cases.reject_reply(store, suggestion_id, follow_up_days=settings.follow_up_days)
            out.print(f"Reply {suggestion_id} rejected: its document is a letter of its own")


@intervention_app.command("respond")
def intervention_respond(
    intervention_id: Annotated[int, typer.Argument(metavar="ID")],
    when: Annotated[str, typer.Option("--date", help="YYYY-MM-DD")],
    type_: Annotated[
        str, typer.Option("--type", help=f"One of: {', '.join(cases.RESPONSE_TYPES)}.")
    ],
    summary: Annotated[str | None, typer.Option("--summary")] = None,
    document: Annotated[int | None, typer.Option("--document", help="Document id.")] = None,
    from_party: Annotated[int | None, typer.Option("--from", help="Party id.")] = None,
) -> None:
    """Record a response to an intervention."""
    with secrets.unlocked_store() as store:
        response_id = cases.respond(
            store,
            intervention_id,
            when=when,
            type_=type_,
            summary=summary,
            document_id=document,
            from_party=from_party,
        )
    out.print(f"Response {response_id} recorded for intervention {intervention_id}")


@event_app.command("add")
def event_add(
    type_: Annotated[str, typer.Option("--type", help="An id of vocab/event_types.json.")],
    subjects: Annotated[
        list[int], typer.Option("--subject", help="Party id it happened to (repeatable).")
    ],
    document: Annotated[
        int | None,
        typer.Option(
            "--document", help="The document it is read in (left out: entered by hand, no source)."
        ),
    ] = None,
    when: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD, YYYY-MM or YYYY")] = None,
    place: Annotated[str | None, typer.Option("--place")] = None,
    actors: Annotated[
        list[int] | None, typer.Option("--actor", help="Alleged actor's party id (repeatable).")
    ] = None,
) -> None:
    """Add an event a person read in a document, or one entered by hand with no document."""
    with secrets.unlocked_store() as store:
        event_id = cases.add_event(
            store,
            document_id=document,
            type_=type_,
            subjects=subjects,
            actors=actors or [],
            when=when,
            place=place,
        )
    source = f"from document {document}" if document is not None else "entered by hand, no document"
    out.print(f"Event {event_id} added ({source})")


@event_app.command("edit")
def event_edit(
    event_id: Annotated[int, typer.Argument(metavar="ID")],
    type_: Annotated[str, typer.Option("--type", help="An id of vocab/event_types.json.")],
    when: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD, YYYY-MM or YYYY")] = None,
    place: Annotated[str | None, typer.Option("--place")] = None,
    subjects: Annotated[
        list[int] | None, typer.Option("--subject", help="Another party it happened to.")
    ] = None,
    actors: Annotated[
        list[int] | None, typer.Option("--actor", help="Another alleged actor (party id).")
    ] = None,
) -> None:
    """Correct an event's type, date and place (a date or place left out is cleared)."""
    with secrets.unlocked_store() as store:
        changed = cases.edit_event(
            store,
            event_id,
            type_=type_,
            when=when,
            place=place,
            subjects=subjects or [],
            actors=actors or [],
        )
    out.print(f"Event {event_id}: " + (", ".join(changed) or "nothing") + " changed")


@event_app.command("remove")
def event_remove(event_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Remove an event from every timeline (kept as rejected; a rebuild does not restore it)."""
    with secrets.unlocked_store() as store:
        cases.remove_event(store, event_id)
    out.print(f"Event {event_id} removed")


def register(app: typer.Typer) -> None:
    """Add `cases`, `case`, `interventions`, `intervention` and `event` to `app`."""
    app.add_typer(cases_app, name="cases")
    app.add_typer(case_app, name="case")
    app.command("interventions")(interventions_cmd)
    app.add_typer(intervention_app, name="intervention")
    app.add_typer(event_app, name="event")
