"""What the thirteenth independent set showed the engine missing, one case per kind: names in
Cyrillic, Greek, Devanagari, Hebrew and Chinese after thanks or a role; ranks, events and counts in
Dutch, Swedish, Hungarian, Spanish, Portuguese, Polish, Romanian, Italian, Greek, Norwegian, Czech,
romanized Arabic and Japanese; registered names in company context of other languages; loyalty
programmes and a Greek legal form; and the quiet side (a team signing, rank words about campaigns)."""

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
    ("धन्यवाद प्रिया शर्मा को, जिन्होंने रिचार्ज डेटा साफ़ किया।", "प्रिया शर्मा", Severity.ERROR),
    ("感谢王静整理了会员流失名单。", "王静", Severity.ERROR),
    ("Спасибо Ольге Смирновой за разметку обращений.", "Смирновой", Severity.ERROR),
    ("Ευχαριστούμε τον Γιώργο Παπαδόπουλο για το μοντέλο διαρροής.", "Παπαδόπουλο", Severity.ERROR),
    ("המנהלת שלי, נועה אברהמי, ביקשה להוסיף קבוצת ביקורת.", "נועה אברהמי", Severity.ERROR),
    ("Bevor ich hierher kam, war ich drei Jahre bei Segmentia, einem Anbieter für Kampagnenautomatisierung.",
     "Segmentia", Severity.WARNING),
    ("Ο ανταγωνιστής μας, η Αιγαιοπελαγίτικη Ασφαλιστική Α.Ε., προσέφερε οδική βοήθεια.", "Α.Ε.", Severity.WARNING),
    ("El programa PuntosCóndor de la aerolínea competidora regala estatus.", "PuntosCóndor", Severity.WARNING),
    ("Le programme « Cercle Opaline » de notre concurrent offre un surclassement.", "Opaline", Severity.WARNING),
    ("Our decisioning vendor, Pega, insisted on a global control group.", "Pega", Severity.ERROR),
    ("Als Referenz diente uns die Onboarding-Strecke der ING.", "ING", Severity.ERROR),
    ("Klienci Play przechodzili do nas głównie w okresie świątecznym.", "Play", Severity.ERROR),
    ("Większość klientów przyszła od sprzedawców na Allegro.", "Allegro", Severity.ERROR),
    ("Most customers porting in from T-Mo were on legacy plans.", "T-Mo", Severity.ERROR),
    ("Als grootste energieleverancier van Vlaanderen zien we elke prijsstijging terug.", "grootste", Severity.WARNING),
    ("Med 38 butiker i Göteborg kunde vi testa erbjudandet.", "38", Severity.WARNING),
    ("Magyarország második legnagyobb biztosítójaként nem lehetünk agresszívak.", "legnagyobb", Severity.WARNING),
    ("Como el número dos de la televisión de pago en Perú, dependemos del fútbol.", "número dos", Severity.WARNING),
    ("Temos 3.872.105 correntistas no Nordeste.", "3.872.105", Severity.WARNING),
    ("Jako jedyny operator kablowy w Lublinie nie mamy lokalnej konkurencji.", "jedyny", Severity.WARNING),
    ("Am fost privatizați în 2005 în România.", "privatizați", Severity.WARNING),
    ("Con 57 punti vendita a Torino il test era fattibile.", "57", Severity.WARNING),
    ("Ως ο μεγαλύτερος πάροχος ηλεκτρικής ενέργειας στην Ελλάδα, βλέπουμε κάθε αύξηση.", "μεγαλύτερος", Severity.WARNING),
    ("Fordi vi er det nest største flyselskapet i Norge, kan vi ikke vinne på pris.", "nest største", Severity.WARNING),
    ("Bi-sifatina al-mushaghil al-tarikhi fi Tunis, nahnu nafqidu al-shabab.", "al-tarikhi", Severity.WARNING),
    ("Jsme třetí největší pojišťovna na Slovensku podle pojistného.", "největší", Severity.WARNING),
    ("Hokkaidō de saidai no doraggusutoa chēn to shite, kaiin wa ōi desu.", "saidai", Severity.WARNING),
])
def test_leaks_the_thirteenth_set_showed(text: str, leak: str, severity: Severity) -> None:
    found = findings_on(text, leak)
    assert found, text
    if severity is Severity.ERROR:
        assert any(f.severity is Severity.ERROR for f in found), (text, [(f.rule, f.severity, f.match) for f in found])


@pytest.mark.parametrize("text", [
    "Viele Grüße\nIhr CVM-Team Privatkunden",
    "Als grootste uitdaging zagen we de campagne van vorig jaar.",
    "Med ungefär 40 butiker i regionen testade vi erbjudandet.",
    "Jako jedyny test w tym kwartale sprawdziliśmy cenę.",
    "Our vendor, the analytics team, and finance agreed on the plan.",
    "Campaign results are reviewed monthly. Program KPIs are reviewed each quarter.",
    "Thanks,\nThe Retention Analytics Team",
])
def test_prose_of_those_shapes_stays_quiet(text: str) -> None:
    assert not SCANNER.scan(text, "x.md"), (text, [(f.rule, f.match) for f in SCANNER.scan(text, "x.md")])
