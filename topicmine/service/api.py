"""JSON endpoints under /api/v1 — thin: parse, call topicmine.pipeline, shape the answer."""

from __future__ import annotations

import hmac
import json
from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from topicmine.service import schemas
from topicmine.text.names import GENRE_ZH
from topicmine.service.workgate import model_work

router = APIRouter()

GENRES = tuple(GENRE_ZH)  # motion, proposal, opinion, keep — one source: topicmine.text.names


def _ws(request: Request):
    return request.app.state.workspace


def require_api_key(request: Request, x_api_key: Optional[str] = Header(None, description="API key (when service.api_key is set)")) -> None:
    """Write endpoints need the key when one is configured; compared in constant time, never logged."""
    expected = request.app.state.settings.service.api_key
    if not expected:
        return
    try:
        # header values arrive as latin-1 text; its bytes are what the client sent (UTF-8 for a non-ASCII key)
        given = (x_api_key or "").encode("latin-1")
    except UnicodeEncodeError:
        given = b""
    if not hmac.compare_digest(given, expected.encode("utf-8")):
        raise HTTPException(status_code=401, detail="missing or wrong X-API-Key header")


@router.get("/health", tags=["service"], response_model=schemas.Health)
def health(request: Request) -> dict[str, Any]:
    """Liveness and what the corpus holds."""
    from topicmine import pipeline

    out = {**pipeline.health(_ws(request)), "warmed_up": bool(request.app.state.warmup.get("done"))}
    out.pop("workdir", None)  # a server path tells an unauthenticated caller nothing it needs
    out["busy"] = request.app.state.model_gate.busy()
    return out


# ---- split ------------------------------------------------------------------------------------
_SPLIT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": schemas.SplitRequest.model_json_schema(ref_template="#/components/schemas/{model}")},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": ".docx / .txt / .md report"},
                        "text": {"type": "string"},
                        "overrides": {"type": "string", "description": "JSON object {unit_id: genre}"},
                    },
                }
            },
        },
    }
}


@router.post(
    "/api/v1/split",
    tags=["drafts"],
    response_model=schemas.SplitResponse,
    dependencies=[Depends(require_api_key)],
    openapi_extra=_SPLIT_BODY,
    summary="Split a 调研报告 into 建议案 / 提案 / 社情民意信息 drafts",
)
async def split(request: Request) -> dict[str, Any]:
    """Pasted text (JSON ``{"text": ...}``) or an uploaded file (multipart ``file``); ``overrides`` change a unit's genre."""
    from topicmine import pipeline

    ws = _ws(request)
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data"):
        text, overrides, title = await _read_multipart(request)
    elif ctype.startswith("application/json"):
        body = await _json_body(request)
        try:
            req = schemas.SplitRequest.model_validate(body)
        except ValidationError as exc:
            raise _validation(exc) from None
        text, overrides, title = req.text, req.overrides or {}, req.title
    else:
        raise HTTPException(status_code=415, detail="请以 JSON {\"text\": 报告全文} 或表单上传文件（multipart/form-data）提交报告")
    _check_text_limit(text)  # the same limit for pasted JSON, a multipart field and an uploaded file
    return await model_work(request, pipeline.split, ws, text, overrides=overrides, title=title)


def _check_text_limit(text: str) -> None:
    if len(text) > schemas.MAX_TEXT:
        raise HTTPException(
            status_code=422,
            detail=f"text: 报告过长（{len(text)} 字符，上限 {schemas.MAX_TEXT}）；请分章节提交",
        )


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(status_code=400, detail=f"请求内容不是有效的 JSON：{exc}") from None
    except ValueError as exc:  # an integer of more than 4,300 digits: Python refuses to build it
        raise HTTPException(status_code=400, detail=f"请求内容含无法读取的数值：{str(exc)[:120]}") from None


def _validation(exc: ValidationError) -> HTTPException:
    msg = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
    return HTTPException(status_code=422, detail=msg)


async def _read_multipart(request: Request) -> tuple[str, dict[str, str], Optional[str]]:
    from topicmine import pipeline

    settings = request.app.state.settings.service
    limit = int(settings.max_upload_mb * 1024 * 1024)
    try:
        form = await request.form(max_files=1, max_fields=10)
    except StarletteHTTPException:  # e.g. 413 from the body-limit middleware while streaming
        raise
    except Exception as exc:  # malformed multipart
        raise HTTPException(status_code=400, detail=f"上传表单格式有误：{exc}") from None
    overrides: dict[str, str] = {}
    if form.get("overrides"):
        try:
            overrides = schemas.parse_overrides(json.loads(str(form["overrides"])))
        except (json.JSONDecodeError, ValueError) as exc:
            raise HTTPException(status_code=422, detail=f"文种指定（overrides）有误：{exc}") from None
    upload = form.get("file")
    if upload is not None and hasattr(upload, "read"):
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(status_code=413, detail=f"上传文件超过 {settings.max_upload_mb:g} MB（service.max_upload_mb）：请压缩或拆分后再传")
        # the client's file name is used for its extension only, never as a path
        text = await run_in_threadpool(pipeline.read_upload, _ws(request), upload.filename or "", data)
        return text, overrides, None
    text = form.get("text")
    if not isinstance(text, str) or not text.strip():
        raise HTTPException(status_code=422, detail="请上传报告文件（.docx/.txt/.md）或粘贴报告全文")
    return text, overrides, None


