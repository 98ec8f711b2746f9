"""The stations this one exchanges packages with, as the sync screens list them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from huimin_desktop.services.enrollment import PeerInfo
    from huimin_desktop.services.station import Station


def lower_peers(station: Station, *, include_revoked: bool = True) -> list[PeerInfo]:
    """The stations this one enrolled (relation "lower"), the revoked ones too unless told otherwise."""
    return [
        peer
        for peer in station.enrollment.peers()
        if peer.relation == "lower" and (include_revoked or not peer.revoked)
    ]
