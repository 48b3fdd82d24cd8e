"""People named in Arabic, Persian, Hebrew and Devanagari script, which have no capital letters.

Why a module of its own: the person check reads runs of capitalized words, and these
scripts have no case, so "شكراً لزميلتي ريم الحربي" or "मेरे बॉस अमित श्रीवास्तव" was never
seen. What still marks a person is the cue before the name: a colleague, a manager, a
boss, thanks, a title ("السيدة", "آقای", "श्रीमती", "מר"). Only those cues count, and
only with the one or two words of the same script right after them that are no
function word of the language ("زميلي في العمل" is "my colleague at work").

Two words after a cue are an error (a full name presented as a person); one word, a
given name alone, is a warning.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Severity
from .flags import Flag

ARABIC = "\u0600-\u06ff\u0750-\u077f"
HEBREW = "\u0590-\u05ff"
DEVANAGARI = "\u0900-\u097f"
SCRIPTS = (ARABIC, HEBREW, DEVANAGARI)

CUES = {
    ARABIC: """زميلي زميلتي لزميلي لزميلتي زميلنا زميلتنا لزميلنا لزميلتنا مديري مديرتي مديرنا مديرتنا لمديري
        لمديرتي رئيسي رئيستي مشرفي مشرفتي السيد السيدة للسيد للسيدة الأستاذ الأستاذة للأستاذ للأستاذة المهندس
        المهندسة الدكتور الدكتورة همکارم همکار مدیرم مدیر آقای خانم سرکار""".split(),
    HEBREW: """עמיתי עמיתתי העמית העמיתה המנהל המנהלת מנהלי מנהלתי מר גברת ד"ר""".split(),
    DEVANAGARI: """बॉस मैनेजर सहकर्मी सहयोगी श्री श्रीमती सुश्री डॉ. डॉ प्रबंधक धन्यवाद शुक्रिया""".split(),
}
"""Words right before a name that say a person of the writer's circle follows (Persian shares the
Arabic block: "همکارم", "آقای")."""
FUNCTION_WORDS = frozenset("""في على من إلى الى عن مع هذا هذه التي الذي الذين و أن إن قد كان كانت لقد ثم أو بعد قبل عند
    لدى كل بين حول جدا فريق قسم در از به با که را و این آن برای تا هم یک شد بود است
    של את על עם גם כי אם זה זו היה הייתה לא כל אחרי לפני צוות שלי שלנו
    का की के में से ने को और है हैं था थी पर भी यह वह एक हर टीम""".split())
"""Words of those languages that follow a cue without being a name (prepositions, pronouns, "team")."""
_PATTERNS = tuple(
    (script, re.compile(
        rf"(?<![{script}])(?:{'|'.join(sorted(map(re.escape, CUES[script]), key=len, reverse=True))})"
        rf"(?:\s+(?:שלי|שלנו))?[,،]?\s+"
        rf"([{script}]{{2,}})(?:\s+([{script}]{{2,}}))?(?![{script}])"))
    for script in SCRIPTS)
MESSAGE = "'{0}' follows a word that presents a person (a colleague, a manager, a title): readers could identify them"
FIX = "replace the name with a role ('a campaign analyst', 'the head of CVM'); authors are cited only in section 8"


def caseless_names(text: str) -> Iterator[Flag]:
    """Names in Arabic, Persian, Hebrew and Devanagari script right after a person cue."""
    if text.isascii():
        return
    for script, pattern in _PATTERNS:
        if re.search(f"[{script}]", text) is None:
            continue
        for m in pattern.finditer(text):
            first, second = m.group(1), m.group(2)
            if first in FUNCTION_WORDS:
                continue
            if second is not None and second not in FUNCTION_WORDS:
                yield Flag(m.start(1), m.end(2), "leak.person-name", Severity.ERROR,
                           MESSAGE.format(text[m.start(1):m.end(2)]), FIX)
            else:
                yield Flag(m.start(1), m.end(1), "leak.person-name", Severity.WARNING,
                           MESSAGE.format(first), FIX)
