"""People named in Japanese, Korean and Chinese text, which has no capitals and no spaces.

Why a module of its own: the person check reads runs of capitalized words, and these
scripts have neither capitals nor (in Japanese and Chinese) spaces, so a colleague's
name there was never seen. What still marks a person is the title written after the
name ("長谷部さん", "김민지 팀장님") or the role and thanks written before it ("感谢我的同事王晓雯").
Only those cues count, and only with a name-shaped run: two to four ideographs, or a
Korean surname syllable and one or two more. Words that take the same titles ("お客様",
"고객님", customers) are left out.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Severity
from .flags import Flag
from .tokens import CJK_CHAR_RE

JAPANESE_TITLES = "さん|さま|様|部長|課長|係長|社長|室長|先輩|先生|氏"
KOREAN_TITLES = "님|씨|팀장님|팀장|과장님|부장님|대리님|차장님|실장님|선배님|이사님|상무님"
KOREAN_SURNAMES = ("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄원천방공현함변염"
                   "여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형계피두감음빈동온호범좌갈")
CHINESE_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟"
                    "姜崔谭陆范汪廖石金贾韦夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文")
NOT_NAMES = frozenset("""お客 客 皆 みな 担当者 責任者 利用者 会員 顧客 店長 御中 各位 先方 お店 会社 弊社 貴社 当社
    고객 회원 여러분 손님 사장 담당자 선생""".split())
"""Words that take a person's title without being a name ("お客様", "고객님", "担当者様")."""

CHINESE_VERBS = "整理|提供|帮|帮助|负责|完成|设计|分析|修改|清理|补齐|做|的|对|为|在|和|与|给|把|发现|提出|搭建"
"""What follows a name thanked in Chinese ("感谢王静整理了名单"): the name ends before it."""
_JAPANESE_RE = re.compile(rf"(?<![\u3400-\u9fff々])([\u3400-\u9fff々]{{2,4}})(?:{JAPANESE_TITLES})")
_KOREAN_RE = re.compile(rf"(?<![\uac00-\ud7af])([{KOREAN_SURNAMES}][\uac00-\ud7af]{{1,2}})\s?(?:{KOREAN_TITLES})(?![\uac00-\ud7af]{{2}})")
_CHINESE_CUE_RE = re.compile(rf"(?:感谢|谢谢|多谢|同事|经理|老板|主管|上司|领导|组长|总监)(?:我的|我们的)?(?:同事|经理|老板|主管|领导)?"
                             rf"([{CHINESE_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?=[，,。、\s]|$|(?:{CHINESE_VERBS}))")
MESSAGE = ("'{0}' is a person named with a title, and the text presents them as a person: readers could identify them")
FIX = "replace the name with a role ('a campaign analyst', 'the head of CVM'); authors are cited only in section 8"


def unspaced_names(text: str) -> Iterator[Flag]:
    """Errors for names in Japanese, Korean and Chinese written with a title or a person cue."""
    if text.isascii() or CJK_CHAR_RE.search(text) is None:
        return  # no kana, ideograph or Hangul: one fast scan instead of three patterns
    for pattern in (_JAPANESE_RE, _KOREAN_RE, _CHINESE_CUE_RE):
        for m in pattern.finditer(text):
            name = m.group(1)
            if name in NOT_NAMES or any(name.endswith(word) for word in NOT_NAMES if len(word) > 1):
                continue
            start, end = m.start(1), (m.end() if pattern is not _CHINESE_CUE_RE else m.end(1))
            yield Flag(start, end, "leak.person-name", Severity.ERROR, MESSAGE.format(text[start:end]), FIX)
