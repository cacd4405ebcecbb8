# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""Written-out, numeric, Solar Hijri and Hijri dates to ISO `yyyy-mm-dd`.

Pure functions; `dateparser` is only asked about short candidate lines the
regular expressions here do not read (other languages and forms).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "january janvier enero gennaio januar jan janv ene gen ocak января январь يناير جانفي ژانویه",
        "february février fevrier febrero febbraio februar feb fév fev févr şubat subat февраля февраль فبراير فيفري فوریه",
        "march mars marzo märz mar mart марта март مارس",
        "april avril abril aprile apr avr abr nisan апреля апрель أبريل ابريل أفريل آوریل",
        "may mai mayo maggio mayıs mayis мая май مايو ماي مه",
        "june juin junio giugno juni jun haziran июня июнь يونيو جوان ژوئن",
        "july juillet julio luglio juli jul juil lug temmuz июля июль يوليو جويلية ژوئیه",
        "august août aout agosto aug ago ağustos agustos августа август أغسطس اغسطس أوت اوت",
        "september septembre septiembre setiembre settembre sep sept set eylül eylul сентября сентябрь سبتمبر سپتامبر",
        "october octobre octubre ottobre oktober oct okt ott ekim октября октябрь أكتوبر اكتبر اکتبر",
        "november novembre noviembre nov kasım kasim ноября ноябрь نوفمبر نوامبر",
        "december décembre decembre diciembre dicembre dezember dec déc dic dez aralık aralik декабря декабрь ديسمبر دسامبر",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _i

JALALI_MONTHS = {
    n: i
    for i, names in enumerate(
        [
            "farvardin فروردین", "ordibehesht اردیبهشت", "khordad خرداد", "tir تیر",
            "mordad امرداد مرداد", "shahrivar شهریور", "mehr مهر", "aban آبان", "azar آذر",
            "dey دی", "bahman بهمن", "esfand اسفند",
        ],
        start=1,
    )
    for n in names.split()
}
HIJRI_MONTHS = {
    n: i
    for i, names in enumerate(
        [
            "muharram محرم", "safar صفر", "rabi al-awwal rabi' al-awwal ربيع الأول",
            "rabi al-thani rabi' al-thani rabi al-akhir ربيع الثاني", "jumada al-awwal jumada al-ula جمادى الأولى",
            "jumada al-thani jumada al-akhirah جمادى الآخرة", "rajab رجب", "shaban sha'ban شعبان",
            "ramadan رمضان", "shawwal شوال", "dhu al-qadah dhu al-qi'dah ذو القعدة",
            "dhu al-hijjah ذو الحجة",
        ],
        start=1,
    )
    for n in names.split(" ") if len(n) > 2
}

