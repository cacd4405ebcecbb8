from __future__ import annotations

from vigil.extract.zones.features import _shape


def test_latin_letters_are_those_that_lower_case_into_a_to_z() -> None:
    # the Kelvin sign and the dotted capital I lower-case into Latin letters; Cyrillic does not
    assert _shape("\u212a\u0130 ab")["latin"] == 1.0
    assert _shape("\u0430\u0431\u0432 ab")["latin"] == 0.0
    assert _shape("tel 0123 45")["digits"] == "<=6"
