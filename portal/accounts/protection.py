"""Protecting accounts from guessing, without letting a stranger lock the
owner out (as Zulip and Discourse do):

- failures are counted per *(account, address)* pair: five wrong passwords
  lock that account only for the address that typed them
  (``LOGIN_FAILURE_LIMIT``); the owner, elsewhere, still signs in;
- per address, whatever the accounts (``LOGIN_ADDRESS_FAILURE_LIMIT``): one
  machine guessing many accounts is stopped;
- per account from every address (``LOGIN_ACCOUNT_SLOWDOWN_LIMIT``): past it
  the account is not locked but *slowed down* — every attempt on it waits
  ``LOGIN_SLOWDOWN_S`` seconds before its password is checked, right or
  wrong, for anyone. A botnet's guesses get slow; the owner gets in, later;
- registrations per address (``REGISTRATION_LIMIT``).

Counters are ``core/limits.py``'s (Redis when scaled out). Unknown accounts
take the same paths and the same time (a dummy hash is checked), so neither
the answer nor its delay tells whether an account exists.
"""

from __future__ import annotations

import time

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.core import limits
from portal.core.refusal import Refusal
from portal.core.text import fold_case


class TooManyAttempts(Refusal):
    code, status = "too_many_attempts", 429
    message = _l("Too many failed attempts. Please wait before trying again.")

    def __init__(self, retry_after: int):
        super().__init__(retry_after=retry_after)


class TooManyRegistrations(Refusal):
    code, status = "too_many_registrations", 429
    message = _l("Too many accounts were created from this connection. Please try again later.")

    def __init__(self, retry_after: int | None):
        super().__init__(retry_after=retry_after or 3600)


def _account(login: str) -> str:
    return fold_case((login or "").strip())


def _locks(login: str, ip: str) -> list[tuple[str, tuple[str, ...]]]:
    address = ip or "unknown"
    return [("LOGIN_FAILURE_LIMIT", ("pair", _account(login), address)),
            ("LOGIN_ADDRESS_FAILURE_LIMIT", ("ip", address))]


def check_allowed(login: str, ip: str) -> None:
    """Before checking a password: refuse a locked address, slow down an
    account under attack."""
    waits = [limits.retry_after(name, *key) for name, key in _locks(login, ip)]
    if wait := max((w for w in waits if w), default=None):
        raise TooManyAttempts(wait)
    if limits.retry_after("LOGIN_ACCOUNT_SLOWDOWN_LIMIT", "account", _account(login)):
        # Under gevent this sleep yields; nothing is held while it waits.
        time.sleep(current_app.config["LOGIN_SLOWDOWN_S"])


def count_failure(login: str, ip: str) -> None:
    for name, key in _locks(login, ip):
        limits.hit(name, *key)
    limits.hit("LOGIN_ACCOUNT_SLOWDOWN_LIMIT", "account", _account(login))


def count_registration(ip: str) -> None:
    """One more account from this address, or a refusal once its limit is spent."""
    if not limits.hit("REGISTRATION_LIMIT", ip or "unknown"):
        raise TooManyRegistrations(limits.retry_after("REGISTRATION_LIMIT", ip or "unknown"))
