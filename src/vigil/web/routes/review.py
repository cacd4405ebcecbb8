"""The review queue: suggestions in their source sentence; accept, edit, reject, skip; bulk."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
