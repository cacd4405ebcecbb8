"""The second factor: TOTP (RFC 6238, pyotp) and one-time recovery codes.

Enrolment makes a random seed, shows it once as a QR code (SVG drawn by
segno, no network) and as text, and keeps it only when the user proves the
app has it by typing a current code; ten recovery codes (80 random bits each)
are then shown once and stored as SHA-256 hashes. The seed is sealed in the
database (`store.secret_box`). A code is accepted for the current 30-second
step or one step either side, and never twice: the step used is recorded by
one conditional UPDATE, so a replay, even a concurrent one, fails. Codes are
checked inside sign-in, under the same throttle as the password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import pyotp
import segno

from vigil.accounts.roles import Role
from vigil.errors import AccountError
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.accounts import AccountStore, UserRecord

ISSUER = "Vigil"
STEP_S = 30
RECOVERY_CODES = 10


@dataclass(frozen=True)
class Enrolment:
    seed: str
    uri: str
    qr_svg: str
    """An inline SVG of the otpauth URI (no script, no style attribute)."""


def new_enrolment(user_name: str) -> Enrolment:
    seed = pyotp.random_base32(32)
    uri = pyotp.TOTP(seed).provisioning_uri(name=user_name, issuer_name=ISSUER)
    qr = segno.make(uri, error="m")
    svg = qr.svg_inline(scale=5, dark="#000", light="#fff", title="Second-factor QR code")
    return Enrolment(seed, uri, svg)


def code_step(seed: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code `code` is (this step or one either side), or None."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(seed)
    current = int((time.time() if now is None else now) // STEP_S)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.at(step * STEP_S), code):
            return step
    return None


def _code_hash(code: str) -> str:
    folded = code.strip().replace("-", "").replace(" ", "").lower()
    return hashlib.sha256(folded.encode()).hexdigest()


def _recovery_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()  # 80 bits, 16 letters
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def confirm_enrolment(
    store: Store, user_id: int, seed: str, code: str, actor: str, now: float | None = None
) -> list[str]:
    """Keep `seed` once `code` proves the app holds it; returns the recovery codes (once)."""
    step = code_step(seed, code, now)
    if step is None:
        raise AccountError("that code does not match: check the app's clock and try again")
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    hashes = [_code_hash(c) for c in codes]
    AccountStore(store).set_second_factor(user_id, seed, hashes, step, actor)  # step now used
    return codes


def second_factor_ok(store: Store, record: UserRecord, code: str, now: float | None = None) -> str:
    """Which factor `code` proved ("totp" or "recovery"), or "" when it proved nothing."""
    if record.totp_sealed is None:
        return ""
    accounts = AccountStore(store)
    seed = accounts.totp_seed(record.id, record.totp_sealed)
    step = code_step(seed, code, now)
    if step is not None:
        return "totp" if accounts.use_totp_step(record.id, step) else ""
    if len(code.strip()) >= 16 and accounts.use_recovery_code(
        record.id, _code_hash(code), datetime.now(UTC)
    ):
        return "recovery"
    return ""


def required_for(settings: Settings, role: Role) -> bool:
    """Whether the organisation's policy requires a second factor of this role."""
    return str(role) in settings.require_second_factor


def reset_second_factor(store: Store, user_id: int, actor: str) -> None:
    """An admin removes a user's second factor (lost phone); they enrol again."""
    AccountStore(store).clear_second_factor(user_id, actor)


def recovery_codes_left(store: Store, user_id: int) -> int:
    return AccountStore(store).recovery_codes_left(user_id)
