"""The intervention tracker: by authority, status and due date; status marks and responses."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
