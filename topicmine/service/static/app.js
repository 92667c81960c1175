// The drafters' page. Every piece of document text goes in through textContent / text nodes
// (never innerHTML), so a report containing <script> shows as text; the CSP forbids inline script too.
"use strict";

// genre names come from the server (topicmine.text.names, derived from records) in a JSON data block
const PAGE_META = JSON.parse((document.getElementById("topicmine-meta") || {}).textContent || "{}");
const GENRES = PAGE_META.genres || {};
const SEVERITY = { error: "必改", warning: "提示", info: "参考" };
// what the drafter last touched decides the input: a newly pasted text is not overridden by an old file
let inputSource = "text";
let lastText = "";
let lastFile = null;
let lastResult = null;
// genres the user chose ({unit_id: genre}); kept across regenerations, sent with every split
let userOverrides = {};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function setStatus(msg, isError) {
  const s = document.getElementById("status");
  s.textContent = msg;
  s.className = isError ? "error" : "";
}

function headers(json) {
  const h = {};
  if (json) h["Content-Type"] = "application/json";
  const key = document.getElementById("api-key").value;
  if (key) h["X-API-Key"] = key;
  return h;
}

async function errorMessage(resp) {
  try {
    const body = await resp.json();
    if (body && body.error) return body.error.message;
  } catch (e) { /* not JSON */ }
  return "请求失败（HTTP " + resp.status + "）";
}

async function runSplit() {
  const btns = document.querySelectorAll("button");
  btns.forEach(b => (b.disabled = true));
  setStatus("正在分析报告……");
  try {
    const overrides = Object.keys(userOverrides).length ? userOverrides : null;
    let resp;
    if (lastFile) {
      const form = new FormData();
      form.append("file", lastFile);
      if (overrides) form.append("overrides", JSON.stringify(overrides));
      resp = await fetch("/api/v1/split", { method: "POST", body: form, headers: headers(false) });
    } else {
      const body = { text: lastText };
      if (overrides) body.overrides = overrides;
      resp = await fetch("/api/v1/split", { method: "POST", body: JSON.stringify(body), headers: headers(true) });
    }
    if (!resp.ok) throw new Error(await errorMessage(resp));
    lastResult = await resp.json();
    renderUnits(lastResult.units || [], lastResult.groups || []);
    renderDrafts(lastResult.drafts || [], lastResult.overlaps || []);
    setStatus("完成：" + (lastResult.units || []).length + " 条建议，" + (lastResult.drafts || []).length + " 份草稿。");
  } catch (e) {
    setStatus(e.message, true);
  } finally {
    btns.forEach(b => (b.disabled = false));
  }
}

function renderUnits(units, groups) {
  const box = document.getElementById("units");
  box.replaceChildren();
  // the matter each suggestion belongs to (the report's own heading, e.g. "补齐新建小区公交服务短板"): a list item
  // "1.交通运输部门对新建小区……" has no lead phrase of its own, so its heading would only repeat its text
  const matterOf = {};
  for (const g of groups || []) for (const id of g.unit_ids || []) if (g.heading) matterOf[id] = g.heading;
  for (const u of units) {
    const select = el("select", { "data-unit": u.id, "aria-label": "文种（" + u.id + "）" });
    for (const [g, label] of Object.entries(GENRES)) {
      const opt = el("option", { value: g, text: label });
      if (g === u.genre) opt.selected = true;
      select.append(opt);
    }
    select.addEventListener("change", () => { userOverrides[u.id] = select.value; });
    const reasons = el("ul", { class: "reasons" });
    for (const r of u.genre_reasons || u.reasons || []) reasons.append(el("li", { text: plainReason(r) }));
    // office users see the matter's heading; ids, offsets and scores are for reviewers (详情)
    const matter = matterOf[u.id] || u.heading || "";
    const matterLine = matter && !(u.text || "").includes(matter) ? "事项：" + matter : "";
    const details = el("details", { class: "details" }, el("summary", { text: "详情" }),
      el("div", { class: "where", text: [u.id, u.group ? "事项 " + u.group : "", "原文 " + u.start + "–" + u.end,
        (u.support || []).length ? "依据段落 " + u.support.length + " 段" : ""].filter(Boolean).join(" · ") }),
      reasons);
    box.append(el("div", { class: "unit", "data-unit-id": u.id },
      el("div", {}, el("div", { class: "text", text: u.text || "" }),
        matterLine ? el("div", { class: "where matter", text: matterLine }) : null, details),
      el("div", {}, select, userOverrides[u.id] ? el("div", { class: "where", text: "已手动指定" }) : null)));
  }
  document.getElementById("units-panel").hidden = units.length === 0;
}

