"""Mobile numbers of France and Belgium, in E.164 (phonenumbers)."""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberType

REGIONS = ("FR", "BE")
MOBILE = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


class NotAMobile(ValueError):
    pass


def normalise(raw: str, default_region: str = "FR") -> str:
    """``06 12 34 56 78`` → ``+33612345678``; a landline, a number of another
    country or nonsense raises :class:`NotAMobile`."""
    try:
        number = phonenumbers.parse((raw or "").strip(), default_region)
    except phonenumbers.NumberParseException as exc:
        raise NotAMobile(str(exc)) from exc
    if not phonenumbers.is_valid_number(number):
        raise NotAMobile("not a valid number")
    if phonenumbers.region_code_for_number(number) not in REGIONS:
        raise NotAMobile("not a French or Belgian number")
    if phonenumbers.number_type(number) not in MOBILE:
        raise NotAMobile("not a mobile number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
