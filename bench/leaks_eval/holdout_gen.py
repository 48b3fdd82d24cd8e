"""Write bench/leaks_eval/holdout.jsonl, the held-out cases of the leak evaluation set.

Why this exists: dev.jsonl and test.jsonl come from one engineer's templates, so an
engine tuned on dev can still share that engineer's blind spots. Issue 14 asks for the
check to hold on cases written independently; this file is that independent writer.
It was written without reading the leak engine (tools/cvmbok/names/), the other
generator (generate.py, material.py) or the other cases, from the issue's description
and from how CVM practitioners write. Every sentence below is hand-written; Faker
only supplies people's names.

What the script adds to hand-writing is checking, so that a label is right by the
README's rules and not by luck:
- a registered case names a string the registry really holds for that company, and a
  lower-case or disguised one uses a class-A string;
- an invented company, a person's name and a hard negative contain no class-A string
  (any case) and no class-B string (its registered casing) of the registry;
- people's surnames are not authors of the book's literature list (those are not
  leaks by rule) and not eponyms of methods.
A case that fails stops the script with its text, so it is fixed by hand, never dropped
silently. The seed is fixed; the committed holdout.jsonl is the reference.

Usage: .venv/bin/python bench/leaks_eval/holdout_gen.py   (needs Faker, the dev extra)
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from faker import Faker

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REGISTRY = ROOT / "styles" / "names" / "companies.yml"
BIBLIOGRAPHY = ROOT / "source" / "references.bib"
OUT = HERE / "holdout.jsonl"
SEED = 2718
MARK = re.compile(r"⟦(.+?)⟧")
EPONYMS = {"pareto", "markov", "bayes", "poisson", "kaplan", "meier", "gini", "weibull", "cox",
           "pearson", "spearman", "herfindahl", "hirschman", "lorenz", "gauss", "bernoulli",
           "dirichlet", "shapley", "student", "fisher", "wilcoxon", "kolmogorov", "smirnov"}


class CaseError(Exception):
    """A hand-written case that breaks the README's labelling rules."""


# --------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Entry:
    name: str
    strings: dict[str, str]  # registry string -> ambiguity class (A, B or C)
    domains: tuple[str, ...]


def load_registry() -> dict[str, Entry]:
    """The registry's entries by name; each string carries its class (A unless listed)."""
    entries: dict[str, Entry] = {}
    for line in REGISTRY.read_text(encoding="utf-8").splitlines():
        if not line.startswith("- {"):
            continue
        row = json.loads(line[2:])
        amb = row.get("ambiguity", {})
        strings = {s: amb.get(s, "A") for key in ("name", "aliases", "brands", "tickers", "short")
                   for s in ([row[key]] if key == "name" else row.get(key, []))}
        entries[row["name"]] = Entry(row["name"], strings, tuple(row.get("domains", [])))
    return entries


