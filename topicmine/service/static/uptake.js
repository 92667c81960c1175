// 成果转化 page: reads /api/v1/uptake (stored links only) and renders it; all text is inserted as text.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function table(headers, rows) {
    const t = el("table", null, "tm-table");
    const tr = el("tr");
    headers.forEach((h) => tr.appendChild(el("th", h)));
    t.appendChild(el("thead")).appendChild(tr);
    const body = el("tbody");
    rows.forEach((r) => {
      const row = el("tr");
      r.forEach((c) => {
        const td = el("td");
        if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? "" : String(c);
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    t.appendChild(body);
    return t;
  }
  const pct = (x) => (x === null || x === undefined ? "—" : Math.round(x * 100) + "%");
  const GROUPS = [["year", "按年份"], ["handler", "按承办单位"], ["category", "按类别"], ["sector", "按界别"], ["member", "委员履职"]];
  const anchor = (item) => "ev-" + item;

  function renderSummary(s) {
    const box = $("summary");
    box.textContent = "";
    const sup = s.supervision || {};
    const parts = [["事项", s.items], ["已答复", s.replied], ["有采纳", s.adopted_items], ["仅有呼应", s.echo_only_items],
      ["督办事项", Object.values(sup).reduce((a, b) => a + b, 0)]];
    const ul = el("ul", null, "tm-summary");
    parts.forEach(([k, v]) => ul.appendChild(el("li", k + "：" + v)));
    box.appendChild(ul);
  }

  function renderSupervision(rows) {
    const box = $("supervision");
    box.textContent = "";
    if (!rows.length) { box.appendChild(el("p", "没有需要督办的事项。")); return; }
    box.appendChild(table(["类型", "事项", "原因", "承办单位", "证据"], rows.map((r) => {
      const a = el("a", "查看证据");
      a.href = "#" + anchor(r.item);
      return [r.kind, r.title, r.reason, r.unit || "", a];
    })));
  }

  function renderFigures(figs) {
    const box = $("figures");
    box.textContent = "";
    GROUPS.forEach(([g, name]) => {
      const rows = (figs[g] || []).slice(0, 15);
      if (!rows.length) return;
      box.appendChild(el("h3", name));
      box.appendChild(table([g === "member" ? "委员" : "分组", "事项", "已答复", "答复率", "有采纳", "采纳率", "仅有呼应", "重复", "相近"],
        rows.map((r) => [r.group, r.items, r.replied, pct(r.replied_rate), r.adopted, pct(r.adopted_rate), r.echo_only,
          r.duplicates || 0, r.similar || 0])));
    });
  }

  function renderEvidence(data) {
    const box = $("evidence");
    box.textContent = "";
    const byItem = new Map();
    const add = (item, title) => { if (!byItem.has(item)) byItem.set(item, { title, replies: [], uptake: [] }); return byItem.get(item); };
    data.replies.forEach((r) => add(r.item, r.title).replies.push(r));
    data.uptake.forEach((u) => add(u.item, u.title).uptake.push(u));
    data.supervision.forEach((s) => add(s.item, s.title));
    byItem.forEach((v, item) => {
      const art = el("article", null, "tm-evidence");
      art.id = anchor(item);
      art.appendChild(el("h3", v.title || "（无标题）"));
      v.replies.forEach((r) => {
        let line = "答复：" + r.outcome;
        if (r.unit) line += "（" + r.unit + "）";
        if (r.deadline && r.deadline.span) line += "；承诺期限“" + r.deadline.span + "”" + (r.deadline.due ? "（" + r.deadline.due + "）" : "");
        if (r.days !== null && r.days !== undefined) line += "；" + r.days + " 天后答复";
        art.appendChild(el("p", line));
        if (r.reasons && r.reasons.length) art.appendChild(el("p", "判断依据：" + r.reasons.join("；"), "hint"));
      });
      v.uptake.slice(0, 5).forEach((u) => art.appendChild(el("p", u.statement || "", u.level === "采纳" ? "tm-adopt" : "hint")));
      if (!v.replies.length && !v.uptake.length) art.appendChild(el("p", "尚无答复，也未见后续文本写入相关举措。", "hint"));
      box.appendChild(art);
    });
  }

  async function load() {
    const params = new URLSearchParams();
    if ($("today").value) params.set("today", $("today").value);
    params.set("reply_days", $("reply-days").value || "90");
    $("status").textContent = "正在读取……";
    try {
      const resp = await fetch("/api/v1/uptake?" + params.toString());
      const data = await resp.json();
      if (!resp.ok) { $("status").textContent = (data.error && data.error.message) || "读取失败"; return; }
      renderSummary(data.summary);
      renderSupervision(data.supervision);
      renderFigures(data.figures);
      renderEvidence(data);
      $("status").textContent = "已读取。";
    } catch (e) {
      $("status").textContent = "读取失败：服务无响应";
    }
  }
  document.addEventListener("DOMContentLoaded", () => {
    $("load-btn").addEventListener("click", load);
    load();
  });
})();
