"""Bare stock tickers count only where the text quotes them as tickers (names.tickers)."""

from __future__ import annotations

import pytest

from cvmbok.findings import Severity
from cvmbok.names.registry import Company, Registry
from cvmbok.names.tickers import tickers

REGISTRY = Registry((Company("Zemblor Air", industry="airline", tickers=("ZMB", "NYSE: ZMB")),))


@pytest.mark.parametrize("text", [
    "The stock (ticker ZMB) fell after the results.",
    "ZMB shares rose after the fare change.",
    "The company is listed as ZMB on the exchange.",
    "Analysts watched ZMB.L all week.",
    "Half the team held $ZMB.",
    "The ZMB share price halved.",
    "Our symbol: ZMB.",
    "At ZMB we called it the value register.",
    "Before that I worked at ZMB for six years.",
])
def test_a_ticker_in_ticker_context_is_an_error(text: str) -> None:
    flags = list(tickers(text, REGISTRY))
    assert [(text[f.start:f.end], f.severity) for f in flags] == [("ZMB", Severity.ERROR)]
    assert "Zemblor Air" in flags[0].message


@pytest.mark.parametrize("text", [
    "Our ZMB team met on Monday.",
    "The ZMB shares the plan with every market.",
    "zmb shares rose.",
    "XZMB shares rose.",
    "The fares at ZMB rose in spring.",
])
def test_a_ticker_without_ticker_context_is_silent(text: str) -> None:
    assert list(tickers(text, REGISTRY)) == []


def test_exchange_qualified_forms_are_not_bare_tickers() -> None:
    assert set(REGISTRY.ticker_owners()) == {"ZMB"}
