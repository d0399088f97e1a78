"""Indonesian number and date formatting, independent of the process locale."""

from __future__ import annotations

import datetime as dt
import functools

from generator.model import Figure

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")


def integer(value: int) -> str:
    """1234567 -> '1.234.567'."""
    return f"{value:,}".replace(",", ".")


@functools.lru_cache(maxsize=4096)  # thresholds and common figures repeat on every page
def decimal(value: float, places: int = 2) -> str:
    """99.5 -> '99,5'; 100.0 -> '100'; 1234.5 -> '1.234,5'. Trailing zeros are dropped."""
    text = f"{value:,.{places}f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    whole = whole.replace(",", ".")
    return f"{whole},{frac}" if frac else whole


def percent(value: float | None) -> str:
    """99.12 -> '99,12 %'; None -> 'tidak dipublikasikan'."""
    return "tidak dipublikasikan" if value is None else f"{decimal(value)} %"


def figure(value: Figure | None) -> str:
    """An exact figure or a bound: '99,12 %', '> 85 %', '≥ 10 %'; None -> 'tidak dipublikasikan'."""
    return "tidak dipublikasikan" if value is None else f"{value.bound.symbol}{decimal(value.value)} %"


def date(value: dt.date | None) -> str:
    """2026-01-27 -> '27 Januari 2026'."""
    return "" if value is None else f"{value.day} {MONTHS[value.month - 1]} {value.year}"
