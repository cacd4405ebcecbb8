"""Parties: names and scripts, roles across documents, merge suggestions, merge and split."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
