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