class Scanner:
    """Finds registry strings in text the way the README's labelling rules read them:
    class A in any case, class B in its registered casing, as whole words."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        a = {s.casefold() for e in entries.values() for s, c in e.strings.items() if c == "A"}
        b = {s for e in entries.values() for s, c in e.strings.items() if c == "B"}
        self.a = self._pattern(a, re.IGNORECASE)
        self.b = self._pattern(b, 0)

    @staticmethod
    def _pattern(strings: set[str], flags: int) -> re.Pattern[str]:
        alts = "|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True) if s.strip())
        return re.compile(rf"(?<![\w.@/-])(?:{alts})(?![\w@/]|[.-]\w)", flags)

    def hits(self, text: str) -> list[str]:
        return [m.group(0) for p in (self.a, self.b) for m in p.finditer(text)]


# --------------------------------------------------------------------- cases


def marked(text: str) -> tuple[str, str, list[int]]:
    """Text with exactly one ⟦leak⟧ marker -> plain text, leak, span."""
    found = list(MARK.finditer(text))
    if len(found) != 1:
        raise CaseError(f"expected one ⟦leak⟧ marker: {text!r}")
    m = found[0]
    plain = text[: m.start()] + m.group(1) + text[m.end():]
    return plain, m.group(1), [m.start(), m.start() + len(m.group(1))]


def case(category: str, sub: str, expect: str, text: str, **meta: Any) -> dict[str, Any]:
    if category == "negative":
        if "⟦" in text:
            raise CaseError(f"a negative has no leak: {text!r}")
        body: dict[str, Any] = {"text": text, "leak": None, "span": None}
    else:
        plain, leak, span = marked(text)
        body = {"text": plain, "leak": leak, "span": span}
    return {"category": category, "subcategory": sub, "expect": expect, **body,
            **{k: v for k, v in meta.items() if v is not None}}


# Registered names: (subcategory, registry entry, the registry string used, text).
REGISTERED: list[tuple[str, str, str, str]] = [
    ("plain", "Safaricom", "Safaricom", "Most of the churn we saw at ⟦Safaricom⟧ came from dual-SIM users who simply let one line go quiet."),
    ("plain", "Telstra", "Telstra", "When I ran the retention desk for ⟦Telstra⟧ we capped save offers at two months of free data."),
    ("plain", "Bancolombia", "Bancolombia", "The onboarding journey we built for ⟦Bancolombia⟧ had seven touchpoints in the first 30 days."),
    ("plain", "Turkcell", "Turkcell", "Our uplift model for ⟦Turkcell⟧ beat the propensity baseline by a wide margin."),
    ("plain", "Swisscom", "Swisscom", "* ⟦Swisscom⟧ postpaid base, 2019-2021: monthly churn snapshots"),
    ("plain", "Mercadona", "Mercadona", "We benchmarked basket size against ⟦Mercadona⟧ and other Spanish grocers."),
    ("plain", "Nedbank", "Nedbank", "## Lessons from ⟦Nedbank⟧\n\nThe first thing we learned was that nobody reads the welcome e-mail."),
    ("plain", "Ooredoo", "Ooredoo", "> We never had clean MSISDN history at ⟦Ooredoo⟧, so the model trained on 14 months only."),
    ("plain", "Westpac", "Westpac", "A mortgage refinance trigger at ⟦Westpac⟧ fired roughly 40,000 times a month."),
    ("plain", "Viettel", "Viettel", "The prepaid top-up reminders that ⟦Viettel⟧ sends are a good example of timing."),
    ("plain", "Qualtrics", "Qualtrics", "Survey responses were pulled from ⟦Qualtrics⟧ every night into the warehouse."),
    ("plain", "Ryanair", "Ryanair", "| ⟦Ryanair⟧ | ancillary attach rate | 38% |"),
    ("plain", "Marriott International", "Marriott", "Tier-match offers were the main lever for ⟦Marriott⟧ in that programme review."),
    ("plain", "Iberdrola", "Iberdrola", "Smart-meter data from ⟦Iberdrola⟧ let us time the tariff-switch offers."),
    ("plain", "Akbank", "Akbank", "Credit-card activation at ⟦Akbank⟧ was the KPI my team owned."),
    ("plain", "Telkomsel", "Telkomsel", "⟦Telkomsel⟧ data packages were the reference point for our pricing test."),
    ("plain", "Falabella", "Falabella", "The CMR card gave ⟦Falabella⟧ a view of spend across its stores."),
    ("plain", "Nubank", "Nubank", "We copied the in-app limit increase flow that ⟦Nubank⟧ made famous."),
    ("plain", "Globacom", "Globacom", "Our SIM-swap fraud rules came from a project with ⟦Globacom⟧ in Lagos."),
    ("plain", "Addiko Bank", "Addiko Bank", "I spent two years on consumer lending campaigns at ⟦Addiko Bank⟧."),
    ("plain", "Luxair", "Luxair", "The frequent-flyer data from ⟦Luxair⟧ was too thin for a churn model."),
    ("lower-case", "Vodafone Group", "Vodafone", "honestly the best save desk i ever saw was at ⟦vodafone⟧, they listened first."),
    ("lower-case", "Banco Santander", "Santander", "we rebuilt the cross-sell model for ⟦santander⟧ retail in 2020"),
    ("lower-case", "Rabobank", "Rabobank", "- ⟦rabobank⟧ agri clients: separate segment, never mixed with retail"),
    ("lower-case", "Zalando", "Zalando", "returns rate was the metric ⟦zalando⟧ cared about most"),
    ("lower-case", "Tesco", "Tesco", "coupon redemption at ⟦tesco⟧ was tracked per store cluster"),
    ("lower-case", "Etisalat", "Etisalat", "the prepaid base at ⟦etisalat⟧ behaved very differently from postpaid"),
    ("lower-case", "Allianz", "Allianz", "renewal prompts for ⟦allianz⟧ motor policies went out 45 days ahead"),
    ("lower-case", "Lufthansa Group", "Lufthansa", "status-match requests from ⟦lufthansa⟧ frequent flyers spiked in spring"),
    ("possessive", "Vodacom", "Vodacom", "⟦Vodacom's⟧ approach to bundling airtime with data is worth studying."),
    ("possessive", "Barclays", "Barclays", "We reused ⟦Barclays'⟧ definition of an active current account."),
    ("possessive", "Walmart", "Walmart", "The idea came from ⟦Walmart's⟧ weekly replenishment reports."),
    ("possessive", "Netflix", "Netflix", "Think of ⟦Netflix's⟧ cancellation flow: one screen, no guilt."),
    ("possessive", "Optus", "Optus", "After ⟦Optus's⟧ outage the complaint volume tripled overnight."),
    ("possessive", "Davivienda", "Davivienda", "⟦Davivienda's⟧ mobile wallet users were our control group."),
    ("brand", "British Airways", "Avios", "Members could top up ⟦Avios⟧ with a co-branded card."),
    ("brand", "Delta Air Lines", "SkyMiles", "The ⟦SkyMiles⟧ expiry rule change moved our reactivation numbers."),
    ("brand", "Coles Group", "Flybuys", "We matched receipts to ⟦Flybuys⟧ IDs to build the basket file."),
    ("brand", "Singapore Airlines", "KrisFlyer", "Redemption seats for ⟦KrisFlyer⟧ members were the scarce resource."),
    ("brand", "Bancolombia", "Nequi", "Young users came in through ⟦Nequi⟧ and only later opened a full account."),
    ("brand", "Banco de Crédito del Perú", "Yape", "P2P transfers on ⟦Yape⟧ were the engagement signal we trusted."),
    ("brand", "Globe Telecom", "GCash", "We offered cashback through ⟦GCash⟧ instead of airtime."),
    ("brand", "Virgin Media O2", "giffgaff", "SIM-only switchers often came from ⟦giffgaff⟧."),
    ("brand", "Tesco", "Clubcard", "Points from the ⟦Clubcard⟧ scheme were converted at double value."),
    ("domain", "Telstra", "telstra.com.au", "The opt-out page lived at ⟦telstra.com.au⟧/privacy, which few users ever found."),
    ("domain", "BancoEstado", "bancoestado.cl", "Screenshots of the ⟦bancoestado.cl⟧ login page were used in the phishing training."),
    ("domain", "Turkcell", "turkcell.com.tr", "Campaign landing pages sat on a subdomain of ⟦turkcell.com.tr⟧."),
    ("url", "Rabobank", "rabobank.com", "See the public case study at ⟦https://www.rabobank.com/knowledge⟧ for the background."),
    ("url", "Mercadona", "mercadona.es", "Our scraper read the price list from [their shop](⟦https://tienda.mercadona.es/⟧) each morning."),
    ("email", "Swisscom", "swisscom.ch", "Questions about the export went to ⟦crm-analytics@swisscom.ch⟧ at the time."),
    ("email", "HDFC Bank", "hdfcbank.com", "Send the suppression list to ⟦campaigns@hdfcbank.com⟧ before Friday."),
    ("alias", "Deutsche Telekom", "Telekom", "Our team at ⟦Telekom⟧ owned both fixed and mobile retention."),
    ("alias", "Commonwealth Bank", "CommBank", "The ⟦CommBank⟧ app nudges were the inspiration for our savings goals."),
    ("alias", "Citigroup", "Citibank", "I built card-activation triggers for ⟦Citibank⟧ in three Asian markets."),
    ("alias", "Sberbank", "Sber", "The ecosystem subscription at ⟦Sber⟧ bundled taxis, music and cashback."),
    ("alias", "NTT Docomo", "Docomo", "Handset upgrade timing at ⟦Docomo⟧ followed the contract calendar."),
    ("alias", "Itaú Unibanco", "Itaú", "Payroll portability was the biggest threat for ⟦Itaú⟧ that year."),
    ("alias", "Lloyds Banking Group", "Lloyds", "(I was at ⟦Lloyds⟧ for most of that programme.)"),
    ("ticker", "Turkcell", "TCELL", "Analysts covering ⟦TCELL⟧ asked mostly about ARPU in the last call."),
    ("ticker", "Akbank", "AKBNK", "The share price of ⟦AKBNK⟧ moved after the card fee change."),
    ("ticker", "Banco do Brasil", "BBAS3", "Our investor deck compared churn with ⟦BBAS3⟧ peers."),
    ("ticker", "Telstra", "ASX: TLS", "Listed as ⟦ASX: TLS⟧, so every churn figure was price-sensitive information."),
    ("ticker", "Netflix", "NFLX", "We used ⟦NFLX⟧ subscriber disclosures as a sanity check."),
    ("short", "Singtel", "SingTel", "Back at ⟦SingTel⟧ the roaming packs were sold mostly at the airport."),
    ("company-context", "Elisa", "Elisa", "I led the fixed-wireless retention team at ⟦Elisa⟧ for three years."),
    ("company-context", "Zain", "Zain", "Our competitor ⟦Zain⟧ matched every data bundle within a week."),
    ("company-context", "Reliance Jio", "Jio", "Customers of ⟦Jio⟧ moved to us when the free period ended."),
    ("company-context", "Emirates", "Emirates", "We at ⟦Emirates⟧ treated Skywards tiers as segments, not just badges."),
    ("company-context", "Aviva", "Aviva", "Before this role I worked at ⟦Aviva⟧ on home-insurance renewals."),
]

REGISTERED_META = {  # region and industry of each registry entry used above
    "Safaricom": ("middle-east-africa", "telecom"), "Telstra": ("asia-pacific", "telecom"),
    "Bancolombia": ("latin-america", "banking"), "Turkcell": ("europe", "telecom"),
    "Swisscom": ("europe", "telecom"), "Mercadona": ("europe", "retail"),
    "Nedbank": ("middle-east-africa", "banking"), "Ooredoo": ("middle-east-africa", "telecom"),
    "Westpac": ("asia-pacific", "banking"), "Viettel": ("asia-pacific", "telecom"),
    "Qualtrics": ("north-america", "software"), "Ryanair": ("europe", "airline"),
    "Marriott International": ("north-america", "hospitality"), "Iberdrola": ("europe", "utilities"),
    "Akbank": ("europe", "banking"), "Telkomsel": ("asia-pacific", "telecom"),
    "Falabella": ("latin-america", "retail"), "Nubank": ("latin-america", "banking"),
    "Globacom": ("middle-east-africa", "telecom"), "Addiko Bank": ("europe", "banking"),
    "Luxair": ("europe", "airline"), "Vodafone Group": ("europe", "telecom"),
    "Banco Santander": ("europe", "banking"), "Rabobank": ("europe", "banking"),
    "Zalando": ("europe", "e-commerce"), "Tesco": ("europe", "retail"),
    "Etisalat": ("middle-east-africa", "telecom"), "Allianz": ("europe", "insurance"),
    "Lufthansa Group": ("europe", "airline"), "Vodacom": ("middle-east-africa", "telecom"),
    "Barclays": ("europe", "banking"), "Walmart": ("north-america", "retail"),
    "Netflix": ("north-america", "media"), "Optus": ("asia-pacific", "telecom"),
    "Davivienda": ("latin-america", "banking"), "British Airways": ("europe", "airline"),
    "Delta Air Lines": ("north-america", "airline"), "Coles Group": ("asia-pacific", "retail"),
    "Singapore Airlines": ("asia-pacific", "airline"),
    "Banco de Crédito del Perú": ("latin-america", "banking"), "Globe Telecom": ("asia-pacific", "telecom"),
    "Virgin Media O2": ("europe", "telecom"), "BancoEstado": ("latin-america", "banking"),
    "HDFC Bank": ("asia-pacific", "banking"), "Deutsche Telekom": ("europe", "telecom"),
    "Commonwealth Bank": ("asia-pacific", "banking"), "Citigroup": ("north-america", "banking"),
    "Sberbank": ("europe", "banking"), "NTT Docomo": ("asia-pacific", "telecom"),
    "Itaú Unibanco": ("latin-america", "banking"), "Lloyds Banking Group": ("europe", "banking"),
    "Banco do Brasil": ("latin-america", "banking"), "Singtel": ("asia-pacific", "telecom"),
    "Elisa": ("europe", "telecom"), "Zain": ("middle-east-africa", "telecom"),
    "Reliance Jio": ("asia-pacific", "telecom"), "Emirates": ("middle-east-africa", "airline"),
    "Aviva": ("europe", "insurance"),
}


def registered_cases(reg: dict[str, Entry]) -> Iterator[dict[str, Any]]:
    for sub, name, string, text in REGISTERED:
        entry = reg.get(name)
        if entry is None:
            raise CaseError(f"{name!r} is not a registry entry")
        if sub in ("domain", "url", "email"):
            if string not in entry.domains:
                raise CaseError(f"{string!r} is not a domain of {name}")
        elif string not in entry.strings:
            raise CaseError(f"{string!r} is not a registry string of {name}")
        else:
            cls = entry.strings[string]
            if sub == "lower-case" and cls != "A":
                raise CaseError(f"{string!r} is class {cls}: lower case is a leak only for class A")
            if cls == "C" and sub != "company-context":
                raise CaseError(f"{string!r} is class C: it needs company context")
        c = case("registered", sub, "error", text, registry_name=name)
        if string.casefold() not in c["leak"].casefold():
            raise CaseError(f"the leak {c['leak']!r} does not contain {string!r}")
        region, industry = REGISTERED_META[name]
        yield {**c, "region": region, "industry": industry}


# Invented companies: (subcategory, region, country, industry, text). Checked against the registry.
UNREGISTERED: list[tuple[str, str, str, str, str]] = [
    ("legal-form", "europe", "DE", "telecom", "Since 2019 I have run retention for ⟦Kranich Mobilfunk GmbH⟧, mostly prepaid."),
    ("legal-form", "europe", "DE", "insurance", "The renewal journey at ⟦Hollmann & Reis Versicherung AG⟧ had no digital step at all."),
    ("legal-form", "europe", "IT", "banking", "We ran the mortgage cross-sell pilot with ⟦Banca Valdarno S.p.A.⟧ in the autumn."),
    ("industry-word", "europe", "IT", "insurance", "Claims satisfaction at ⟦Assicurazioni Serravalle⟧ was measured only by phone survey."),
    ("legal-form", "europe", "NL", "utilities", "- ⟦Brabant Warmte B.V.⟧: heat-network customers, annual contracts"),
    ("legal-form", "europe", "NL", "retail", "Store-level uplift was reported weekly to ⟦Van Dorsten Winkels N.V.⟧ management."),
    ("legal-form", "europe", "DK", "telecom", "Our churn scores were first deployed at ⟦Nordlys Mobil A/S⟧ on the postpaid base."),
    ("legal-form", "europe", "SE", "insurance", "The cancellation survey came from ⟦Skärgård Försäkring AB⟧ and was never translated."),
    ("legal-form", "europe", "FI", "utilities", "⟦Kaamos Sähkö Oy⟧ sent the winter tariff reminder by SMS only."),
    ("legal-form", "europe", "GB", "banking", "I joined ⟦Harrowgate Mutual plc⟧ as the first CRM analyst they ever hired."),
    ("legal-form", "europe", "GB", "retail", "The loyalty relaunch at ⟦Pennant Home Stores Ltd⟧ doubled app sign-ups."),
    ("legal-form", "europe", "FR", "retail", "Les coupons de ⟦Maison Ardennaise SARL⟧ were printed at the till until 2018."),
    ("legal-form", "europe", "FR", "banking", "Our attrition model went live at ⟦Banque Mistral SA⟧ after six months of testing."),
    ("legal-form", "europe", "PL", "telecom", "⟦Wisłanet sp. z o.o.⟧ was the first client to try the next-best-action engine."),
    ("legal-form", "europe", "CZ", "insurance", "We segmented the motor book of ⟦Vltava Pojišťovna a.s.⟧ by claim history."),
    ("legal-form", "europe", "HU", "insurance", "The agents of ⟦Tiszapart Biztosító Zrt.⟧ hated the new lead scores at first."),
    ("legal-form", "europe", "RO", "insurance", "Renewals at ⟦Carpatia Asigurări S.A.⟧ dropped when the reminder letter stopped."),
    ("legal-form", "europe", "TR", "insurance", "Our partner ⟦Egeria Sigorta A.Ş.⟧ sold travel cover through the airline app."),
    ("legal-form-spelled-out", "europe", "ES", "insurance", "At ⟦Levante Seguros, Sociedad Anónima⟧ the retention team sat inside the call centre."),
    ("legal-form-spelled-out", "europe", "AT", "travel", "⟦Alpenblick Reisen Gesellschaft mit beschränkter Haftung⟧ gave us three years of booking data."),
    ("legal-form-spelled-out", "europe", "DE", "utilities", "My first CVM job was at ⟦Rheinhafen Energie Aktiengesellschaft⟧ in the billing department."),
    ("legal-form-lower-case", "europe", "DE", "telecom", "worked 4 yrs at ⟦kranich mobilfunk gmbh⟧ before moving to consulting"),
    ("legal-form", "middle-east-africa", "SN", "telecom", "⟦Sahel Connect S.A.⟧ ran its recharge bonuses every Friday evening."),
    ("legal-form", "middle-east-africa", "TZ", "telecom", "At ⟦Kilimanjaro Wireless Ltd⟧ we priced bundles by region and by hour."),
    ("legal-form", "middle-east-africa", "EG", "banking", "The salary-account campaign at ⟦Nile Meridian Bank S.A.E.⟧ reached every payroll client."),
    ("legal-form", "middle-east-africa", "AE", "insurance", "⟦Al Sanad Takaful PJSC⟧ asked us to predict lapse in the first policy year."),
    ("industry-word", "middle-east-africa", "BH", "airline", "Status-match offers from ⟦Gulf Horizon Airways⟧ pulled our top tier away."),
    ("legal-form", "middle-east-africa", "ZA", "retail", "⟦Karoo Outfitters (Pty) Ltd⟧ tracked loyalty spend by store, not by customer."),
    ("legal-form", "middle-east-africa", "KW", "banking", "Our digital onboarding was copied by ⟦Dasman Digital Bank K.S.C.P.⟧ within months."),
    ("legal-form", "middle-east-africa", "MA", "insurance", "We built the claims-to-renewal link for ⟦Atlasia Assurances SA⟧."),
    ("legal-form", "middle-east-africa", "ZM", "utilities", "⟦Zambezi Grid Power Plc⟧ moved its prepaid meters to mobile-money top-ups."),
    ("industry-word", "middle-east-africa", "KE", "banking", "Loan reminders from ⟦Harambee Savings Bank⟧ went out in Swahili and English."),
    ("legal-form", "middle-east-africa", "LB", "telecom", "⟦Cedrus Mobile s.a.l.⟧ had two price plans and no segmentation at all."),
    ("legal-form", "asia-pacific", "JP", "utilities", "The churn problem at ⟦Sakuragawa Denki K.K.⟧ only appeared after deregulation."),
    ("legal-form-spelled-out", "asia-pacific", "JP", "telecom", "I joined ⟦Hoshizora Tsushin Kabushiki Kaisha⟧ straight from university."),
    ("legal-form", "asia-pacific", "ID", "telecom", "The daily-pack test at ⟦PT Nusa Seluler Tbk⟧ ran in five provinces."),
    ("legal-form", "asia-pacific", "MY", "telecom", "At ⟦Merbok Komunikasi Sdn Bhd⟧ the prepaid base was 90% of revenue."),
    ("legal-form", "asia-pacific", "NZ", "utilities", "⟦Kōwhai Power Limited⟧ offered a free-hour-of-power style promotion."),
    ("legal-form", "asia-pacific", "AU", "banking", "Home-loan retention at ⟦Banksia Mutual Pty Ltd⟧ relied on broker calls."),
    ("legal-form", "asia-pacific", "SG", "retail", "Our partner ⟦Lotus Quay Retail Pte. Ltd.⟧ shared anonymised till data."),
    ("legal-form", "asia-pacific", "VN", "banking", "At ⟦Mekong Pearl Commercial Bank JSC⟧ every campaign needed branch approval."),
    ("legal-form", "asia-pacific", "IN", "insurance", "Renewal calls at ⟦Ganga Kaveri Insurance Private Limited⟧ were made by agents."),
    ("legal-form", "asia-pacific", "KR", "banking", "The card-activation model for ⟦Hangang Card Co., Ltd.⟧ used only 90 days of data."),
    ("legal-form", "asia-pacific", "TH", "insurance", "We helped ⟦Chao Phraya Life Public Company Limited⟧ set up its first control group."),
    ("industry-word", "asia-pacific", "PH", "telecom", "My old employer ⟦Sampaguita Telecom⟧ sold load in sachets of one day."),
    ("legal-form", "latin-america", "BO", "banking", "Microcredit renewals at ⟦Banco Altiplano S.A.⟧ were our biggest success."),
    ("legal-form", "latin-america", "CO", "insurance", "⟦Seguros Tequendama S.A.S.⟧ wanted a churn model for funeral plans."),
    ("legal-form", "latin-america", "AR", "telecom", "In 2017 I joined ⟦Pampa Celular S.R.L.⟧ as head of analytics."),
    ("legal-form", "latin-america", "BR", "retail", "The cashback pilot at ⟦Comercial Sertão Ltda.⟧ ran in 40 stores."),
    ("legal-form", "latin-america", "MX", "retail", "We worked with ⟦Grupo Farallones S.A.B. de C.V.⟧ on their department-store card."),
    ("industry-word", "latin-america", "PE", "banking", "⟦Caja Rural Huascarán⟧ sent payment reminders through WhatsApp."),
    ("industry-word", "latin-america", "GT", "retail", "Weekly flyers from ⟦Supermercados Quetzaltenango⟧ were our only competitor data."),
    ("legal-form", "latin-america", "CL", "utilities", "⟦Aguas del Maipo S.A.⟧ measured satisfaction only after a complaint."),
    ("legal-form", "north-america", "US", "telecom", "I ran prepaid analytics at ⟦Ridgeline Wireless LLC⟧ for two years."),
    ("industry-word", "north-america", "CA", "banking", "Members of ⟦Prairie Sky Credit Union⟧ answered the NPS survey at twice the usual rate."),
    ("legal-form", "north-america", "US", "insurance", "⟦Bluewater Mutual Insurance Company⟧ cut its lapse rate with one reminder call."),
    ("legal-form", "north-america", "CA", "retail", "Coupons at ⟦Maple Crest Grocers Inc.⟧ were personalised for the first time in 2021."),
    ("legal-form-lower-case", "north-america", "US", "retail", "our client ⟦heartland outfitters corp.⟧ wanted RFM segments for catalogue mailings"),
    ("software-vendor", "europe", "DE", "software", "We replaced the old tool with ⟦Pulsewise Decide⟧, a real-time decisioning engine."),
    ("software-vendor", "north-america", "US", "software", "Campaigns were built in ⟦Orbitrix Campaign Studio⟧ and exported as CSV."),
    ("software-vendor", "europe", "GB", "software", "Our customer data platform, ⟦Lumenfold CDP⟧, stitched web and app identities."),
    ("software-vendor", "asia-pacific", "IN", "software", "The offers came from the ⟦Nextbestly⟧ API, which scored every session."),
    ("software-vendor", "europe", "GB", "software", "We licensed propensity models from ⟦Quorvane Analytics Ltd⟧."),
    ("coined-name-context", "europe", "ES", "e-commerce", "I joined ⟦Zentavo⟧ in its second year, when churn was still a spreadsheet."),
    ("coined-name-context", "north-america", "US", "payments", "At ⟦Brivana⟧ we segment by tenure before anything else."),
    ("coined-name-context", "latin-america", "BR", "e-commerce", "Our competitor ⟦Okuvé⟧ launched free shipping the week we did."),
    ("coined-name-context", "asia-pacific", "SG", "mobility", "We at ⟦Tarmello⟧ learned that riders churn after a single bad trip."),
    ("coined-name-context", "middle-east-africa", "NG", "payments", "Before consulting I worked at ⟦Paydunni⟧ on merchant retention."),
    ("product-name", "europe", "GB", "telecom", "Customers on the ⟦Hyperflex 40⟧ plan had the lowest churn of any tariff we sold."),
    ("product-name", "middle-east-africa", "ZA", "banking", "The ⟦Baobab Gold Saver⟧ account was our flagship savings product."),
]


def unregistered_cases(scan: Scanner) -> Iterator[dict[str, Any]]:
    for sub, region, country, industry, text in UNREGISTERED:
        c = case("unregistered-company", sub, "warning", text, region=region, country=country, industry=industry)
        clean(scan, c, f"the invented company {c['leak']!r}")
        yield c


# Re-identifying detail with no name: (subcategory, country, text).
REIDENTIFYING: list[tuple[str, str | None, str]] = [
    ("subscriber-count-country", "PT", "At the peak we had ⟦4,312,000 prepaid subscribers in Portugal⟧, almost all on one tariff."),
    ("subscriber-count-country", "KE", "Our base reached ⟦11.74 million mobile subscribers in Kenya⟧ by the end of the project."),
    ("subscriber-count-country", "CL", "- ⟦2,873,450 postpaid lines in Chile⟧ (December snapshot)"),
    ("subscriber-count-country", "VN", "We served ⟦6,905,112 subscribers across Vietnam⟧ when the pilot started."),
    ("subscriber-count-country", "HR", "The operator had ⟦1,627,300 mobile users in Croatia⟧ at the time of the study."),
    ("customer-count-country", "NL", "The bank had exactly ⟦1,204,877 retail customers in the Netherlands⟧ in that year's report."),
    ("customer-count-country", "EG", "Our insurer covered ⟦318,450 policyholders in Egypt⟧, mostly through bancassurance."),
    ("customer-count-country", "CA", "We had ⟦2,431,009 active cardholders in Canada⟧ at the start of the campaign."),
    ("customer-count-country", "NZ", "With ⟦612,400 electricity customers in New Zealand⟧ every tariff change was national news."),
    ("members-count-country", "GR", "The loyalty programme counted ⟦1,873,221 members in Greece⟧ in March."),
    ("branch-count-city", None, "We closed 9 of our ⟦57 branches in Lisbon⟧ in one year."),
    ("branch-count-city", None, "Our ⟦23 branches in Nairobi⟧ each had a relationship manager for SMEs."),
    ("store-count-city", None, "The chain ran ⟦142 stores in Istanbul⟧ and another 60 elsewhere."),
    ("store-count-city", None, "We tested the coupon in all ⟦38 stores in Monterrey⟧ at once."),
    ("store-count-country", "PL", "| stores | ⟦1,087 convenience stores in Poland⟧ |"),
    ("revenue-exact", None, "Annual revenue was ⟦EUR 1.274 billion⟧ in the year the programme launched."),
    ("revenue-exact", None, "The unit brought in ⟦USD 487.3 million⟧ of service revenue, 6% of it from roaming."),
    ("revenue-exact", None, "Group turnover hit ⟦ZAR 18,412 million⟧ and retention was a board topic."),
    ("revenue-exact", None, "We reported net income of ⟦BRL 2,318,400,000⟧ that year."),
    ("revenue-exact", None, "Premium income of ⟦CHF 962.7 million⟧ made us a mid-tier player."),
    ("market-share-rank", "CL", "With a ⟦31.4% market share we were the number two operator in Chile⟧."),
    ("market-share-rank", "BE", "We held ⟦22.8% of the Belgian mobile market, third behind two larger rivals⟧."),
    ("market-share-rank", "MY", "Our ⟦market share of 27.6%, second in Malaysia⟧, made us the natural challenger."),
    ("market-share-rank", "PE", "As ⟦the number three bank in Peru, with 14.2% of deposits⟧, we had to compete on service."),
    ("only-in-country", "EE", "We were ⟦the only bank in Estonia⟧ to offer instant card replacement in branches."),
    ("only-in-country", "UY", "It was ⟦the only mobile operator in Uruguay⟧ with a state owner."),
    ("only-in-country", "IS", "We were ⟦the only airline in Iceland⟧ flying to North America at the time."),
    ("only-in-country", "JO", "Being ⟦the only Islamic insurer in Jordan⟧ shaped every campaign we ran."),
    ("first-in-country", "PH", "We were ⟦the first telco in the Philippines⟧ to sell prepaid data by the minute."),
    ("first-in-country", "NG", "The app made us ⟦the first bank in Nigeria⟧ with fully digital account opening."),
    ("first-in-country", "CZ", "We became ⟦the first utility in the Czech Republic⟧ to bill by the hour."),
    ("largest-in-country", "NO", "As ⟦the largest grocery chain in Norway⟧ we could test anything at scale."),
    ("largest-in-country", "AR", "We were ⟦the largest private bank in Argentina⟧ by number of accounts."),
    ("largest-in-country", "TH", "It was ⟦Thailand's largest life insurer⟧ when I joined."),
    ("largest-in-city", None, "We were ⟦the biggest cable operator in Montevideo⟧ and had no real competitor."),
    ("incumbent", "SI", "Working for ⟦the incumbent in Slovenia⟧ meant the fixed-line base was ageing fast."),
    ("incumbent", "LU", "As ⟦the Luxembourg incumbent⟧, we lost young customers to every new entrant."),
    ("incumbent", "KE", "The ⟦Kenyan incumbent operator⟧ set the price floor for everyone."),
    ("flag-carrier", "PT", "Loyalty at ⟦the Portuguese flag carrier⟧ was driven by the Brazil routes."),
    ("number-two", "SE", "We were ⟦the second-largest insurer in Sweden⟧ and the main challenger in motor."),
    ("merger-year", None, "After ⟦the 2016 merger⟧ the two customer databases were never fully joined."),
    ("merger-year", None, "Everything changed when we ⟦merged with our main rival in 2011⟧."),
    ("merger-year", None, "The bank was formed by ⟦the 2007 merger of two regional savings banks⟧."),
    ("launch-year", None, "We ⟦launched the first eSIM-only brand in 2019⟧ and learned a lot about onboarding."),
    ("launch-year", None, "The loyalty programme ⟦launched in March 2014⟧ with three tiers."),
    ("rebrand-year", None, "⟦Since the rebrand in 2018⟧ our awareness scores have never recovered."),
    ("rebrand-year", None, "The old name was dropped ⟦in the 2020 rebrand⟧, together with the green logo."),
    ("ipo-year", None, "⟦After the IPO in 2021⟧ every churn number went to the quarterly report."),
    ("ipo-year", None, "The operator ⟦listed on the stock exchange in 2015⟧ and had to publish ARPU."),
    ("privatisation-year", None, "⟦Privatised in 1998⟧, the company still behaved like a ministry."),
    ("acquisition-year", None, "We were ⟦acquired by a Nordic group in 2013⟧ and lost our own CRM team."),
    ("spin-off-year", None, "The mobile arm was ⟦spun off in 2009⟧ and took the best analysts with it."),
]


def reidentifying_cases(scan: Scanner) -> Iterator[dict[str, Any]]:
    for sub, country, text in REIDENTIFYING:
        c = case("reidentifying", sub, "warning", text, country=country)
        clean(scan, c, "a re-identifying case")
        yield c


# Registered class-A single words of five letters or more, and what the disguises may do.
DISGUISE_NAMES = ["Vodafone", "Telstra", "Safaricom", "Swisscom", "Telenor", "Comcast", "Verizon",
                  "Barclays", "Santander", "Nordea", "Rabobank", "Commerzbank", "Allianz", "Mapfre",
                  "Walmart", "Mercadona", "Zalando", "Netflix", "Spotify", "Ryanair", "Lufthansa",
                  "Qantas", "Iberdrola", "Salesforce", "Teradata", "Ooredoo", "Etisalat", "Turkcell",
                  "Bradesco", "Falabella", "Revolut", "Sberbank", "Westpac", "Starbucks", "Sephora",
                  "Marriott", "Tealium", "Bancolombia", "Capitec", "Viettel", "Telkomsel", "Nintendo"]

LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "l": "1", "b": "8", "g": "9"}
LEET_SYMBOL = {"a": "@", "s": "$", "i": "!", "o": "0"}
CYRILLIC = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440", "x": "\u0445",
            "T": "\u0422", "B": "\u0412", "M": "\u041c", "S": "\u0405", "C": "\u0421", "N": "\u039d"}
GREEK = {"o": "\u03bf", "a": "\u03b1", "N": "\u039d", "T": "\u03a4", "A": "\u0391", "B": "\u0392",
         "E": "\u0395", "M": "\u039c", "Z": "\u0396", "i": "\u03b9", "v": "\u03bd", "K": "\u039a"}


def swap(word: str, table: dict[str, str], limit: int) -> str:
    """Replace up to `limit` letters of word with look-alikes from table, left to right."""
    out, done = [], 0
    for ch in word:
        if done < limit and ch in table:
            out.append(table[ch])
            done += 1
        else:
            out.append(ch)
    if done == 0:
        raise CaseError(f"no letter of {word!r} has a look-alike in the table")
    return "".join(out)


def leet(word: str) -> str:
    """Up to three letters as digits; a leading letter keeps its capital."""
    out = swap(word.lower(), LEET, 3)
    return out[0].upper() + out[1:] if out[0].isalpha() else out


def mid(word: str) -> int:
    return len(word) // 2


DISGUISES: list[tuple[str, Callable[[str], str]]] = [
    ("emphasis-inside", lambda w: f"{w[:mid(w)]}*{w[mid(w):]}*"),
    ("strong-inside", lambda w: f"**{w[:mid(w)]}**{w[mid(w):]}"),
    ("underscore-inside", lambda w: f"{w[:3]}_{w[3:]}_"),
    ("code-span-inside", lambda w: f"{w[:mid(w)]}`{w[mid(w):]}`"),
    ("letters-spaced", lambda w: " ".join(w.upper())),
    ("letters-dotted", lambda w: ".".join(w.upper()) + "."),
    ("letters-hyphenated", lambda w: "-".join(w)),
    ("leet-digits", lambda w: leet(w)),
    ("leet-symbols", lambda w: swap(w, LEET_SYMBOL, 2)),
    ("cyrillic", lambda w: swap(w, CYRILLIC, 1)),
    ("greek", lambda w: swap(w, GREEK, 1)),
    ("full-width", lambda w: "".join(chr(ord(ch) + 0xFEE0) for ch in w)),
    ("zero-width-space", lambda w: w[:mid(w)] + "\u200b" + w[mid(w):]),
    ("zero-width-joiner", lambda w: w[:2] + "\u200d" + w[2:]),
    ("soft-hyphen", lambda w: w[:mid(w)] + "\u00ad" + w[mid(w):]),
    ("word-joiner", lambda w: w[:3] + "\u2060" + w[3:]),
    ("html-entity", lambda w: f"{w[:1]}&#{ord(w[1])};{w[2:]}"),
    ("html-entity-hex", lambda w: f"&#x{ord(w[0]):X};{w[1:]}"),
]

DISGUISE_FRAMES = [
    "We spent most of 2020 on the churn model for {x}.",
    "- {x}: 14 campaigns, weekly control groups",
    "Honestly, {x} had the cleanest CRM data I have seen.",
    "I was on the loyalty team at {x} before this.",
    "{x} never let us test more than two offers at once.",
    "> the retention desk at {x} kept a handwritten log of saves",
    "Our uplift results for {x} are in the appendix.",
    "The pilot with {x} ran for eight weeks.",
    "| {x} | next best action | live |",
    "Data from {x} came in monthly extracts.",
]

# German closed compounds: (class-A name, rest of the word, frame).
COMPOUNDS = [
    ("Vodafone", "kunden", "Die ⟦{w}⟧ wechselten nach der Preiserhöhung in Scharen."),
    ("Commerzbank", "filialen", "In den ⟦{w}⟧ lagen die Flyer für das Girokonto aus."),
    ("Allianz", "vertreter", "Jeder ⟦{w}⟧ bekam eine Liste mit Kündigungskandidaten."),
    ("Zalando", "bestellungen", "Wir haben ⟦{w}⟧ mit Retourenquote verglichen."),
    ("Lufthansa", "meilen", "Viele Vielflieger wollten ihre ⟦{w}⟧ nicht verfallen lassen."),
    ("Netflix", "abo", "Das ⟦{w}⟧ war im Bündel inklusive."),
]

LINK_CASES = [
    ("link-text", "Telstra", "See [⟦Tel*stra*⟧](https://example.org/case) for the background."),
    ("link-url-path", "Turkcell", "The write-up is at [this post](https://blog.example.com/⟦turkcell⟧-churn-story)."),
    ("link-text-code", "Swisscom", "The slides ([⟦Swiss`com`⟧ retention](https://example.net/slides)) are private."),
    ("link-reference", "Safaricom", "Read the [⟦S a f a r i c o m⟧][1] story first.\n\n[1]: https://example.org/story"),
]


DISGUISED_CASES = 46  # each disguise two or three times, on different names and sentences


def disguise_cases(reg: dict[str, Entry], rng: random.Random) -> Iterator[dict[str, Any]]:
    owners = {s: e.name for e in reg.values() for s, c in e.strings.items() if c == "A"}
    for word in DISGUISE_NAMES:
        if word not in owners or len(word) < 5 or " " in word:
            raise CaseError(f"{word!r} is not a registered class-A single word of five letters or more")
    names = DISGUISE_NAMES[:]
    rng.shuffle(names)
    for i in range(DISGUISED_CASES):
        sub, disguise = DISGUISES[i % len(DISGUISES)]
        word = names[i % len(names)]
        shown = disguise(word)
        if shown == word:
            raise CaseError(f"{sub} left {word!r} unchanged")
        frame = DISGUISE_FRAMES[i % len(DISGUISE_FRAMES)]
        yield case("disguise", sub, "error", frame.replace("{x}", f"⟦{shown}⟧"),
                   registry_name=owners[word], plain=word)
    for word, rest, frame in COMPOUNDS:
        yield case("disguise", "closed-compound", "error", frame.replace("{w}", word + rest),
                   registry_name=owners[word], plain=word)
    for sub, word, text in LINK_CASES:
        yield case("disguise", sub, "error", text, registry_name=owners[word], plain=word)


# --------------------------------------------------------------------- people

LOCALES = ["de_DE", "es_ES", "es_MX", "it_IT", "pt_BR", "nl_NL", "tr_TR", "fr_FR", "pl_PL", "sv_SE",
           "fi_FI", "da_DK", "cs_CZ", "hu_HU", "ro_RO", "en_IN", "id_ID", "en_NG", "en_GB", "ja_JP",
           "zh_CN", "es_CO"]
# Faker writes Arabic names in Arabic script only; a few romanized ones, written for this file.
ARABIC = [("Khalid", "Al-Mansouri"), ("Noura", "Haddad"), ("Yousef", "Barakat"), ("Rania", "El-Khatib"),
          ("Tariq", "Al-Hashimi"), ("Mariam", "Qasim"), ("Omar", "Shalaby"), ("Huda", "Nasrallah")]
HONORIFIC = {  # locale -> (for a woman, for a man), as people write them in English prose
    "de_DE": ("Frau", "Herr"), "es_ES": ("Sra.", "Sr."), "es_MX": ("Lic.", "Ing."),
    "it_IT": ("Dott.ssa", "Dott."), "pt_BR": ("Sra.", "Sr."), "nl_NL": ("mevrouw", "de heer"),
    "tr_TR": ("Sayın", "Sayın"), "fr_FR": ("Mme", "M."), "pl_PL": ("Pani", "Pan"),
    "sv_SE": ("Dr.", "Dr."), "fi_FI": ("Dr.", "Dr."), "da_DK": ("fru", "hr."),
    "cs_CZ": ("paní", "Ing."), "hu_HU": ("Dr.", "Dr."), "ro_RO": ("Dna", "Dl."),
    "en_IN": ("Mrs.", "Mr."), "id_ID": ("Ibu", "Bapak"), "en_NG": ("Mrs.", "Chief"),
    "en_GB": ("Ms", "Mr"), "ja_JP": ("Ms.", "Mr."), "zh_CN": ("Dr.", "Dr."), "es_CO": ("Dra.", "Dr."),
    "ar_Latn": ("Ms.", "Sheikh")}

# Person templates: (subcategory, expect, template). {name} full name, {given}, {surname},
# {init} initial, {hon} honorific of the name's locale.
PERSON_CUE = [
    ("my-manager", "My manager {name} pushed for a holdout group on every campaign."),
    ("my-manager", "- my line manager, {name}, signed off the test budget"),
    ("thanks-to", "Thanks to {name} for the churn definitions in this section."),
    ("thanks-to", "Many thanks to {name}, who reviewed the first draft."),
    ("thanks-to", "*Acknowledgements:* thanks to {name} and the whole analytics team."),
    ("colleague", "My colleague {name} built the first propensity model in SAS-free Python."),
    ("colleague", "A former colleague, {name}, suggested the uplift framing."),
    ("colleague", "(credit to my colleague {name} for the chart)"),
    ("head-of-at", "{name}, head of CRM at our bank, insisted on a control group."),
    ("head-of-at", "I reported to {name}, Head of Customer Value at the operator."),
    ("director", "Our CMO, {name}, wanted results in a single slide."),
    ("boss", "My old boss {name} used to say that a campaign without a control group is a rumour."),
    ("team-lead", "Our team lead {name} ran the weekly model review."),
    ("mentor", "I learned most of this from my mentor {name}."),
    ("worked-with", "I worked closely with {name} on the save-desk scripts."),
    ("according-to", "According to {name}, our data scientist, the model drifted after the price change."),
    ("ceo", "The CEO, {name}, announced the loyalty relaunch at the town hall."),
    ("interview", "In an interview, {name} from the retention team described the process."),
    ("quoted", "> \"Never trust a lift you did not measure.\" — {name}, our analytics lead"),
    ("signature", "Best regards,\n{name}\nSenior CRM Analyst"),
]
PERSON_FORMS = [
    ("surname-given", "{surname}, {given} (analytics) owns the segment definitions."),
    ("surname-given", "Reviewed by: {surname}, {given}"),
    ("initial-surname", "The churn scorecard was designed by {init}. {surname} in 2019."),
    ("initial-surname", "Ask {init}. {surname} for access to the campaign history."),
    ("honorific-surname", "{hon} {surname} approved the new retention budget."),
    ("honorific-surname", "We presented the results to {hon} {surname} on Monday."),
    ("honorific-full", "{hon} {name} chaired the steering committee."),
    ("honorific-surname", "The workshop was led by {hon} {surname} from the pricing team."),
    ("honorific-surname", "- {hon} {surname} (retention): owner of the save-desk scripts"),
]
PERSON_NO_CUE = [
    ("no-cue", "{name} ran the pilot in the northern region."),
    ("no-cue", "The dashboard was rebuilt by {name} last spring."),
    ("no-cue", "- {name}: segmentation, model monitoring"),
    ("no-cue", "{name} and I argued for weeks about the churn window."),
    ("no-cue", "The offer matrix came from {name}."),
    ("no-cue", "We finally had {name} in the room when the results came in."),
]
PERSON_EMAIL = [
    ("email-personal", "Send questions to {mail}."),
    ("email-personal", "The raw extract is with {mail}, ask before using it."),
]


def person_names(rng: random.Random, scan: Scanner, banned: set[str]) -> Iterator[tuple[str, int, str, str]]:
    """(locale, gender index, given, surname) for the people cases, round-robin over the
    locales, skipping names that the registry or the literature list make ambiguous."""
    fakers = {loc: Faker(loc) for loc in LOCALES}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(SEED + i)
    arabic = ARABIC[:]
    rng.shuffle(arabic)
    while True:
        for loc, f in fakers.items():
            for _ in range(20):
                gender = rng.randrange(2)
                given, surname = faker_name(f, loc, gender)
                if ok_name(given, surname, scan, banned):
                    yield loc, gender, given, surname
                    break
        if arabic:
            given, surname = arabic.pop()
            yield "ar_Latn", int(given in ("Khalid", "Yousef", "Tariq", "Omar")), given, surname


def faker_name(f: Faker, loc: str, gender: int) -> tuple[str, str]:
    """A romanized given name and surname of the locale (gender 0 woman, 1 man)."""
    sex = ("female", "male")[gender]
    if loc == "ja_JP":
        return getattr(f, f"first_romanized_name_{sex}")(), f.last_romanized_name()
    if loc == "zh_CN":
        return f.first_romanized_name(), f.last_romanized_name()
    surname = getattr(f, f"last_name_{sex}", f.last_name)()
    return getattr(f, f"first_name_{sex}")(), surname


def ok_name(given: str, surname: str, scan: Scanner, banned: set[str]) -> bool:
    parts = {p.casefold() for p in re.split(r"[\s-]+", f"{given} {surname}") if p}
    if parts & banned or scan.hits(f"{given} {surname}"):
        return False
    return len(given) > 2 and len(surname) > 2


def ascii_mail(given: str, surname: str) -> str:
    """given.surname as people type it into an address: accents dropped, lower case."""
    raw = unicodedata.normalize("NFKD", f"{given}.{surname}").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z.]", "", raw.lower())


def person_cases(rng: random.Random, scan: Scanner, banned: set[str]) -> Iterator[dict[str, Any]]:
    names = person_names(rng, scan, banned)
    plan = ([("error", t) for t in PERSON_CUE] * 2 + [("error", t) for t in PERSON_FORMS] * 2
            + [("warning", t) for t in PERSON_NO_CUE] * 2 + [("warning", t) for t in PERSON_EMAIL] * 2)
    for expect, (sub, template) in plan:
        loc, gender, given, surname = next(names)
        full = f"{given} {surname}" if loc not in ("ja_JP", "zh_CN") or rng.random() < 0.7 else f"{surname} {given}"
        values = {"name": f"⟦{full}⟧", "given": given, "surname": surname, "init": given[0],
                  "hon": HONORIFIC[loc][gender], "mail": f"⟦{ascii_mail(given, surname)}@gmail.com⟧"}
        if sub == "surname-given":
            values["surname"], values["given"] = f"⟦{surname}", f"{given}⟧"
        elif sub == "initial-surname":
            values["init"], values["surname"] = f"⟦{given[0]}", f"{surname}⟧"
        elif sub == "honorific-surname":
            values["surname"] = f"⟦{surname}⟧"
        text = template.format(**values)
        yield case("person", sub, expect, text[0].upper() + text[1:], locale=loc)


# --------------------------------------------------------------------- negatives

NEGATIVES: list[tuple[str, str]] = [
    # business abbreviations, job roles, finance units, statistics, network generations
    ("abbreviation", "The CMO asked for ARPU and churn on one slide, split by tenure band."),
    ("abbreviation", "Our CFO only trusts CLV figures that reconcile with the P&L."),
    ("abbreviation", "The NBA engine ranks offers by expected margin, not by response rate."),
    ("abbreviation", "QA signs off every campaign list before it goes to the SMS gateway."),
    ("abbreviation", "BI publishes the KPI pack on the second working day of the month."),
    ("abbreviation", "5G handset owners show lower churn, but they are also higher-value to begin with."),
    ("abbreviation", "LTE coverage gaps explained a third of the complaints in rural cells."),
    ("abbreviation", "eSIM activation removes the SIM card from the onboarding journey."),
    ("abbreviation", "In B2B the decision-maker is rarely the person who answers the NPS survey."),
    ("abbreviation", "We tracked CSAT, NPS and CES, but only NPS reached the board."),
    ("abbreviation", "FP&A owns the budget; CVM owns the incremental margin estimate."),
    ("abbreviation", "The COO wanted a single MSISDN-level view of value."),
    ("abbreviation", "A/B tests with fewer than 1,000 users per arm were not allowed."),
    ("abbreviation", "RFM scores were recomputed every night in the DWH."),
    ("abbreviation", "The CRM, the CDP and the DMP all claimed to be the single source of truth."),
    ("abbreviation", "KYC checks added two days to onboarding for new SME accounts."),
    ("abbreviation", "Every ROI figure in the deck assumes a 12-month horizon."),
    ("abbreviation", "- SIM-only plans: high churn, low SAC\n- handset plans: low churn, high SAC"),
    ("abbreviation", "The VP of Sales and the CTO disagreed about who owned the API."),
    ("abbreviation", "Our GDPR lawful basis for the retention calls was legitimate interest."),
    ("abbreviation", "ETL jobs failed twice a week, so the NBA scores were often a day old."),
    ("abbreviation", "The HR team wanted eNPS in the same dashboard, which we refused."),
    ("abbreviation", "The USSD menu was the only channel that reached feature-phone users."),
    ("abbreviation", "MNP requests are the earliest hard signal of churn in most markets."),
    ("abbreviation", "OTT video bundles raised ARPU but also raised cost per GB."),
    ("abbreviation", "We treat the CVR and the CTR as diagnostics, never as targets."),
    ("abbreviation", "The SLA for a callback after a cancellation request was 24 hours."),
    ("abbreviation", "IVR drop-outs were our best proxy for frustration."),
    ("abbreviation", "The EBITDA impact of the save desk was modest but positive."),
    ("abbreviation", "AUC went up, but the top-decile lift barely moved."),
    ("abbreviation", "We used SQL for the features and R for the survival curves."),
    ("abbreviation", "FTTH customers churn less than DSL customers on the same street."),
    ("abbreviation", "POS data arrived at SKU level, which made basket analysis easy."),
    ("abbreviation", "The PMO tracked the programme, not the results."),
    ("abbreviation", "An MVNO partner resold our network under its own brand."),
    ("abbreviation", "The CX and UX teams sat together, which helped."),
    ("abbreviation", "MoM and YoY growth tell different stories in a seasonal business."),
    ("abbreviation", "The SVP asked whether the uplift was statistically significant at the 95% level."),
    ("abbreviation", "Only the GM could approve discounts above 30%."),
    ("abbreviation", "We scored prepaid users daily and postpaid users weekly, with a shared ML pipeline."),
    # ordinary words that are brand names somewhere
    ("ordinary-word", "The orange segment in the chart is the customers who never topped up."),
    ("ordinary-word", "Three things matter in a save call: listen, acknowledge, offer."),
    ("ordinary-word", "A delta of two points in churn is worth a lot at this scale."),
    ("ordinary-word", "The payback period of the campaign was under four months."),
    ("ordinary-word", "We took a snapshot of the base on the first of every month."),
    ("ordinary-word", "A progressive discount rewards customers for staying longer."),
    ("ordinary-word", "A bolt-on data pack is the simplest upsell there is."),
    ("ordinary-word", "The full spectrum of offers was never shown to one customer."),
    ("ordinary-word", "Our target was a 10% reduction in voluntary churn."),
    ("ordinary-word", "We ran the next campaign only after the first one was fully measured."),
    ("ordinary-word", "The shell script that built the extract broke every time the schema changed."),
    ("ordinary-word", "Prime customers are those in the top value decile."),
    ("ordinary-word", "The discovery phase took longer than the build."),
    ("ordinary-word", "Loyal customers are not always profitable customers."),
    ("ordinary-word", "The square of the correlation tells you how much variance the score explains."),
    ("ordinary-word", "Give the agent a block of time to prepare for difficult calls."),
    ("ordinary-word", "The visa requirements for frequent travellers came up in the survey."),
    ("ordinary-word", "We wanted a smart default: the offer most customers accept."),
    ("ordinary-word", "Plus customers get one free upgrade a year."),
    ("ordinary-word", "A personal touch in the welcome call lowered early churn."),
    ("ordinary-word", "The vitality of the programme depends on how often members earn points."),
    ("ordinary-word", "We asked customers to rate the signal quality at home."),
    ("ordinary-word", "If the customer says no twice, stop calling."),
    ("ordinary-word", "Each offer has a sparks score, our internal name for novelty."),
    ("ordinary-word", "The optimum discount was lower than the sales team expected."),
    ("ordinary-word", "Every campaign needs a steering group and a clear owner."),
    ("ordinary-word", "A diamond-shaped funnel is a sign that the middle stage is leaking."),
    ("ordinary-word", "The dialog between agent and customer was transcribed for analysis."),
    ("ordinary-word", "We offered a free month of streaming as the save offer."),
    ("ordinary-word", "The welcome bonus was paid in points, not in cash."),
    # words of other languages
    ("foreign-word", "Im Vertrieb sagt man: ein zufriedener Kunde bleibt, ein begeisterter Kunde empfiehlt."),
    ("foreign-word", "Está claro que el cliente quiere menos llamadas, no más ofertas."),
    ("foreign-word", "Le client fidèle n'est pas toujours le client rentable."),
    ("foreign-word", "Il tasso di abbandono è sceso del tre per cento dopo la campagna."),
    ("foreign-word", "A taxa de churn caiu quando o atendimento ficou mais rápido."),
    ("foreign-word", "Ein blau markiertes Feld bedeutet, dass der Kunde widersprochen hat."),
    ("foreign-word", "Wie du siehst, ist die Kurve nach dem dritten Monat flach."),
    ("foreign-word", "De klant wil vooral duidelijkheid over de prijs."),
    ("foreign-word", "Müşteri memnuniyeti anketine katılım oranı düşüktü."),
    ("foreign-word", "Kunden fick välja mellan rabatt och extra data."),
    ("foreign-word", "Asiakas arvostaa nopeaa palvelua enemmän kuin alennusta."),
    ("foreign-word", "Klienci, którzy korzystają z aplikacji, rzadziej odchodzą."),
    ("foreign-word", "Pelanggan prabayar lebih sensitif terhadap harga."),
    ("foreign-word", "Il y a trois segments: les fidèles, les hésitants et les partants."),
    ("foreign-word", "Tre mesi dopo, la metà dei clienti aveva già rinnovato."),
    # eponyms of methods and laws
    ("eponym", "A Pareto chart shows that a fifth of the customers bring most of the margin."),
    ("eponym", "We modelled tier movements as a Markov chain with monthly steps."),
    ("eponym", "The Bayes factor favoured the simpler model."),
    ("eponym", "Purchase counts per month follow a Poisson distribution reasonably well."),
    ("eponym", "Kaplan-Meier curves show survival by acquisition channel."),
    ("eponym", "The Gini coefficient of the scorecard was 0.62 on the holdout month."),
    ("eponym", "Tenure fits a Weibull distribution with a shape below one."),
    ("eponym", "A Cox proportional hazards model gives the effect of each driver on churn."),
    ("eponym", "Pearson correlation between NPS and churn was weak at customer level."),
    ("eponym", "We used a Wilcoxon test because the spend data were skewed."),
    ("eponym", "The Herfindahl index tells you how concentrated a market is."),
    ("eponym", "A Lorenz curve of revenue makes the concentration visible at a glance."),
    ("eponym", "Shapley values explained which features drove each churn score."),
    ("eponym", "A Dirichlet prior smoothed the response rates of small segments."),
    ("eponym", "The Kolmogorov-Smirnov statistic is still what most credit teams report."),
    ("eponym", "Bernoulli trials are a fair model for a single offer shown once."),
    ("eponym", "Fisher's exact test is the safe choice when a cell has fewer than five responders."),
    ("eponym", "Under a Gaussian assumption the confidence interval is symmetric, which spend is not."),
    ("eponym", "The Pareto/NBD model predicts how many purchases an active customer will make."),
    ("eponym", "Spearman rank correlation is robust to the outliers in revenue."),
    ("eponym", "A Markov-chain attribution model gave more credit to the welcome e-mail."),
    ("eponym", "We compared Kaplan–Meier estimates for prepaid and postpaid."),
    # generic descriptions (generalized re-identifying detail)
    ("generic-description", "I worked for a mid-sized bank in Southern Europe."),
    ("generic-description", "At a large mobile operator in South-East Asia, prepaid churn was the main problem."),
    ("generic-description", "One of the incumbents in a small Northern European market tried this first."),
    ("generic-description", "A regional insurer in Latin America ran a similar test."),
    ("generic-description", "Our client was a grocery chain with a few hundred stores."),
    ("generic-description", "The operator had several million subscribers, most of them prepaid."),
    ("generic-description", "A challenger bank in the Nordics used the same approach."),
    ("generic-description", "A utility in Western Europe found that paper bills predicted loyalty."),
    ("generic-description", "An airline in the Middle East segmented its members by route."),
    ("generic-description", "A large retailer in North America tested personalised coupons at scale."),
    ("generic-description", "A telco in East Africa bundled mobile money with airtime."),
    ("generic-description", "A cable operator in Central Europe lost customers to fibre."),
    ("generic-description", "A digital bank in Latin America grew mostly through referrals."),
    ("generic-description", "A department-store group in Asia ran its own credit card."),
    ("generic-description", "An e-commerce marketplace with millions of monthly buyers faced the same issue."),
    ("generic-description", "We were one of several operators in a mid-sized market."),
    ("generic-description", "A top-three insurer in a Western European country tried agent-led retention."),
    ("generic-description", "A state-owned utility in a small market had no competitor to lose customers to."),
    ("generic-description", "Our company had been through a merger some years before the project."),
    ("generic-description", "The brand was renamed at some point, which confused the older customers."),
    # rounded figures
    ("rounded-figure", "Churn was around 2% a month, a bit higher in the summer."),
    ("rounded-figure", "We had a few million customers and about a hundred branches."),
    ("rounded-figure", "Revenue was in the low billions, so a point of churn mattered."),
    ("rounded-figure", "Roughly a third of the base had never used the app."),
    ("rounded-figure", "The campaign reached about 500,000 customers over six weeks."),
    ("rounded-figure", "Market share was between 20% and 30%, depending on the quarter."),
    ("rounded-figure", "Response rates were in the single digits, as usual."),
    ("rounded-figure", "About 40% of calls to the save desk ended with a retained customer."),
    ("rounded-figure", "Average tenure was just over four years."),
    ("rounded-figure", "The model scored over ten million lines every night."),
    ("rounded-figure", "A saving of roughly one euro per customer per month adds up quickly."),
    ("rounded-figure", "Fewer than one in ten members redeemed points in a given year."),
    ("rounded-figure", "Upsell offers converted at around 3% in the app and 1% by e-mail."),
    ("rounded-figure", "The loyalty programme had several million members at its peak."),
    ("rounded-figure", "A typical store had a few thousand loyalty customers a week."),
    # generic team names, tiers, longer proper names that start with common words
    ("generic-team", "The Customer Value team and the Pricing team met every Tuesday."),
    ("generic-team", "Our Retention Squad owned the save desk and the win-back campaigns."),
    ("generic-team", "The Data Office approved every new attribute in the model."),
    ("generic-team", "Gold tier members got priority service; Silver tier members got a birthday offer."),
    ("generic-team", "The Target Operating Model put CVM next to product, not under marketing."),
    ("generic-team", "We used the Three Horizons model to plan the roadmap."),
    ("generic-team", "The Campaign Factory ran about forty campaigns a month."),
    ("generic-team", "The Insights Hub wrote the monthly churn review."),
    ("generic-team", "## Next Best Action\n\nThe decision logic sits between the models and the channels."),
    ("generic-team", "The Analytics Centre of Excellence reviewed every model before launch."),
    # marketing personas
    ("persona", "The Busy Parent segment wants fewer, shorter messages."),
    ("persona", "Budget Students switch as soon as a cheaper plan appears."),
    ("persona", "Our Loyal Veteran persona had been a customer for more than ten years."),
    ("persona", "Digital Natives never call; they churn in the app."),
    ("persona", "The Weekend Traveller persona books late and flies short."),
    ("persona", "Value Seekers respond to discounts, Status Seekers to recognition."),
    ("persona", "The Small Business Owner uses the same line for work and family."),
    ("persona", "Silent Leavers never complain before they go."),
    # literature citations from the book's list
    ("citation", "Loyalty economics are laid out in (Reichheld 1996)."),
    ("citation", "The buy-till-you-die family goes back to Schmittlein, Morrison and Colombo (1987)."),
    ("citation", "See Fader and Hardie (2007) for the probability models behind CLV."),
    ("citation", "Uplift modelling as we use it follows Radcliffe and Surry (2011)."),
    ("citation", "Gupta and Lehmann (2005) link customer value to firm value."),
    ("citation", "Ascarza (2018) shows that targeting the highest-risk customers is not the same as targeting those most likely to respond."),
    # headings, lists and tables of ordinary prose
    ("markdown", "| segment | churn | ARPU |\n|---|---:|---:|\n| prepaid | 4.1% | low |\n| postpaid | 1.2% | high |"),
    ("markdown", "### Why control groups matter\n\nWithout one, every campaign looks like a success."),
    ("markdown", "1. Define churn.\n2. Pick the window.\n3. Build the features.\n4. Only then train a model."),
    ("markdown", "> A retained customer who was never going to leave is a discount, not a save."),
    ("markdown", "**Rule of thumb:** measure incremental margin, not response rate."),
    ("markdown", "See [the glossary](../glossary.md) for *churn*, *attrition* and *lapse*."),
    ("markdown", "- `customer_id`: hashed\n- `tenure_months`: integer\n- `churn_flag`: 0 or 1"),
    ("markdown", "_Note_: the survival chart uses months since activation, not calendar months."),
    ("sentence-start", "Monday campaigns performed worse than Thursday campaigns in every test."),
    ("sentence-start", "Customers who call twice in a week are three times as likely to leave."),
    ("sentence-start", "Most churn models overfit to the last price change."),
    ("sentence-start", "Nobody owned the welcome journey until we made it a KPI."),
    ("sentence-start", "Winback offers work best in the first 30 days after cancellation."),
    ("sentence-start", "Premium customers expect recognition more than discounts."),
    ("sentence-start", "Retention is cheaper than acquisition, but only if you target well."),
    ("sentence-start", "Segments should be stable enough to run campaigns against."),
]


def negative_cases(scan: Scanner) -> Iterator[dict[str, Any]]:
    """Hard negatives; an eponym may share its spelling with a registered company (a
    method named after a person is not a leak, issue 14), nothing else may."""
    for sub, text in NEGATIVES:
        c = case("negative", sub, "none", text)
        clean(scan, c, "a hard negative", EPONYMS if sub == "eponym" else set())
        yield c


# --------------------------------------------------------------------- checks and output


def clean(scan: Scanner, c: dict[str, Any], what: str, allowed: frozenset[str] | set[str] = frozenset()) -> None:
    """Stop on a registry string in a case that claims to hold none."""
    hits = [h for h in scan.hits(c["text"]) if h.casefold() not in allowed]
    if hits:
        raise CaseError(f"{what} contains registry strings {hits}: {c['text']!r}")


def literature_surnames() -> set[str]:
    text = BIBLIOGRAPHY.read_text(encoding="utf-8")
    names: set[str] = set()
    for m in re.finditer(r"author\s*=\s*\{(.*)\},?\s*$", text, re.M):
        for person in m.group(1).split(" and "):
            surname = person.split(",")[0].strip("{} ")
            names.update(p.casefold() for p in surname.split())
    return names


def build() -> list[dict[str, Any]]:
    reg = load_registry()
    scan = Scanner(reg)
    rng = random.Random(SEED)
    banned = literature_surnames() | EPONYMS
    groups = [list(registered_cases(reg)), list(unregistered_cases(scan)),
              list(person_cases(rng, scan, banned)), list(reidentifying_cases(scan)),
              list(disguise_cases(reg, rng)), list(negative_cases(scan))]
    cases = [c for g in groups for c in g]
    texts = Counter(c["text"] for c in cases)
    dupes = [t for t, n in texts.items() if n > 1]
    if dupes:
        raise CaseError(f"duplicate texts: {dupes[:3]}")
    return [{"id": f"hld-{i:04d}", "split": "holdout", **c} for i, c in enumerate(cases, 1)]


def main() -> int:
    try:
        cases = build()
    except CaseError as exc:
        print(f"holdout_gen: {exc}", file=sys.stderr)
        return 1
    with OUT.open("w", encoding="utf-8") as out:
        for c in cases:
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    counts = Counter(c["category"] for c in cases)
    print(f"wrote {len(cases)} cases to {OUT.relative_to(ROOT)}: "
          + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
