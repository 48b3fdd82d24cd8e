"""The public company registry: built from the sources in the repository, large and
spread over every region and industry, classified by rule, validated on load, and
queryable by industry, market and size (for the re-identification check)."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cvmbok.names.build_registry import INITIALISM, read_lexicon
from cvmbok.names.registry import SIZE_BANDS, Registry, load_companies

from .conftest import ROOT, run_cvmbok

REGISTRY = ROOT / "styles" / "names" / "companies.yml"
SOURCES = ROOT / "styles" / "names" / "sources"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_companies(REGISTRY)


def region_of() -> dict[str, str]:
    """Country -> region from the mobile country codes (the first digit of an MCC is its region)."""
    regions: dict[str, str] = {}
    middle_east = range(415, 433)
    for row in csv.DictReader((SOURCES / "mcc-mnc" / "operators.csv").open(encoding="utf-8")):
        mcc = int(row["mcc"])
        first = row["mcc"][0]
        if first == "2" or first == "6" or mcc in middle_east:
            region = "Europe, Middle East and Africa"
        elif first == "3":
            region = "Latin America" if row["country"] in {"MX"} or 338 <= mcc <= 376 else "North America"
        elif first == "7":
            region = "Latin America"
        else:
            region = "Asia-Pacific"
        regions.setdefault(row["country"], region)
    return regions


def test_committed_registry_is_what_the_sources_give() -> None:
    """The generator runs offline from styles/names/sources/ and reproduces companies.yml byte for byte."""
    result = subprocess.run([sys.executable, "-m", "cvmbok.names.build_registry", "--check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr + "\nrun python -m cvmbok.names.build_registry and commit companies.yml"


def test_registry_covers_every_region_and_industry(registry: Registry) -> None:
    companies = registry.companies
    assert len(companies) >= 3000
    industries = Counter(c.industry for c in companies)
    for industry in ("telecom", "banking", "insurance", "retail", "airline", "utilities", "media"):
        assert industries[industry] >= 100, industry
    assert industries["software"] >= 100, "CVM software vendors"
    regions = region_of()
    per_region: Counter[str] = Counter()
    for company in companies:
        for region in {regions.get(m) for m in company.markets} - {None}:
            per_region[str(region)] += 1
    for region in ("Europe, Middle East and Africa", "Asia-Pacific", "Latin America", "North America"):
        assert per_region[region] >= 200, (region, per_region)
    assert all(c.markets for c in companies), [c.name for c in companies if not c.markets][:10]
    sized = [c for c in companies if c.size_band]
    assert len(sized) >= 0.7 * len(companies)
    assert {c.size_band for c in sized} == set(SIZE_BANDS)
    assert all(c.sources for c in companies)
    assert {s for c in companies for s in c.sources} == {"curated", "mcc-mnc", "openflights", "financedatabase", "indices"}


def test_every_source_has_its_provenance() -> None:
    for folder in ("mcc-mnc", "openflights", "financedatabase", "wordlists"):
        text = (SOURCES / folder / "SOURCE.yml").read_text(encoding="utf-8")
        for key in ("licence:", "read:", "taken:", "filtered:"):
            assert key in text, (folder, key)
        assert "repository:" in text or "packages:" in text


def test_ambiguity_classes_follow_the_rules(registry: Registry) -> None:
    classes = {(t.owner, t.text): t.ambiguity for t in registry.terms()}
    by_text: dict[str, set[str]] = {}
    for (_, text), cls in classes.items():
        by_text.setdefault(text, set()).add(cls)
    for text in ("Orange", "Three", "Target", "Next", "Smart", "EE", "BT", "Vivo", "Segment", "Amplitude", "SAP", "WOM"):
        assert by_text[text] == {"C"}, text
    for text in ("Vodafone", "Turkcell", "Telstra", "Safaricom", "Tealium"):
        assert by_text[text] == {"A"}, text
    for text in ("Crédit Agricole", "KPN", "LBG", "B&Q"):  # B&Q, KPN: initials that are no word
        assert by_text[text] == {"B"}, text
    for term in registry.terms():
        letters = sum(ch.isalnum() for ch in term.text)
        if term.rule != "leak.domain" and letters <= 3:
            initials = INITIALISM.fullmatch(term.text) is not None
            assert term.ambiguity == "C" or (initials and term.ambiguity == "B"), term.text
    for company in registry.companies:
        for text in company.tickers + company.short_forms:
            assert company.ambiguity_of(text) in ("B", "C"), (company.name, text)


def test_lexicon_decides_words_phrases_and_abbreviations() -> None:
    lexicon = read_lexicon()
    expected = {
        "Air One": "C", "Total Wireless": "B", "Delta Air Lines": "B", "Telefónica": "B", "Blau": "C", "Claro": "C", "CRM": "C", "ARPU": "C", "5G": "C",
        "Glo": "C", "Halifax": "A", "DAZN": "A", "Crédit Agricole": "B", "Orange S.A.": "B", "T-Mobile": "B", "Bank of Ireland": "A",
        "Vodafone": "A", "ABN AMRO": "A", "Turkcell": "A", "Deutsche Telekom": "A",
    }
    assert {text: lexicon.classify(text) for text in expected} == expected


def test_no_data_string_is_a_prose_abbreviation(registry: Registry) -> None:
    lexicon = read_lexicon()
    for term in registry.terms():
        if term.rule == "leak.domain":
            continue
        joined = " ".join(term.words)
        if joined in lexicon.prose:
            owner = next(c for c in registry.companies if c.name == term.owner)
            assert "curated" in owner.sources, term.text


def test_matching_counts_companies_by_industry_market_and_size(registry: Registry) -> None:
    slovenian = registry.matching(industry="telecom", market="SI")
    assert "Telekom Slovenije" in {c.name for c in slovenian}
    assert 2 <= len(slovenian) < 20
    large = registry.matching(industry="telecom", market="SI", size_band="large")
    assert len(large) <= len(slovenian)
    assert all(c.size_band in ("", "large") for c in large)
    assert len(registry.matching(industry="banking")) > len(registry.matching(industry="banking", market="DE"))


def test_tickers_are_found_in_text_in_capitals_only(tmp_path: Path) -> None:
    doc = tmp_path / "t.md"
    doc.write_text("We benchmarked our churn model against TMUS last year.\n\nThe tmus folder is unrelated.\n",
                   encoding="utf-8")
    result = run_cvmbok("check", "--only", "leaks", "--format", "json", doc.name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert '"match": "TMUS"' in result.stdout and '"line": 1' in result.stdout
    assert '"line": 3' not in result.stdout


@pytest.mark.parametrize(("entry", "message"), [
    ("{name: Zemblor Telecom, industry: telecom, markets: [Germany]}", "ISO 3166-1 alpha-2"),
    ("{name: Zemblor Telecom, industry: telecom, markets: [NO]}", "'NO' in quotes"),
    ("{name: Zemblor Telecom, industry: telecom, size: huge}", "size 'huge' is not one of small, medium, large, very large"),
    ("{name: Zemblor Telecom, industry: telecoms}", "industry 'telecoms' is not one of"),
    ("{name: Zemblor Telecom, industry: telecom, tickers: ZMB}", "tickers: must be a list"),
    ("{name: Zemblor Telecom, industry: telecom, ambiguity: {ZMB: C}}", "does not list"),
])
def test_malformed_entries_are_refused_with_the_reason(tmp_path: Path, entry: str, message: str) -> None:
    names = tmp_path / "names.yml"
    names.write_text(f"companies:\n  - {entry}\n", encoding="utf-8")
    doc = tmp_path / "d.md"
    doc.write_text("Plain text.\n", encoding="utf-8")
    result = run_cvmbok("check", "--only", "leaks", "--names", str(names), doc.name, cwd=tmp_path)
    assert result.returncode == 2
    assert "Zemblor Telecom" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_json_lines_and_yaml_give_the_same_registry(tmp_path: Path, registry: Registry) -> None:
    """The fast path (one JSON object per line) and the YAML reader agree; a hand-added YAML
    line (not JSON) makes the whole file load through YAML, as before."""
    import yaml

    lines = [line for line in REGISTRY.read_text(encoding="utf-8").splitlines() if line.startswith("- {")][:200]
    as_yaml = tmp_path / "companies.yml"
    as_yaml.write_text("".join("- " + yaml.safe_dump(yaml.safe_load(line[2:]), default_flow_style=True,
                                                     allow_unicode=True, width=1 << 16, sort_keys=False) for line in lines),
                       encoding="utf-8")
    as_json = tmp_path / "companies.json.yml"
    as_json.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_companies(as_yaml).companies == load_companies(as_json).companies == registry.companies[:200]
    mixed = tmp_path / "mixed.yml"
    mixed.write_text("\n".join(lines[:5]) + "\n- {name: Zemblor Telecom, industry: telecom, markets: [SI]}\n", encoding="utf-8")
    assert [c.name for c in load_companies(mixed).companies][-1] == "Zemblor Telecom"


def test_generator_check_reports_a_hand_edited_registry(tmp_path: Path) -> None:
    edited = tmp_path / "companies.yml"
    edited.write_text(REGISTRY.read_text(encoding="utf-8") + "- {name: Zemblor Telecom, industry: telecom}\n",
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "cvmbok.names.build_registry", "--check", "--out", str(edited)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    assert "is not what styles/names/sources/ gives" in result.stderr and "Traceback" not in result.stderr


def extract(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cvmbok.names.registry_sources", *args, "--into", str(tmp_path / "out")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_extracts_keep_only_active_consumer_businesses(tmp_path: Path) -> None:
    import json

    mcc = tmp_path / "mcc.json"
    network = {"type": "National", "countryName": "Slovenia", "countryCode": "SI", "mcc": "293", "bands": "", "notes": ""}
    mcc.write_text(json.dumps([
        {**network, "mnc": "41", "brand": "Zemblor", "operator": "Zemblor d.d.", "status": "Operational"},
        {**network, "mnc": "42", "brand": "Quarnet", "operator": "Quarnet", "status": "Not operational"},
        {**network, "mnc": "43", "brand": "SZ GSM-R", "operator": "Slovenian Railways", "status": "Operational"},
        {**network, "mnc": "44", "brand": "Vexa", "operator": "Vexa", "status": "Operational", "type": "Test"},
    ]), encoding="utf-8")
    airlines = tmp_path / "airlines.dat"
    airlines.write_text('1,"Zemblor Air",\\N,"ZQ","ZQA","ZEMBLOR","Slovenia","Y"\n'
                        '2,"Quarn Airways",\\N,"QQ","QQA","QUARN","Slovenia","N"\n'
                        '3,"Vexa Wings",\\N,"VX","VXW","VEXA","Slovenia","Y"\n'
                        '4,"Air Berlin",\\N,"AB","BER","AIR BERLIN","Germany","Y"\n', encoding="utf-8")
    routes = tmp_path / "routes.dat"
    routes.write_text("ZQ,1,LJU,1,VIE,2,,0,320\nZQ,1,LJU,1,ZRH,3,,0,320\nAB,4,TXL,5,PMI,6,,0,320\n", encoding="utf-8")
    result = extract(tmp_path, "--mcc", str(mcc), "--airlines", str(airlines), "--routes", str(routes))
    assert result.returncode == 0, result.stderr
    assert [r["brand"] for r in rows(tmp_path / "out" / "mcc-mnc" / "operators.csv")] == ["Zemblor"]
    kept = rows(tmp_path / "out" / "openflights" / "airlines.csv")
    assert [(r["name"], r["routes"]) for r in kept] == [("Zemblor Air", "2")]  # Vexa has no routes, Air Berlin stopped


def test_extract_refuses_a_broken_source(tmp_path: Path) -> None:
    broken = tmp_path / "mcc.json"
    broken.write_text("[{", encoding="utf-8")
    result = extract(tmp_path, "--mcc", str(broken))
    assert result.returncode == 2 and "registry_sources:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