function highlighted(text, spans) {
  // spans: [[start, end], ...] into text; text nodes and <mark> only, so text stays text
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const [a, b] of (spans || []).slice().sort((x, y) => x[0] - y[0])) {
    if (a < pos || b > text.length || b <= a) continue;
    frag.append(document.createTextNode(text.slice(pos, a)));
    frag.append(el("mark", { text: text.slice(a, b) }));
    pos = b;
  }
  frag.append(document.createTextNode(text.slice(pos)));
  return frag;
}

function excerpt(item) {
  // a past document can be long: show the part around the shared spans (offsets b_* into item.text)
  const text = item.text || item.snippet || "";
  const spans = (item.spans || []).map(s => Array.isArray(s) ? s : [s.b_start, s.b_end])
    .filter(s => Number.isInteger(s[0]) && Number.isInteger(s[1]));
  if (text.length <= 320 || !spans.length) {
    return highlighted(text.length > 320 ? text.slice(0, 320) + "……" : text, text.length > 320 ? [] : spans);
  }
  const a = Math.max(0, Math.min(...spans.map(s => s[0])) - 60);
  const b = Math.min(text.length, a + 320);
  const frag = document.createDocumentFragment();
  if (a > 0) frag.append("……");
  frag.append(highlighted(text.slice(a, b), spans.filter(s => s[0] >= a && s[1] <= b).map(s => [s[0] - a, s[1] - a])));
  if (b < text.length) frag.append("……");
  return frag;
}

function quoteSpans(text, spans) {
  // where a check points: the first spans quoted from the draft text
  const parts = (spans || []).slice(0, 2).map(([a, b]) => {
    const q = (text || "").slice(a, b);
    return "“" + (q.length > 30 ? q.slice(0, 30) + "…" : q) + "”";
  }).filter(q => q.length > 2);
  return parts.length ? "（位置：" + parts.join("，") + "）" : "";
}

function renderDrafts(drafts, overlaps) {
  const box = document.getElementById("drafts");
  box.replaceChildren();
  // two drafts of the report on nearly one matter: say so above the drafts ("第2份与第4份事项相近……")
  for (const o of overlaps || []) {
    box.append(el("p", { class: "overlap", text: o.message + "：《" + (o.titles || []).join("》《") + "》。" }));
  }
  drafts = drafts.slice();
  drafts.forEach((d, i) => {
    const card = el("article", { class: "draft", "data-genre": d.genre, "data-units": (d.unit_ids || []).join(" ") });
    card.append(el("h3", {}, el("span", { class: "badge", text: GENRES[d.genre] || d.genre }),
      el("span", { class: "title", text: d.title || "" })));
    card.append(el("div", { class: "where", text: d.chars ? d.chars + " 字" : "" }));
    if ((d.genre_reasons || []).length) {
      const why = el("details", {}, el("summary", { text: "文种判断理由" }));
      const ul = el("ul", { class: "reasons" });
      for (const r of d.genre_reasons) ul.append(el("li", { text: plainReason(r) }));
      why.append(ul);
      card.append(why);
    }
    // the draft as editable text: what is downloaded is what the drafter left here
    const editor = el("textarea", { class: "editor", rows: "16", "aria-label": "编辑稿件：" + (d.title || "") });
    editor.value = draftText(d);
    editor.addEventListener("input", () => { drafts[i] = fromText(d, editor.value); });
    card.append(el("label", { class: "hint", text: "可直接修改稿件（标题、表单、正文），下载时按修改后的内容生成：" }), editor);
    card.append(el("details", { class: "details" }, el("summary", { text: "详情" }),
      el("div", { class: "where", text: [d.id, (d.unit_ids || []).length ? "来自建议 " + d.unit_ids.join("、") : "",
        Object.entries(d.genre_scores || {}).map(([g, v]) => (GENRES[g] || g) + " " + v).join("，")].filter(Boolean).join(" · ") })));
    const checks = el("ul", { class: "checks" });
    for (const c of d.checks || []) {
      const sev = c.severity || "error";
      const cls = c.passed ? "ok" : (sev === "error" ? "bad" : "warn");
      // a passed check is not something to fix: only failed ones carry 必改/提示
      const tag = c.passed ? (sev === "info" ? "参考" : "通过") : (SEVERITY[sev] || sev);
      checks.append(el("li", { class: cls, "data-check": c.name },
        el("span", { class: "sev", text: "[" + tag + "] " }),
        (c.message || c.name) + (c.passed ? "" : quoteSpans(d.text, c.spans))));
    }
    card.append(el("h4", { text: "规范检查" + (d.passed === false ? "（未通过）" : d.passed ? "（通过）" : "") }), checks);
    const sim = d.similar || [];
    if (sim.length) {
      const s = el("div", { class: "similar" }, el("strong", { text: "历史相似材料（高亮为与草稿相同的文字）：" }));
      for (const it of sim.slice(0, 5)) {
        const meta = [it.level, it.doc_type_zh || it.doc_type, it.year, it.author].filter(Boolean).join(" · ");
        s.append(el("div", { class: "item", "data-level": it.level || "" },
          el("div", { class: "sim-title" }, (it.title || "（无标题）") + "（" + meta + "）"),
          it.context ? el("div", { class: "where", text: it.context }) : null,
          el("div", { class: "sim-text" }, excerpt(it))));
      }
      card.append(s);
    }
    const dl = el("button", { type: "button", class: "secondary", "data-draft": String(i), text: "下载 .docx" });
    dl.addEventListener("click", () => download(drafts[i]));
    card.append(dl);
    box.append(card);
  });
  document.getElementById("drafts-panel").hidden = drafts.length === 0;
  currentDrafts = drafts;
}

