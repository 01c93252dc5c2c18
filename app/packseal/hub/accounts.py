"""Staff accounts (argon2id password hashes), login sessions and login rate limiting.

Everything is kept in PostgreSQL, so several hub processes behind a load
balancer share accounts, sessions and the count of failed logins.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from packseal.core.errors import BadInputError

ROLES = ("owner", "agent", "auditor")
NAME_RULE = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
MIN_PASSWORD = 10
SESSION_LIFETIME = timedelta(hours=12)
#: Failed logins allowed per account name, and per client address (a shop's staff may share one
#: address), within the window; past either, logins are refused until the window has moved on.
MAX_FAILURES = 5
MAX_FAILURES_PER_CLIENT = 20
FAILURE_WINDOW = timedelta(minutes=15)

_hasher = PasswordHasher()
# Verified against when the account does not exist, so both cases take as long.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str


class AccountRefused(BadInputError):
    """A change of accounts refused: ``code`` and ``params`` let a page word it in its language."""

    def __init__(self, message: str, code: str, **params: object) -> None:
        super().__init__(message)
        self.code, self.params = code, params


def check_new_account(name: str, role: str, password: str) -> None:
    """:class:`BadInputError` when the name, role or password is not acceptable."""
    if not NAME_RULE.match(name or ""):
        raise AccountRefused(f"an account name is 1 to 64 letters, digits or . _ @ -, got {name!r}", "bad-name")
    if role not in ROLES:
        raise BadInputError(f"the role is one of {', '.join(ROLES)}, got {role!r}")
    if len(password) < MIN_PASSWORD:
        raise AccountRefused(f"the password must have at least {MIN_PASSWORD} characters", "short-password",
                             least=MIN_PASSWORD)


def add_account(conn, name: str, role: str, password: str) -> Account:
    """Create an account; :class:`BadInputError` when the name is taken or the input is bad."""
    check_new_account(name, role, password)
    row = conn.execute("INSERT INTO accounts (name, role, password_hash) VALUES (%s, %s, %s) "
                       "ON CONFLICT (name) DO NOTHING RETURNING id",
                       (name, role, _hasher.hash(password))).fetchone()
    if row is None:
        raise AccountRefused(f"there is already an account named {name!r}", "name-taken", name=name)
    return Account(row["id"], name, role)


def throttled(conn, name: str, client: str) -> bool:
    """Has this account name or this client failed too often lately?"""
    row = conn.execute(
        "SELECT (SELECT count(*) FROM login_failures WHERE account_name = %(n)s AND at > now() - %(w)s) AS by_name, "
        "(SELECT count(*) FROM login_failures WHERE client = %(c)s AND at > now() - %(w)s) AS by_client",
        {"n": name, "c": client, "w": FAILURE_WINDOW}).fetchone()
    return row["by_name"] >= MAX_FAILURES or row["by_client"] >= MAX_FAILURES_PER_CLIENT


def verify_login(conn, name: str, password: str, client: str) -> Account | None:
    """The account when the password is right; otherwise None, and the failure is counted."""
    row = conn.execute("SELECT id, name, role, password_hash FROM accounts WHERE name = %s AND NOT disabled",
                       (name,)).fetchone()
    try:
        _hasher.verify(row["password_hash"] if row else _DUMMY_HASH, password)
        ok = row is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        conn.execute("INSERT INTO login_failures (account_name, client) VALUES (%s, %s)", (name[:200], client))
        conn.execute("DELETE FROM login_failures WHERE at < now() - %s", (FAILURE_WINDOW * 4,))
        return None
    if _hasher.check_needs_rehash(row["password_hash"]):
        conn.execute("UPDATE accounts SET password_hash = %s WHERE id = %s", (_hasher.hash(password), row["id"]))
    return Account(row["id"], row["name"], row["role"])


def _token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("ascii", "replace")).digest()


def open_session(conn, account: Account, client: str) -> str:
    """A new session for the account; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    conn.execute("INSERT INTO sessions (token_sha256, account_id, expires_at, client) "
                 "VALUES (%s, %s, now() + %s, %s)", (_token_hash(token), account.id, SESSION_LIFETIME, client))
    conn.execute("DELETE FROM sessions WHERE expires_at < now()")
    return token


def session_account(conn, token: str) -> Account | None:
    """The account of a live session token, or None."""
    row = conn.execute("SELECT a.id, a.name, a.role FROM sessions s JOIN accounts a ON a.id = s.account_id "
                       "WHERE s.token_sha256 = %s AND s.expires_at > now() AND NOT a.disabled",
                       (_token_hash(token),)).fetchone()
    return Account(row["id"], row["name"], row["role"]) if row else None


def close_session(conn, token: str) -> None:
    conn.execute("DELETE FROM sessions WHERE token_sha256 = %s", (_token_hash(token),))


def list_accounts(conn) -> list[dict]:
    """Every account: id, name, role, created_at, disabled, and the number of live sessions."""
    return conn.execute("SELECT a.id, a.name, a.role, a.created_at, a.disabled, "
                        "(SELECT count(*) FROM sessions s WHERE s.account_id = a.id AND s.expires_at > now()) "
                        "AS sessions FROM accounts a ORDER BY a.name").fetchall()


def _named(conn, account_id: int) -> str:
    row = conn.execute("SELECT name FROM accounts WHERE id = %s", (account_id,)).fetchone()
    if row is None:
        raise BadInputError(f"there is no account {account_id}")
    return row["name"]


def set_disabled(conn, account_id: int, disabled: bool) -> str:
    """Disable (its sessions end) or enable an account; returns its name."""
    name = _named(conn, account_id)
    if disabled:
        others = conn.execute("SELECT count(*) AS n FROM accounts WHERE role = 'owner' AND NOT disabled "
                              "AND id <> %s", (account_id,)).fetchone()["n"]
        role = conn.execute("SELECT role FROM accounts WHERE id = %s", (account_id,)).fetchone()["role"]
        if role == "owner" and others == 0:
            raise AccountRefused(f"{name} is the last owner: add or enable another owner first", "last-owner",
                                 name=name)
    conn.execute("UPDATE accounts SET disabled = %s WHERE id = %s", (disabled, account_id))
    if disabled:
        conn.execute("DELETE FROM sessions WHERE account_id = %s", (account_id,))
    return name


def set_password(conn, account_id: int, password: str) -> str:
    """Give an account a new password (its sessions end); returns its name."""
    if len(password) < MIN_PASSWORD:
        raise AccountRefused(f"the password must have at least {MIN_PASSWORD} characters", "short-password",
                             least=MIN_PASSWORD)
    name = _named(conn, account_id)
    conn.execute("UPDATE accounts SET password_hash = %s WHERE id = %s", (_hasher.hash(password), account_id))
    conn.execute("DELETE FROM sessions WHERE account_id = %s", (account_id,))
    return name