_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DMY = re.compile(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th|º|°)?\.?\s+(?:de\s+|of\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+|del\s+)?(\d{{4}})\b", re.I)
_MDY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUM = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_YMD_SLASH = re.compile(r"\b(1[34]\d\d|20\d\d|19\d\d)[/.](\d{1,2})[/.](\d{1,2})\b")
_MY = re.compile(rf"\b({_MONTH_RE})\.?\s+(?:de\s+)?(\d{{4}})\b", re.I)
_RFC = re.compile(rf"\b\w{{3}},\s+(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})\b", re.I)
_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def jalali_to_gregorian(jy: int, jm: int, jd: int) -> date:
    """Solar Hijri (Jalali) to Gregorian, the arithmetic of the 33-year cycle."""
    jy += 1595
    days = -355668 + (365 * jy) + ((jy // 33) * 8) + (((jy % 33) + 3) // 4) + jd
    days += (jm - 1) * 31 if jm < 7 else ((jm - 7) * 30) + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0
    month_days = [0, 31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    gm = 1
    while gm <= 12 and gd > month_days[gm]:
        gd -= month_days[gm]
        gm += 1
    return date(gy, gm, gd)


def hijri_to_gregorian(hy: int, hm: int, hd: int) -> date | None:
    """Lunar Hijri (Umm al-Qura) to Gregorian, via `hijridate`."""
    from hijridate import Hijri  # lazy: only for Hijri dates

    try:
        result: date = Hijri(hy, hm, hd).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return result


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every full date in `text` as (start, end, iso), left to right."""
    text = text.translate(_PERSIAN_DIGITS)
    out: list[tuple[int, int, str]] = []
    for m in _DMY.finditer(text):
        iso = _iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if iso:
            out.append((m.start(), m.end(), iso))
    for m in _MDY.finditer(text):
        iso = _iso(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        if iso:
            out.append((m.start(), m.end(), iso))
    for m in _ISO.finditer(text):
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            out.append((m.start(), m.end(), iso))
    for m in _YMD_SLASH.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1300 <= y < 1500 and re.search(r"(?i)hijri|ah\b|h\.?$|هـ|ق", text[m.end():m.end() + 8]):
            g = hijri_to_gregorian(y, mo, d)
            iso = g.isoformat() if g else None
        elif 1300 <= y < 1500:
            iso = jalali_to_gregorian(y, mo, d).isoformat() if 1 <= mo <= 12 and 1 <= d <= 31 else None
        else:
            iso = _iso(y, mo, d)
        if iso:
            out.append((m.start(), m.end(), iso))
    for m in _NUM.finditer(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        iso = _iso(y, mo, d) if mo <= 12 else _iso(y, d, mo)
        if iso:
            out.append((m.start(), m.end(), iso))
    out.extend(_calendar_words(text))
    out.sort()
    kept: list[tuple[int, int, str]] = []
    for item in out:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


@cache
def _calendar_date(convert: str) -> re.Pattern[str]:
    """'12 farvardin 1402': day, a month of the calendar `convert` names, year."""
    table = JALALI_MONTHS if convert == "jalali" else HIJRI_MONTHS
    names = "|".join(sorted((re.escape(n) for n in table), key=len, reverse=True))
    return re.compile(rf"\b(\d{{1,2}})\s+({names})\s+(1[34]\d\d)\b")


def _calendar_words(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    lowered = text.lower()
    for table, convert in ((JALALI_MONTHS, "jalali"), (HIJRI_MONTHS, "hijri")):
        for m in _calendar_date(convert).finditer(lowered):
            d, mo, y = int(m.group(1)), table[m.group(2)], int(m.group(3))
            g = jalali_to_gregorian(y, mo, d) if convert == "jalali" else hijri_to_gregorian(y, mo, d)
            if g:
                out.append((m.start(), m.end(), g.isoformat()))
    return out


def partial_date(text: str) -> str | None:
    """The most precise date in a phrase: `yyyy-mm-dd`, `yyyy-mm` or `yyyy`."""
    full = find_dates(text)
    if full:
        return full[0][2]
    m = _MY.search(text)
    if m:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}"
    y = re.search(r"\b(?:in|en|since|depuis|of)\s+((?:19|20)\d\d)\b", text)
    return y.group(1) if y else None


def parse_line(line: str, language: str | None) -> str | None:
    """A date written on a short line, in any language dateparser reads."""
    found = find_dates(line)
    if found:
        return found[0][2]
    if not re.search(r"\b(1[34]|19|20)\d\d\b", line) or len(line) > 60:
        return None
    import dateparser  # lazy: slow to import, rarely needed

    parsed = dateparser.parse(
        line,
        languages=[language] if language else None,
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date().isoformat() if parsed else None


@cache
def published_label() -> re.Pattern[str]:
    """A 'Published' label of any language (`published_labels` in `vocab/letter.json`), at a
    line's start or after a metadata separator ('Started by X · Fecha de inicio: …')."""
    from vigil.vocab import load

    labels = sorted(load("letter")["published_labels"], key=len, reverse=True)
    return re.compile(r"^(?:.{0,80}?\s[·|•]\s)?\W{0,3}(?:" + "|".join(re.escape(w) for w in labels) + r")\b\s*:?\s*(?:(?:on|le|el|il|am)\s+)?", re.I)


def published_date(line: str) -> str | None:
    """The date a 'Published …' line gives ('Publicado el 15 de enero de 2025 · Redacción')."""
    m = published_label().match(line)
    if not m:
        return None
    found = find_dates(line[m.end() : m.end() + 40])
    return found[0][2] if found and found[0][0] == 0 else None