# ---- check ------------------------------------------------------------------------------------
@router.post("/api/v1/check", tags=["drafts"], response_model=schemas.CheckResponse, dependencies=[Depends(require_api_key)],
             summary="Check a draft against the official rules (一事一案, 情况–分析–建议, length, 不予立案 grounds, history)")
async def check(req: schemas.CheckRequest, request: Request) -> dict[str, Any]:
    """Every check says what is wrong and where (character offsets)."""
    from topicmine import pipeline

    return await model_work(request, pipeline.check_draft, _ws(request), req.text, genre=req.genre, title=req.title)


# ---- export ------------------------------------------------------------------------------------
@router.post(
    "/api/v1/export",
    tags=["drafts"],
    dependencies=[Depends(require_api_key)],
    responses={200: {"content": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}, "text/markdown": {}}}},
    summary="Export a draft as .docx (GB/T 9704 style), Markdown or JSON",
)
async def export(req: schemas.ExportRequest, request: Request) -> Response:
    """Returns the file; the name is built from the draft title (never a client path)."""
    from topicmine import pipeline

    # under the work gate like the model work: bounded in size (schemas.MAX_EXPORT_*) and in how many run at once
    data, media, filename = await model_work(request, pipeline.export_draft, _ws(request), req.draft.model_dump(),
                                             fmt=req.format)
    from urllib.parse import quote

    # the name comes from the draft title with separators and control characters removed (pipeline)
    ext = filename.rsplit(".", 1)[-1]
    disposition = f"attachment; filename=\"draft.{ext}\"; filename*=UTF-8''{quote(filename, safe='')}"
    return Response(content=data, media_type=media, headers={"content-disposition": disposition})



@router.post(
    "/api/v1/export-all",
    tags=["drafts"],
    dependencies=[Depends(require_api_key)],
    responses={200: {"content": {"application/zip": {}}}},
    summary="Download every draft of a split as one .zip (.docx or Markdown)",
)
async def export_all(req: schemas.ExportAllRequest, request: Request) -> Response:
    """One file per draft, named "01_提案_关于……的提案.docx", in a zip named 拆分稿件.zip."""
    from urllib.parse import quote

    from topicmine import pipeline

    data = await model_work(request, pipeline.export_all, _ws(request), [d.model_dump() for d in req.drafts],
                            fmt=req.format)
    disposition = f"attachment; filename=\"drafts.zip\"; filename*=UTF-8''{quote('拆分稿件.zip', safe='')}"
    return Response(content=data, media_type="application/zip", headers={"content-disposition": disposition})


# ---- similar / search ------------------------------------------------------------------------
@router.get("/api/v1/similar", tags=["corpus"], response_model=schemas.SimilarResponse, dependencies=[Depends(require_api_key)], summary="Past items similar to a text (重复/相近/相关)")
async def similar(
    request: Request,
    text: str = Query(..., min_length=1, max_length=schemas.MAX_SIMILAR_TEXT, description="Draft or passage text"),
    limit: int = Query(10, ge=1, le=50, description="How many items"),
) -> dict[str, Any]:
    """The most similar past proposals, replies and report passages, with level, score and highlighted spans."""
    from topicmine import pipeline

    return await model_work(request, pipeline.similar_items, _ws(request), text, limit=limit)


@router.post("/api/v1/similar", tags=["corpus"], response_model=schemas.SimilarResponse, dependencies=[Depends(require_api_key)],
             summary="Past items similar to a long text (POST: up to 20,000 characters of Chinese)")
async def similar_post(req: schemas.SimilarRequest, request: Request) -> dict[str, Any]:
    """The same answer as GET ``/api/v1/similar``, for texts too long for a URL."""
    from topicmine import pipeline

    return await model_work(request, pipeline.similar_items, _ws(request), req.text, limit=req.limit)


@router.get("/api/v1/search", tags=["corpus"], response_model=schemas.SearchResponse, summary="Hybrid keyword + semantic search")
async def search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=500, description="Query words or a sentence"),
    type: Optional[str] = Query(None, max_length=200, description="Doc types, comma-separated (proposal,gov_report,…)"),
    region: Optional[str] = Query(None, max_length=50, description="Region, e.g. 江苏省"),
    year_from: Optional[int] = Query(None, ge=1900, le=2100, description="First year"),
    year_to: Optional[int] = Query(None, ge=1900, le=2100, description="Last year"),
    limit: int = Query(10, ge=1, le=100, description="How many hits"),
    mode: Literal["hybrid", "keyword", "semantic"] = Query("hybrid", description="Retrieval mode"),
) -> dict[str, Any]:
    """Ranked passages with snippets (query words in 【】) and their source."""
    from topicmine import pipeline

    kw = dict(doc_types=type, region=region, year_from=year_from, year_to=year_to, limit=limit, mode=mode)
    if mode == "keyword":  # FTS only: no model, no queue
        hits = await run_in_threadpool(pipeline.search, _ws(request), q, **kw)
    else:
        hits = await model_work(request, pipeline.search, _ws(request), q, **kw)
    return {"query": q, "hits": hits}
