"""Cues the twelfth independent set showed the engine missing, one test per kind: a company in a
table column headed by a company noun, "customers of" in other languages, legal forms written out
before the name or after a lower-case name, a Finnish case ending after a form, soft hyphens as
entities, "according to" in other languages, Ukrainian roles, apposition to "challenger", "chez";
and the quiet side: co-authors joined by "y" or "und", "chi-squared" after an eponym, "SMART goals",
a German compound of a brand word. Each runs through the scanner the `leaks` check uses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.findings import Severity  # noqa: E402
from .leak_helpers import findings_on, scanner  # noqa: E402

SCANNER = scanner()


@pytest.mark.parametrize("text, leak, severity", [
    ("| operator | churn Q1 |\n|---|---|\n| KPN | 1.9% |\n| challengers | 2.4% |", "KPN", Severity.ERROR),
    ("| Competitor | Counter-offer we saw |\n|---|---|\n| EE | 12 months of rollover |", "EE", Severity.ERROR),
    ("Los clientes de Claro en Perú responden mejor a bonos de datos.", "Claro", Severity.ERROR),
    ("Com&shy;cast bundles TV with broadband.", "Com&shy;cast", Severity.ERROR),
    ("Perseroan Terbatas Samudra Kargo Wisata memberi poin untuk setiap pengiriman.", "Samudra", Severity.WARNING),
    ("Osakeyhtiö Revontuli Matkat rewards repeat guests.", "Revontuli", Severity.WARNING),
    ("De cijfers van hofstede verzekeringen besloten vennootschap laten hetzelfde zien.", "hofstede", Severity.WARNING),
    ("Au Québec, laurentide mutuelle d'assurance inc. offre un rabais.", "laurentide", Severity.WARNING),
    ("olen töissä lumivaara oy:ssä ja teen asiakasanalytiikkaa", "lumivaara", Severity.WARNING),
    ("Laut M. Brandstätter reicht die Stichprobe nicht aus.", "Brandstätter", Severity.WARNING),
    ("Моя керівниця Олена Мельничук затвердила план тесту.", "Мельничук", Severity.ERROR),
    ("Half of the lost accounts went to Quintaro, the new app-only challenger.", "Quintaro", Severity.WARNING),
    ("Les clients partis chez Lumorell citent le prix.", "Lumorell", Severity.WARNING),
    ("We replaced our campaign tool with Churnalytix last year.", "Churnalytix", Severity.WARNING),
    # names in scripts without capitals, after a person cue
    ("मेरे बॉस अमित श्रीवास्तव हर अभियान में नियंत्रण समूह रखते हैं।", "अमित श्रीवास्तव", Severity.ERROR),
    ("شكراً لزميلتي ريم الحربي على مراجعة النموذج.", "ريم الحربي", Severity.ERROR),
    ("از همکارم سارا محمدی برای تحلیل سپاسگزارم.", "سارا محمدی", Severity.ERROR),
    ("תודה: מר דוד כהן בדק את המודל.", "דוד כהן", Severity.ERROR),
    ("株式会社しおさい通信でポイントプログラムの設計をしていました。", "しおさい", Severity.WARNING),
    # the eleventh set's leftovers
    ("Il nostro partner per le campagne SMS era TIM, che ci passava i dati.", "TIM", Severity.ERROR),
    ("at zephyrine bank we never send the same save offer twice", "zephyrine", Severity.WARNING),
    ("Our marketplace, Shopnarrow, saw repeat rates jump.", "Shopnarrow", Severity.WARNING),
    ("Le programme Club Azurelle compte surtout des membres inactifs.", "Azurelle", Severity.WARNING),
    ("Let me know if the counts look off.\n\nCheers,\nSiobhán", "Siobhán", Severity.WARNING),
    # airlines' two-letter codes and a bank's short form, in company context only
    ("SQ still beats everyone on paid seat-selection conversion.", "SQ", Severity.ERROR),
    ("Customers who moved their accounts from BB to us still get their salary paid there.", "BB", Severity.ERROR),
    # a listing quoted by its number in parentheses after the name, as Korean writing does
    ("우리 회사(017670) 주가가 떨어진 날에는 리텐션 예산 회의가 길어집니다.", "017670", Severity.ERROR),
    # tickers as market-data sites and terminals write them
    ("KPN.AS dropped after the results.", "KPN", Severity.ERROR),
    ("The board tracks VOD LN every morning.", "VOD", Severity.ERROR),
    # price plans named after their noun, and a Polish form in lower case after "w"
    ("Cuando lanzamos el plan Horizonte Ilimitado, la portabilidad se disparó.", "Horizonte", Severity.WARNING),
    ("Plano Família Turbo 60 customers added a second line.", "Turbo", Severity.WARNING),
    ("from the workshop w kowalczyk telefonia sp. z o.o. offers beat discounts", "kowalczyk", Severity.WARNING),
])
def test_leaks_the_twelfth_set_showed(text: str, leak: str, severity: Severity) -> None:
    found = findings_on(text, leak)
    assert found, text
    if severity is Severity.ERROR:
        assert any(f.severity is Severity.ERROR for f in found), (text, [(f.rule, f.severity, f.match) for f in found])


@pytest.mark.parametrize("text", [
    "Siguiendo a Lemon y Verhoef (2016), mapeamos el recorrido del cliente.",
    "Nach Lemon und Verhoef (2016) haben wir die Reise kartiert.",
    "We test for overdispersion with a Pearson chi-squared statistic.",
    "Set SMART goals for each campaign.",
    "Über alle Segmente hinweg wuchs nur das Plus-Segment leicht.",
    "Au Québec, les membres regroupent auto et habitation.",
    "A public limited company must publish its accounts.",
    "On dînait chez Marie après la revue de campagne.",
    "زميلي في العمل اقترح اختبارا جديدا.",
    "I spent two years at retail bank branches.",
    "Our bank, the largest lender in town, changed its fees.",
    "Notes below.\n\nCheers,\nMarketing",
    "The CX team and the QR codes on receipts did more than the UA campaigns.",
    "SQ and BB are the column codes in the export.",
    "매출(123456)은 목표였다.",
    "Our CRM US team met on Monday.",
    "We need a plan B, and the plan Monday is to launch.",
])
def test_ordinary_prose_of_those_shapes_stays_quiet(text: str) -> None:
    assert not SCANNER.scan(text, "x.md"), (text, [(f.rule, f.match) for f in SCANNER.scan(text, "x.md")])
