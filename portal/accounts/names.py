"""Pseudonyms: normalised, and refused when they could pass for someone else.

A pseudonym is stored in Unicode NFKC (full-width, ligature and styled
letters become plain ones). Its *skeleton*, after Unicode TR39, maps every
character to the one it is confusable with (the ``confusables`` package ships
TR39's table): Cyrillic ``а`` → ``a``, ``1`` and ``I`` and ``l`` → ``i``,
``rn`` → ``m``; case, accents, spaces and punctuation are dropped. A new
pseudonym whose skeleton equals a staff word's (admin, moderation…) or any
existing account's is refused: ``аdmin`` (Cyrillic) or ``moderatіon`` cannot
pass for the team, nor ``Lea.B`` for ``léa b``.

The skeleton is built one character at a time, so its cost is linear:
``confusables.normalize`` on a whole string lists every variant, which grows
exponentially with the confusable letters.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from confusables import normalize as confusable_forms
from flask_babel import lazy_gettext as _l

from portal.accounts.models import User
from portal.core.refusal import Refusal
from portal.core.text import fold_case
from portal.extensions import db

#: Words that name the team, in every language of the portal.
#: (Common words such as "team" or "animation" are left to the check against
#: existing accounts, which holds the staff's own pseudonyms.)
STAFF_WORDS = ("admin", "administrateur", "administrator", "administratie", "beheerder",
               "moderation", "moderateur", "moderator", "moderatie", "redaction", "redacteur",
               "crij", "passerelle", "staff", "equipe", "officiel", "official")

_SEPARATORS = re.compile(r"[\W_]+")
_DIGRAPHS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


class PseudonymConfusable(Refusal):
    code, status = "pseudonym_confusable", 409
    field = "pseudonym"
    message = _l("This pseudonym looks too much like another one or like the team's names. Please choose another one.")


def normalized(pseudonym: str) -> str:
    return unicodedata.normalize("NFKC", pseudonym or "").strip()


@functools.lru_cache(maxsize=4096)
def _prototype(char: str) -> str:
    forms = confusable_forms(char, prioritize_alpha=True)
    letters = [f for f in forms if len(f) == 1 and f.isalpha() and f.isascii()]
    return letters[0] if letters else forms[0] if forms else char


def skeleton(pseudonym: str) -> str:
    text = fold_case(normalized(pseudonym))
    text = "".join(_prototype(c) for c in text).replace("l", "i")
    for pair, letter in _DIGRAPHS:
        text = text.replace(pair, letter)
    return _SEPARATORS.sub("", text)[:80]


_STAFF_SKELETONS = frozenset(skeleton(w) for w in STAFF_WORDS)


def looks_like_staff(pseudonym: str) -> bool:
    """Once confusables are mapped, the pseudonym is a staff word or starts
    or ends with one (``admin_2``, ``equipe-crij``; not ``badminton``)."""
    shape = skeleton(pseudonym)
    return any(shape.startswith(w) or shape.endswith(w) for w in _STAFF_SKELETONS)


def check_pseudonym(pseudonym: str, *, user: User | None = None) -> None:
    """Refuse a pseudonym chosen by its holder that could pass for the team
    or for another account (``user``: the account renaming itself)."""
    shape = skeleton(pseudonym)
    if not shape or looks_like_staff(pseudonym):
        raise PseudonymConfusable()
    same = db.select(User.id).where(User.pseudonym_skeleton == shape)
    if user is not None:
        same = same.where(User.id != user.id)
    if db.session.scalar(same.limit(1)) is not None:
        raise PseudonymConfusable()
