"""Re-identifying detail the eleventh independent set showed the engine missing: towns below the
100,000 people of ``places.tsv`` after a preposition of place, capitals of the Latin blocks
beyond A-Z ("İzmir'de"), genitives of countries ("Sveriges"), a place no list holds after a
count ("23 ruter fra Billund"), nouns and ranks of more languages, a share of a market written
as a part of it ("31,2% do mercado") and per cent after a blank ("27,4 %"). Each case fails on
the engine before them; the quiet cases keep the new readings from firing on ordinary prose."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.findings import Severity  # noqa: E402
from cvmbok.names.namedata import is_place, town  # noqa: E402
from cvmbok.names.reidentify import reidentifying  # noqa: E402
from .leak_helpers import overlaps  # noqa: E402



@pytest.mark.parametrize("text, leak", [
    ("We are the only mobile operator headquartered in Tromsø, so churn follows people south.", "the only mobile"),
    ("Wir sind der einzige Versicherer mit Hauptsitz in Vaduz, der Kfz-Policen online verkauft.", "einzige"),
    ("İzmir'de 5G'yi ilk açan operatör bizdik.", "ilk"),
    ("Vi är Sveriges största elbolag, så varje prisändring blir en nyhet.", "största"),
    ("Vi flyver 23 ruter fra Billund og har kun ét bonusprogram.", "23"),
    ("Gestiamo 87 hotel in Sardegna e il programma fedeltà vale molto.", "87"),
    ("Suntem liderul pieței de credite de consum din Moldova.", "liderul pieței"),
    ("Temos 31,2% do mercado de seguro auto no Paraná e queremos crescer.", "31,2%"),
    ("Als Nummer zwei im Festnetzmarkt mit 27,4 % Anteil können wir keinen Preiskampf führen.", "27,4 %"),
    ("Facturamos 842 millones de euros, casi todo en Andalucía.", "842 millones"),
    ("Meillä on 3 742 työntekijää, ja asiakaspalvelu on suurin yksikkö.", "3 742"),
])
def test_re_identifying_detail_with_towns_and_more_languages(text: str, leak: str) -> None:
    flags = [f for f in reidentifying(text) if f.severity is Severity.WARNING]
    assert overlaps(flags, text, leak), (text, [(f.start, f.end, f.message) for f in flags])


@pytest.mark.parametrize("text", [
    "Thanks to Preston for the segment counts we used in 2023.",
    "We ran 24 campaigns in Spring and 12 in March.",
    "The 12 stores in Excel were a typo in the export.",
    "About 40 stores across the region joined the pilot.",
    "Around 30% of the market had never heard of the offer.",
])
def test_towns_and_counted_places_stay_quiet_on_ordinary_prose(text: str) -> None:
    assert not list(reidentifying(text)), text


def test_towns_are_not_places_for_the_person_and_company_checks() -> None:
    # a town is looked up only by the re-identification check: its name may be a colleague's
    assert town("Tromsø") is not None and town("Vaduz") is not None
    assert not is_place("Tromsø")
    assert town("Preston") is None and town("Miranda") is None


@pytest.mark.parametrize("text, leak", [
    ("Od debiutu na GPW w 2020 r. zarząd raportuje churn co kwartał.", "debiutu na GPW"),
    ("Als ehemaliger Staatsmonopolist in Österreich haben wir die ältesten Kundenbeziehungen.", "Staatsmonopolist"),
    ("Depuis notre changement de marque de 2019 au Maroc, les clients se réabonnent moins.", "changement de marque"),
    ("Sebagai operator seluler terbesar ketiga di Indonesia, kami fokus pada pelanggan prabayar.", "terbesar"),
    ("Magyarország harmadik legnagyobb bankjaként a digitális csatornák a fő hangsúly.", "legnagyobb"),
    ("Como companhia aérea de bandeira de Portugal, temos clientes fiéis.", "companhia aérea de bandeira"),
    ("Con una cuota de mercado del 38,4 %, segundos en Colombia, no competimos en precio.", "38,4 %"),
    ("Wareware wa Nihon de saisho ni eSIM o dōnyū shita MVNO desu.", "saisho ni"),
    ("Мы единственный оператор связи на Сахалине с собственной программой лояльности.", "единственный"),
    ("نحن أكبر شركة تأمين في سلطنة عمان من حيث عدد الوثائق.", "أكبر"),
    ("Somos a maior operadora de TV paga do Nordeste, com 1,9 milhão de assinantes.", "a maior"),
    ("当社は北海道で唯一の地域通信事業者で、会員数は約48万人です。", "唯一"),
    ("国内線座席数で国内第二位の航空会社である当社にとって、特典の削減は重い。", "第二位"),
    ("국내 최대 통신사로서 우리는 해지율을 관리한다.", "최대"),
])
def test_events_ranks_and_shares_of_more_languages(text: str, leak: str) -> None:
    flags = [f for f in reidentifying(text) if f.severity is Severity.WARNING]
    assert overlaps(flags, text, leak), (text, [(f.start, f.end, f.message) for f in flags])


@pytest.mark.parametrize("text", [
    "Die größte Herausforderung war der Monopolist im Kopf: niemand wollte wechseln.",
    "Egyetlen kampány sem működött jobban, mint az első.",
    "Saisho ni kyanpēn o tesuto shimashita.",
    "Это первый раз, когда мы запустили кампанию в Москве.",
    "أول حملة في رمضان كانت ناجحة.",
    "国内最大のキャンペーンを実施した。",
])
def test_rank_words_of_those_languages_without_a_company_stay_quiet(text: str) -> None:
    assert not list(reidentifying(text)), text
