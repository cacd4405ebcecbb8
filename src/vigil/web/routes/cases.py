"""Cases: the list, one case (timeline, parties, events, interventions, documents, network)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
