// The drafters' page. Every piece of document text goes in through textContent
// (never innerHTML), so a report containing <script> shows as text.
"use strict";

const GENRES = { motion: "建议案", proposal: "提案", opinion: "社情民意信息", keep: "保留在报告中" };
let lastText = "";
let lastFile = null;
let lastResult = null;

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

async function runSplit(overrides) {
  const btns = document.querySelectorAll("button");
  btns.forEach(b => (b.disabled = true));
  setStatus("正在分析报告……");
  try {
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
    renderUnits(lastResult.units || []);
    renderDrafts(lastResult.drafts || []);
    setStatus("完成：" + (lastResult.units || []).length + " 条建议，" + (lastResult.drafts || []).length + " 份草稿。");
  } catch (e) {
    setStatus(e.message, true);
  } finally {
    btns.forEach(b => (b.disabled = false));
  }
}

function renderUnits(units) {
  const box = document.getElementById("units");
  box.replaceChildren();
  for (const u of units) {
    const select = el("select", { "data-unit": u.id, "aria-label": "文种" });
    for (const [g, label] of Object.entries(GENRES)) {
      const opt = el("option", { value: g, text: label });
      if (g === u.genre) opt.selected = true;
      select.append(opt);
    }
    const reasons = el("ul", { class: "reasons" });
    for (const r of u.reasons || []) reasons.append(el("li", { text: r }));
    const where = el("div", { class: "where", text: (u.section || "") + (u.start !== undefined ? "  [" + u.start + "–" + u.end + "]" : "") });
    box.append(el("div", { class: "unit", "data-unit-id": u.id },
      el("div", {}, el("div", { class: "text", text: u.text || "" }), where, reasons),
      el("div", {}, select)));
  }
  document.getElementById("units-panel").hidden = units.length === 0;
}

function highlighted(text, spans) {
  // spans: [[start, end], ...] into text; build nodes so text stays text
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const [a, b] of (spans || []).slice().sort((x, y) => x[0] - y[0])) {
    if (a < pos || b > text.length) continue;
    frag.append(document.createTextNode(text.slice(pos, a)));
    frag.append(el("mark", { text: text.slice(a, b) }));
    pos = b;
  }
  frag.append(document.createTextNode(text.slice(pos)));
  return frag;
}

function renderDrafts(drafts) {
  const box = document.getElementById("drafts");
  box.replaceChildren();
  drafts.forEach((d, i) => {
    const card = el("article", { class: "draft", "data-genre": d.genre });
    card.append(el("h3", {}, el("span", { class: "badge", text: GENRES[d.genre] || d.genre }), d.title || ""));
    for (const s of d.sections || []) {
      const sec = el("div", { class: "sec" });
      if (s.heading) sec.append(el("h4", { text: s.heading }));
      for (const p of s.paragraphs || (s.text ? [s.text] : [])) sec.append(el("p", { text: typeof p === "string" ? p : p.text }));
      card.append(sec);
    }
    const checks = el("ul", { class: "checks" });
    for (const c of d.checks || []) checks.append(el("li", { class: c.passed ? "ok" : "bad", text: c.message || c.name }));
    card.append(checks);
    const sim = d.similar || [];
    if (sim.length) {
      const s = el("div", { class: "similar" }, el("strong", { text: "历史相似材料：" }));
      for (const it of sim.slice(0, 5)) {
        const meta = [it.level, it.doc_type_zh, it.year, it.author].filter(Boolean).join(" · ");
        s.append(el("div", { class: "item" }, el("div", {}, (it.title || "") + "（" + meta + "）"),
          el("div", {}, highlighted(it.text || it.snippet || "", it.spans || []))));
      }
      card.append(s);
    }
    const dl = el("button", { type: "button", class: "secondary", "data-draft": String(i), text: "下载 .docx" });
    dl.addEventListener("click", () => download(d));
    card.append(dl);
    box.append(card);
  });
  document.getElementById("drafts-panel").hidden = drafts.length === 0;
}

async function download(draft) {
  setStatus("正在生成 .docx……");
  try {
    const resp = await fetch("/api/v1/export", { method: "POST", headers: headers(true), body: JSON.stringify({ draft: draft, format: "docx" }) });
    if (!resp.ok) throw new Error(await errorMessage(resp));
    const blob = await resp.blob();
    const a = el("a", { href: URL.createObjectURL(blob), download: (draft.title || "草稿") + ".docx" });
    document.body.append(a);
    a.click();
    a.remove();
    setStatus("已下载：" + (draft.title || "草稿") + ".docx");
  } catch (e) {
    setStatus(e.message, true);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("split-btn").addEventListener("click", () => {
    const f = document.getElementById("report-file").files[0];
    lastFile = f || null;
    lastText = document.getElementById("report-text").value;
    if (!lastFile && !lastText.trim()) { setStatus("请先粘贴报告全文或选择文件。", true); return; }
    runSplit(null);
  });
  document.getElementById("regen-btn").addEventListener("click", () => {
    const overrides = {};
    document.querySelectorAll("select[data-unit]").forEach(s => { overrides[s.dataset.unit] = s.value; });
    runSplit(overrides);
  });
});
