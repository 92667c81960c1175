"""成果转化 endpoints: read the stored links, 督办 list and figures; never recompute in a request.

The links are refreshed by ``topicmine uptake`` (or the nightly job); these endpoints only read them, so a
request never loads the embedding model.
"""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

router = APIRouter()


def _report(request: Request, today: Optional[str], reply_days: int, echo_months: int) -> dict[str, Any]:
    from topicmine.uptake.report import uptake_report

    return uptake_report(request.app.state.workspace, today=today, reply_days=reply_days, echo_months=echo_months,
                         refresh=False)


@router.get("/api/v1/uptake", tags=["uptake"], summary="成果转化：答复、采纳、督办与评价（读取已存关联）")
async def uptake(
    request: Request,
    today: Optional[str] = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="督办基准日期 YYYY-MM-DD"),
    reply_days: int = Query(90, ge=1, le=3650, description="超过多少天未答复列入督办"),
    echo_months: int = Query(12, ge=1, le=120, description="多少个月后仍只有呼应列入督办"),
) -> dict[str, Any]:
    """Summary, reply links with outcome and deadline, uptake links with the ask ↔ passage alignment,
    the 督办 list (each row with its reason) and the 评价 figures."""
    return await run_in_threadpool(_report, request, today, reply_days, echo_months)


@router.get("/api/v1/uptake/supervision", tags=["uptake"], summary="督办清单（每行附原因）")
async def supervision(
    request: Request,
    today: Optional[str] = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="督办基准日期 YYYY-MM-DD"),
    reply_days: int = Query(90, ge=1, le=3650),
    echo_months: int = Query(12, ge=1, le=120),
) -> dict[str, Any]:
    res = await run_in_threadpool(_report, request, today, reply_days, echo_months)
    return {"summary": res["summary"]["supervision"], "rows": res["supervision"]}


_PAGE = __import__("pathlib").Path(__file__).parent / "templates" / "uptake.html"


@router.get("/uptake", include_in_schema=False)
def uptake_page() -> Any:
    """The 成果转化 page: 督办 list with reasons and links to the evidence, figures by year/unit/category/界别,
    members' 履职 profiles (static HTML; ``static/uptake.js`` reads /api/v1/uptake)."""
    from fastapi.responses import HTMLResponse

    return HTMLResponse(_PAGE.read_text(encoding="utf-8"), media_type="text/html; charset=utf-8")
