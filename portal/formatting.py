import phonenumbers


def rupiah(value) -> str:
    """Format an amount of Rupiah the Indonesian way: Rp 1.500.000 (no decimals)."""
    if value is None or value == "":
        return ""
    amount = int(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")


def phone_display(value: str) -> str:
    """A stored +62… number the way Indonesians write it: 0812-3456-7890, (0451) 421234."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "ID")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
