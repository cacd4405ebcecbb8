from __future__ import annotations

from vigil.extract.zones import cues
from vigil.extract.zones.features import _shape


def test_latin_letters_are_those_that_lower_case_into_a_to_z() -> None:
    # the Kelvin sign and the dotted capital I lower-case into Latin letters; Cyrillic does not
    assert _shape("\u212a\u0130 ab")["latin"] == 1.0
    assert _shape("\u0430\u0431\u0432 ab")["latin"] == 0.0
    assert _shape("tel 0123 45")["digits"] == "<=6"


def test_one_pass_finds_the_cues_each_section_finds() -> None:
    """`line_cues` answers as asking every section and the office titles one by one."""
    lines = [
        "Dear Minister,",
        "Yours sincerely,",
        "cc: Office of the High Commissioner",
        "Monsieur le Ministre,",
        "Veuillez agréer, Monsieur le Ministre, l'expression de notre haute considération.",
        "Copie : Ambassade",
        "The text of the letter is as follows:",
        "Signed: the undersigned organisations",
        "Prime Minister of the Republic",
        "A line about nothing in particular.",
        "SEHR GEEHRTER HERR BUNDESMINISTER,",
        "",
    ]
    for line in lines:
        expected = {s for s in cues.LINE_SECTIONS if cues.matches(s, line)}
        if cues.has_title(line):
            expected.add("office_title")
        assert cues.line_cues(line) == expected, line
    assert "salutations" in cues.line_cues("Dear Minister,")
    assert "office_title" in cues.line_cues("Prime Minister of the Republic")
