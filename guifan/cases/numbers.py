"""Case numbers (部门受案号) as people write them, and the one form we compare them in."""

import re
import unicodedata

# Every bracket pair seen around the year: 〔〕 (official), [] and ［］, 【】, （） and ().
_OPENERS = "[【（(〔［"
_CLOSERS = "]】）)〕］"
_BRACKETS = str.maketrans({**dict.fromkeys(_OPENERS, "〔"), **dict.fromkeys(_CLOSERS, "〕")})
_SPACE = re.compile(r"\s+")


def normalise_case_no(raw: str) -> str:
    """The comparison form: half-width digits and letters, 〔〕 around the year, no spaces.

    >>> normalise_case_no("临江检公诉受[２０１５]0312号")
    '临江检公诉受〔2015〕0312号'
    """
    # NFKC folds full-width digits, letters and brackets (［ to [, （ to (); it leaves 〔〕 and
    # 【】 as they are, so one translation afterwards brings every bracket to 〔〕.
    text = unicodedata.normalize("NFKC", raw).translate(_BRACKETS)
    return _SPACE.sub("", text)


def normalise_case_nos(raws: list[str]) -> list[str]:
    """normalise_case_no() of many numbers, in one pass over them all (an import's column).

    Joined by NUL: a starter that composes with nothing and is no space, so NFKC and the
    space removal treat each number as they would on its own. A number holding a NUL itself
    (the importer refuses such cells) is normalised on its own.
    """
    joined = "\x00".join(raws)
    if joined.count("\x00") != len(raws) - 1:
        return list(map(normalise_case_no, raws))
    text = unicodedata.normalize("NFKC", joined).translate(_BRACKETS)
    return _SPACE.sub("", text).split("\x00") if raws else []
