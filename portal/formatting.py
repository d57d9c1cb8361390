def rupiah(value) -> str:
    """Format an amount of Rupiah the Indonesian way: Rp 1.500.000 (no decimals)."""
    if value is None or value == "":
        return ""
    amount = int(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")
