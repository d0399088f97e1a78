"""The share cards (plain strings for share.py to draw): a region's or province's answer, and a page's national
counts. Also the badge a local government can embed (badge.py draws it from the same card)."""

from __future__ import annotations

from generator.judge.answers import Answer
from generator.model import Region
from generator.pictures.share import ShareCard
from generator.views.sharing import PageShare

SITE_COLOUR, SITE_INK = "#00695c", "#ffffff"  # the header's colours: white on #00695c is 6.6:1


def card_of(region: Region, answer: Answer, site: str, province: Region | None = None, members: int = 0,
            details: tuple[str, ...] = (), address: str = "") -> ShareCard:
    """The card of a region page (`province` is its province) or of a province page (`members`: its
    number of kabupaten/kota); `details`: the lines under the answer (its source and date)."""
    if region.is_province:
        context = f"Provinsi · {members} kabupaten/kota"
    elif province is not None:
        context = province.name
    else:
        raise ValueError(f"{region.name}: a kabupaten/kota card needs its province")
    return ShareCard(region.name, context, answer.status.label, answer.qualifier, not answer.certain,
                     answer.edition, answer.status.colour, answer.status.text_colour, site, details, address)


def page_card(share: PageShare, site: str) -> ShareCard:
    status = share.status
    return ShareCard(share.title, share.context, share.headline, "", False, share.edition,
                     status.colour if status else SITE_COLOUR, status.text_colour if status else SITE_INK, site,
                     share.details, share.address)
