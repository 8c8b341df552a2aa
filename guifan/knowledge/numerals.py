"""Chinese numerals as law texts write them (第一百七十二条) and back, without Django."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}  # fmt: skip
UNITS = {"十": 10, "百": 100, "千": 1000}
NAMES = "零一二三四五六七八九"
CHARS = "".join(DIGITS) + "".join(UNITS) + "万"


def cn_to_int(text: str) -> int:
    """一百七十二 → 172, 十七 → 17, 二〇一六 → 2016 (digit by digit when no unit is written)."""
    if not text or any(ch not in CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(ch in UNITS or ch == "万" for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    if "万" in text:
        high, _, low = text.partition("万")
        return (cn_to_int(high) if high else 1) * 10_000 + (cn_to_int(low) if low else 0)
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)


def int_to_cn(number: int) -> str:
    """172 → 一百七十二, 10 → 十, 110 → 一百一十, 105 → 一百零五, as article numbers read."""
    if number < 0 or number >= 100_000:
        raise ValueError(f"out of range: {number}")
    if number < 10:
        return NAMES[number]
    if number >= 10_000:
        high, low = divmod(number, 10_000)
        rest = int_to_cn(low) if low else ""
        return int_to_cn(high) + "万" + ("零" + rest if 0 < low < 1000 else rest)
    if 10 <= number < 20:
        return "十" + (NAMES[number - 10] if number > 10 else "")
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            if zero and parts:
                parts.append("零")
            parts.append(NAMES[digit] + unit)
            zero = False
        else:
            zero = True
    return "".join(parts)