let currentDrafts = [];

function plainReason(r) {
  // scores are for reviewers: "建议文种：提案（得分 …）" → "建议文种：提案"
  return String(r).replace(/（得分[^）]*）/g, "");
}

function draftText(d) {
  const lines = [d.title || ""].concat(d.front || []);
  const CN = "一二三四五六七八九十";
  (d.sections || []).forEach((s, k) => {
    lines.push((CN[k] || String(k + 1)) + "、" + s.heading);
    for (const p of s.paragraphs || []) lines.push(typeof p === "string" ? p : p.text);
  });
  return lines.concat(d.back || []).join("\n");
}

const FORM_RE = /^(提案人|界别|联系方式|建议承办单位|主送|落款|日期|反映人及单位|反映人)[：:]/;

function fromText(d, text) {
  // the edited text back into a draft: first line title, "一、…" lines start sections, form lines kept
  const lines = text.split("\n").map(x => x.trim()).filter(Boolean);
  const out = { genre: d.genre, genre_zh: d.genre_zh, title: lines[0] || d.title, front: [], back: [], sections: [] };
  for (const ln of lines.slice(1)) {
    const m = ln.match(/^[一二三四五六七八九十]、(.{1,12})$/);
    if (m) { out.sections.push({ heading: m[1], paragraphs: [] }); continue; }
    if (FORM_RE.test(ln)) { (out.sections.length ? out.back : out.front).push(ln); continue; }
    if (!out.sections.length) out.sections.push({ heading: "", paragraphs: [] });
    out.sections[out.sections.length - 1].paragraphs.push({ text: ln, kind: "body" });
  }
  return out;
}

async function downloadAll() {
  setStatus("正在打包全部稿件……");
  try {
    const resp = await fetch("/api/v1/export-all", { method: "POST", headers: headers(true),
      body: JSON.stringify({ drafts: currentDrafts, format: "docx" }) });
    if (!resp.ok) throw new Error(await errorMessage(resp));
    const url = URL.createObjectURL(await resp.blob());
    const a = el("a", { href: url, download: "拆分稿件.zip" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    setStatus("已下载：拆分稿件.zip（" + currentDrafts.length + " 件）");
  } catch (e) {
    setStatus(e.message, true);
  }
}

async function download(draft) {
  setStatus("正在生成 .docx……");
  try {
    const resp = await fetch("/api/v1/export", { method: "POST", headers: headers(true), body: JSON.stringify({ draft: draft, format: "docx" }) });
    if (!resp.ok) throw new Error(await errorMessage(resp));
    const blob = await resp.blob();
    const name = (draft.title || "草稿").replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "").slice(0, 60) + ".docx";
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    setStatus("已下载：" + name);
  } catch (e) {
    setStatus(e.message, true);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const fileInput = document.getElementById("report-file");
  const textArea = document.getElementById("report-text");
  fileInput.addEventListener("change", () => {
    inputSource = fileInput.files[0] ? "file" : "text";
    if (fileInput.files[0]) setStatus("将使用文件：" + fileInput.files[0].name + "（粘贴新文字则改用文字）");
  });
  textArea.addEventListener("input", () => {
    if (inputSource === "file") { fileInput.value = ""; setStatus("将使用粘贴的文字（已取消所选文件）"); }
    inputSource = "text";
  });
  document.getElementById("download-all").addEventListener("click", () => downloadAll());
  document.getElementById("split-btn").addEventListener("click", () => {
    const f = fileInput.files[0];
    lastFile = inputSource === "file" && f ? f : null;
    lastText = textArea.value;
    if (!lastFile && !lastText.trim()) { setStatus("请先粘贴报告全文或选择文件。", true); return; }
    userOverrides = {};  // a new report: earlier choices referred to other units
    runSplit();
  });
  document.getElementById("regen-btn").addEventListener("click", () => runSplit());
});
