"""Vigil's one exception tree.

    VigilError
    ├── ConfigError              a setting is missing or malformed
    │   └── VocabularyError      a vocabulary or language file is malformed (names the entry)
    ├── StoreError               the store cannot be used as asked
    │   ├── StoreNotFound        no store in the data folder (run `vigil init`)
    │   ├── StoreExists          `vigil init` on a folder that already has one
    │   ├── NotEncrypted         a plain SQLite file where an encrypted store belongs
    │   ├── CorruptStore         damaged: integrity check failed or pages cannot be decrypted
    │   │   └── KeyFileDamaged   a key file slot fails its checksum or the file's MAC
    │   ├── DocumentNotFound     no document with that id
    │   └── ScopeNotApplied      a raw SQL read under a user's scope that does not apply it
    ├── KeyError_                the key file cannot be unlocked
    │   ├── WrongPassphrase      passphrase or recovery code does not open the key file
    │   └── KeyFileInvalid       key file missing, unreadable or of an unknown version
    ├── IngestError              one input could not be ingested (batch goes on)
    │   ├── Unsupported          a format Vigil does not read
    │   └── Rejected             read, but refused: too big, corrupt, bomb, undecodable
    ├── ArchiveError             an export or backup file cannot be read or written
    ├── CaseError                a case, party or intervention cannot be changed as asked
    │   ├── UnknownRecord        no case, party, intervention or document with that id
    │   ├── InvalidStatus        a status or response type not in the vocabulary
    │   ├── InvalidMerge         a merge of a record into itself or a closed/merged one
    │   ├── InvalidSplit         a split of mentions a party does not have, or of all of them
    │   ├── InvalidResponse      a response dated before its letter, or a bad date
    │   ├── InvalidIntervention  an intervention by hand without addressee, or a bad field
    │   ├── InvalidCaseField     a case field outside its vocabulary or too long
    │   └── ReviewError          a review decision that cannot be recorded
    ├── JobError                 a background job cannot be retried as asked
    ├── OutputError              a dossier, letter, submission or export cannot be made as asked
    └── AccountError             a user account cannot be used or changed as asked
        ├── UserExists           `vigil user add` with a name already taken
        ├── UnknownUser          no user with that name
        ├── GroupExists          `vigil group create` with a name already taken
        ├── UnknownGroup         no group with that name or id
        ├── WeakPassword         a password too short to accept
        ├── SignInFailed         wrong name or password, or a disabled account
        └── Throttled            too many failed attempts; wait a minute

`CorruptStore` (and `KeyFileDamaged`) is the one store-damage error: the CLI
exits with status 4 on it, whichever command met the damage.

Messages say what to do; they never carry document text or names.
Only `cli` and `web` turn these into exit codes or HTTP responses.
"""

from __future__ import annotations


class VigilError(Exception):
    """Base of every error Vigil raises on purpose."""


class ConfigError(VigilError):
    """A setting is missing or malformed."""


class VocabularyError(ConfigError):
    """A vocabulary or language cue file is malformed; the message names the file and entry."""


class StoreError(VigilError):
    """The store cannot be used as asked."""


class StoreNotFound(StoreError):
    """No store in the data folder."""


class StoreExists(StoreError):
    """A store already exists where a new one was asked for."""


class NotEncrypted(StoreError):
    """A plain, unencrypted SQLite file was given as the store."""


class CorruptStore(StoreError):
    """The store failed an integrity check or could not be decrypted."""


class KeyFileDamaged(CorruptStore):
    """The key file is damaged (a slot fails its checksum or the file its MAC), as opposed
    to a wrong passphrase; the message names the slot and says to restore the key file."""


class DocumentNotFound(StoreError):
    """No document with that id."""


class ScopeNotApplied(StoreError):
    """A raw SQL read ran on a store view bound to a user's scope without applying it
    (a programming error: the read would have shown hidden records)."""


class KeyError_(VigilError):
    """The key file cannot be unlocked."""


class WrongPassphrase(KeyError_):
    """The passphrase or recovery code does not open the key file."""


class KeyFileInvalid(KeyError_):
    """The key file is missing, unreadable, or of an unknown version."""


class IngestError(VigilError):
    """One input could not be ingested; the batch goes on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Unsupported(IngestError):
    """A format Vigil does not read (the reason starts with 'unsupported')."""


class Rejected(IngestError):
    """The input was read but refused (too big, corrupt, a bomb, undecodable)."""


class ArchiveError(VigilError):
    """An export or backup file cannot be read or written."""


class CaseError(VigilError):
    """A case, party or intervention cannot be changed as asked; nothing was changed."""


class UnknownRecord(CaseError):
    """No case, party, intervention or document with that id."""


class InvalidStatus(CaseError):
    """A status or response type that is not in the vocabulary."""


class InvalidMerge(CaseError):
    """A merge of a record into itself, or into one that no longer exists as such."""


class InvalidSplit(CaseError):
    """A split of mentions that are not the party's, of none, or of every one of them."""


class InvalidResponse(CaseError):
    """A response dated before its letter, or a date that is not YYYY-MM-DD."""


class InvalidIntervention(CaseError):
    """An intervention recorded by hand with a bad date, channel or demand, or no addressee."""


class ReviewError(CaseError):
    """A review decision that cannot be recorded (unknown state, an edit without a value)."""


class InvalidCaseField(CaseError):
    """A case field outside its vocabulary (situation, country), too long, or an unknown user."""


class JobError(VigilError):
    """A background job cannot be retried as asked (it is not failed, or its files are gone)."""


class OutputError(VigilError):
    """A dossier, letter, submission or statistic cannot be made as asked; nothing was written."""


class AccountError(VigilError):
    """A user account cannot be used or changed as asked."""


class UserExists(AccountError):
    """A user with that name already exists."""


class UnknownUser(AccountError):
    """No user with that name."""


class GroupExists(AccountError):
    """A group with that name exists already."""


class UnknownGroup(AccountError):
    """No group with that name or id."""


class WeakPassword(AccountError):
    """The password is too short to accept."""


class SignInFailed(AccountError):
    """Wrong name or password, or a disabled account (never says which)."""


class Throttled(AccountError):
    """Too many failed attempts in the last minute."""
