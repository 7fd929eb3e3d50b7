// The connector's operations page. Plain script, no libraries: it runs offline under a strict CSP (no inline code,
// requests to this app only). Every value from the API is put into the page as text, never as HTML.
"use strict";

(() => {
  const KEY_STORE = "connector-ops-key";
  const API = "ops";
  const WRITE_HEADER = "X-Ops-Request";
  const $ = (id) => document.getElementById(id);

  // ---- DOM helpers ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "class") node.setAttribute("class", value);
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, String(value));
    }
    children.flat().forEach((c) => c && node.append(c));
    return node;
  }

  function replace(container, ...children) {
    container.replaceChildren(...children.flat().filter((c) => c));
  }

  // A time in the browser's zone, with UTC in its tooltip.
  function time(iso) {
    if (!iso) return el("span", { text: "–" });
    const date = new Date(iso);
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2) return el("span", { text: "–" });
    return el("time", { datetime: date.toISOString(), title: date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC").replace("Z", " UTC") },
      date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }));
  }

  function statusPill(status) {
    return el("span", { class: "status-pill status-" + status, text: status });
  }

  function empty(text) {
    return el("p", { class: "empty", text });
  }

  function table(caption, headers, rows) {
    return el("table", {},
      el("caption", { class: "visually-hidden", text: caption }),
      el("thead", {}, el("tr", {}, headers.map((h) => typeof h === "string"
        ? el("th", { scope: "col", text: h })
        : el("th", { scope: "col", class: h.class, text: h.text })))),
      el("tbody", {}, rows));
  }

  // A datetime-local value (the browser's zone) as an ISO time, or "".
  function isoFromLocal(value) {
    if (!value) return "";
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? "" : date.toISOString();
  }

  function localInputValue(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }

  // ---- the key and the API ----
  const key = {
    get: () => sessionStorage.getItem(KEY_STORE),
    set: (value) => sessionStorage.setItem(KEY_STORE, value),
    clear: () => sessionStorage.removeItem(KEY_STORE),
  };

  class ApiError extends Error {
    constructor(status, title, detail) {
      super(detail || title || "HTTP " + status);
      this.status = status;
      this.title = title;
    }
  }

  async function api(path, options = {}) {
    const headers = { "x-functions-key": key.get() || "", Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if ((options.method || "GET") !== "GET") headers[WRITE_HEADER] = "1";
    const response = await fetch(API + "/" + path, {
      method: options.method || "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      cache: "no-store",
    });
    if (response.status === 401) {
      showKeyForm("The key was refused (401). Enter the app's function key.");
      throw new ApiError(401, "Unauthorized", "The key was refused.");
    }
    if (!response.ok) {
      let problem = {};
      try { problem = await response.json(); } catch { /* not JSON */ }
      throw new ApiError(response.status, problem.title, problem.detail);
    }
    return options.raw ? response : response.json();
  }

  function showKeyForm(message) {
    $("content").hidden = true;
    $("nav").hidden = true;
    $("forget-key").hidden = true;
    $("key-section").hidden = false;
    const status = $("key-status");
    status.textContent = message || "";
    status.classList.toggle("error", !!message);
    $("key-input").focus();
  }

  function showContent() {
    $("key-section").hidden = true;
    $("content").hidden = false;
    $("nav").hidden = false;
    $("forget-key").hidden = false;
  }

  function reportError(target, error) {
    if (error instanceof ApiError && error.status === 401) return;
    target.textContent = error.message || String(error);
    target.classList.add("error");
  }

  // ---- overview ----
  let stats = null;

  function countList(counts) {
    const totals = counts.filter((c) => !c.reason);
    if (totals.length === 0) return empty("No job ended in this time. Jobs appear when SuperOffice sends a webhook or a report runs.");
    const list = el("dl");
    for (const total of totals) {
      list.append(el("dt", {}, statusPill(total.status)), el("dd", { text: total.count }));
      for (const reason of counts.filter((c) => c.reason && c.status === total.status)) {
        list.append(el("dt", { class: "reason", text: reason.reason }), el("dd", { class: "reason", text: reason.count }));
      }
    }
    return list;
  }

  function drawChart() {
    const hoursShown = Number($("chart-range").value);
    const hours = stats.hours.slice(-hoursShown);
    $("chart-title").textContent = hoursShown === 24 ? "Jobs ended per hour, last 24 hours" : "Jobs ended per hour, last 7 days";
    const width = 960, height = 180, bottom = 18;
    const max = Math.max(1, ...hours.map((h) => h.completed + h.skipped + h.failed));
    const slot = width / hours.length;
    const bar = Math.max(1, slot * 0.8);
    const total = hours.reduce((sum, h) => sum + h.completed + h.skipped + h.failed, 0);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", role: "img",
      "aria-label": `${total} jobs ended in the ${hoursShown} hours shown; the table below the chart has the numbers per hour.` });
    hours.forEach((h, i) => {
      let y = height - bottom;
      for (const [name, value] of [["completed", h.completed], ["skipped", h.skipped], ["failed", h.failed]]) {
        if (!value) continue;
        const size = (value / max) * (height - bottom - 4);
        y -= size;
        const rect = svg("rect", { class: "bar-" + name, x: i * slot + (slot - bar) / 2, y, width: bar, height: size });
        rect.append(svg("title", { text: `${new Date(h.hour).toLocaleString()}: ${value} ${name}` }));
        chart.append(rect);
      }
      const date = new Date(h.hour);
      const labelEvery = hoursShown === 24 ? 3 : 24;
      if (i % labelEvery === 0) {
        const label = hoursShown === 24 ? date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }) : date.toLocaleDateString(undefined, { month: "short", day: "numeric" });
        chart.append(svg("text", { class: "axis", x: i * slot + 2, y: height - 4, text: label }));
      }
    });
    replace($("chart"), total === 0 ? empty("No job ended in this time.") : chart);
    const rows = hours.filter((h) => h.completed + h.skipped + h.failed > 0).map((h) => el("tr", {},
      el("th", { scope: "row" }, time(h.hour)), el("td", { text: h.completed }), el("td", { text: h.skipped }), el("td", { text: h.failed })));
    const tableNode = $("chart-table");
    replace(tableNode, el("caption", { text: "Jobs ended per hour" }),
      el("thead", {}, el("tr", {}, ["Hour", "Completed", "Skipped", "Failed"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, rows));
  }

  async function loadOverview() {
    stats = await api("summary");
    replace($("counts-24h"), countList(stats.last24Hours));
    replace($("counts-7d"), countList(stats.last7Days));
    drawChart();
  }

  // ---- jobs ----
  const jobPaging = { cursors: [null], index: 0 };

  function jobRow(job, selectable) {
    const cells = [];
    if (selectable) {
      cells.push(el("td", {}, el("input", { type: "checkbox", class: "pick", value: job.jobId, "aria-label": "Select job " + job.jobId,
        disabled: job.kind !== "ContactSync", onchange: updateReplaySelected })));
    }
    cells.push(
      el("td", {}, time(job.receivedAt)),
      el("td", {}, el("button", { type: "button", class: "secondary small", text: job.jobId, title: "Show job " + job.jobId, onclick: () => showJob(job.jobId) })),
      el("td", { class: "col-optional", text: job.kind }),
      el("td", {}, statusPill(job.status)),
      el("td", { text: job.reason || "" }),
      el("td", { class: "num", text: job.contactId ?? "" }),
      el("td", { class: "message col-optional", text: job.message || "" }));
    return el("tr", { "data-job": job.jobId }, cells);
  }

  function jobHeaders(selectable) {
    return [...(selectable ? [{ text: "Pick" }] : []), "Received", "Job", { text: "Kind", class: "col-optional" }, "Status", "Reason",
      "Contact", { text: "Note", class: "col-optional" }];
  }

  function jobQuery() {
    const form = $("job-filters");
    const params = new URLSearchParams();
    for (const name of ["status", "kind", "contactId"]) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    const from = isoFromLocal(form.elements.from.value);
    const to = isoFromLocal(form.elements.to.value);
    if (from) params.set("from", from);
    if (to) params.set("to", to);
    params.set("limit", "50");
    return params;
  }

  async function loadJobs() {
    const params = jobQuery();
    const cursor = jobPaging.cursors[jobPaging.index];
    if (cursor) params.set("cursor", cursor);
    const page = await api("jobs?" + params.toString());
    jobPaging.cursors[jobPaging.index + 1] = page.nextCursor || null;
    replace($("jobs-table"), page.jobs.length === 0
      ? empty(jobPaging.index === 0
        ? "No jobs match. Widen the time range or clear the filters; a new job appears when SuperOffice sends a webhook for a company."
        : "No older jobs.")
      : table("Jobs, newest first", jobHeaders(false), page.jobs.map((j) => jobRow(j, false))));
    $("jobs-first").disabled = jobPaging.index === 0;
    $("jobs-next").disabled = !page.nextCursor;
    $("jobs-page").textContent = page.jobs.length ? `Page ${jobPaging.index + 1}: ${page.jobs.length} jobs` : "";
  }

  function detailList(pairs) {
    const list = el("dl");
    for (const [name, value] of pairs) {
      if (value === null || value === undefined || value === "") continue;
      list.append(el("dt", { text: name }), el("dd", {}, value));
    }
    return list;
  }

  function fieldsTable(caption, headers, rows) {
    return rows && rows.length ? table(caption, headers, rows) : null;
  }

  async function showJob(jobId) {
    const panel = $("job-detail");
    const job = await api("jobs/" + encodeURIComponent(jobId));
    const d = job.details && typeof job.details === "object" ? job.details : null;
    $("detail-title").textContent = "Job " + job.jobId;
    const parts = [detailList([
      ["Status", statusPill(job.status)],
      ["Reason", job.reason],
      ["Note", job.message],
      ["Kind", job.kind],
      ["Event", job.event],
      ["Contact", job.contactId],
      ["Changed columns", (job.changes || []).join(", ")],
      ["Changed by associate", job.changedByAssociateId],
      ["Event time", job.eventTimestamp ? time(job.eventTimestamp) : null],
      ["Received", time(job.receivedAt)],
      ["Queued", job.queuedAt ? time(job.queuedAt) : null],
      ["Updated", time(job.updatedAt)],
      ["Attempts", job.attempt],
      ["Delivery retry", job.deliveryRetry],
      ["Trace id", job.traceId ? el("code", { text: job.traceId }) : null],
      ["SuperOffice calls", d?.superOfficeCalls],
      ["Company Explorer calls", d?.companyExplorerCalls],
      ["Step times (ms)", d?.stepMs ? Object.entries(d.stepMs).map(([k, v]) => `${k} ${Math.round(v)}`).join(", ") : null],
    ])];
    if (d?.written) {
      parts.push(fieldsTable("Fields written", ["Field", "Target", "Before", "After"],
        d.written.map((f) => el("tr", {}, el("td", { text: f.source }), el("td", { text: f.target }), el("td", { text: f.old ?? "" }), el("td", { text: f.new })))));
    }
    if (d?.kept) {
      parts.push(fieldsTable("Fields read and kept", ["Field", "Target", "Why kept"],
        d.kept.map((f) => el("tr", {}, el("td", { text: f.source }), el("td", { text: f.target }), el("td", { text: f.why })))));
    }
    if (job.details) {
      parts.push(el("details", {}, el("summary", { text: "All details (JSON)" }), el("pre", { text: JSON.stringify(job.details, null, 2) })));
    }
    replace($("detail-body"), parts.filter((p) => p).map((p) => p.tagName === "TABLE" ? el("div", { class: "table-wrap" }, el("h4", { text: p.querySelector("caption").textContent }), p) : p));
    panel.hidden = false;
    panel.focus();
  }

  // ---- failed and replay ----
  let failedCursor = null;

  function failedSince() {
    return isoFromLocal($("failed-since").value) || new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString();
  }

  function updateReplaySelected() {
    $("replay-selected").disabled = document.querySelectorAll("#failed-table input.pick:checked").length === 0;
  }

  async function loadFailed(more) {
    const params = new URLSearchParams({ since: failedSince(), limit: "50" });
    if (more && failedCursor) params.set("cursor", failedCursor);
    const page = await api("failed?" + params.toString());
    failedCursor = page.nextCursor || null;
    const container = $("failed-table");
    if (!more) {
      replace(container, page.jobs.length === 0
        ? empty("No failed jobs since then. Nothing to replay.")
        : table("Failed jobs, newest first", jobHeaders(true), page.jobs.map((j) => jobRow(j, true))));
    } else if (page.jobs.length) {
      container.querySelector("tbody").append(...page.jobs.map((j) => jobRow(j, true)));
    }
    $("failed-next").disabled = !failedCursor;
    updateReplaySelected();
  }

  async function replay(body) {
    const status = $("replay-status");
    status.classList.remove("error");
    status.textContent = "Replaying…";
    try {
      const answer = await api("replay", { method: "POST", body });
      const notFailed = answer.items.filter((i) => i.outcome !== "Replayed").length;
      status.textContent = `${answer.replayed} job(s) back on the queue` + (notFailed ? `, ${notFailed} not failed any more (not queued again)` : "") +
        (answer.more ? "; more failed jobs match: replay again for the next 100." : ".");
      await Promise.all([loadFailed(false), loadJobs()]);
    } catch (error) {
      reportError(status, error);
    }
  }

  // ---- webhook ----
  async function loadWebhooks() {
    const status = $("webhook-status");
    try {
      const answer = await api("webhooks");
      replace($("webhooks-table"), answer.webhooks.length === 0
        ? empty("SuperOffice has no webhook for this tenant. Register one with the CLI: webhook register --url https://<app>/api/superoffice/webhook?code=<key>.")
        : table("Webhooks", ["Id", "Name", "State", "Consecutive errors", "Last error", { text: "Target", class: "col-optional" }, "Action"],
          answer.webhooks.map((w) => el("tr", { "data-webhook": w.webhookId },
            el("td", { class: "num", text: w.webhookId }),
            el("td", { text: w.name || "" }),
            el("td", {}, statusPill(w.state || "Unknown")),
            el("td", { class: "num", text: w.consecutiveErrors ?? "–" }),
            el("td", { class: "message", text: w.lastError || "" }),
            el("td", { class: "message col-optional" }, el("code", { text: w.targetUrl || "" })),
            el("td", {}, w.canReactivate
              ? el("button", { type: "button", text: "Re-enable", "aria-label": `Re-enable webhook ${w.webhookId}`, onclick: () => enableWebhook(w.webhookId) })
              : "")))));
    } catch (error) {
      reportError(status, error);
    }
  }

  async function enableWebhook(id) {
    const status = $("webhook-status");
    status.classList.remove("error");
    status.textContent = "Re-enabling webhook " + id + "…";
    try {
      const webhook = await api(`webhooks/${id}/enable`, { method: "POST", body: {} });
      status.textContent = `Webhook ${id} is ${webhook.state}.`;
      await loadWebhooks();
    } catch (error) {
      reportError(status, error);
    }
  }

  // ---- reports ----
  async function download(jobId, file) {
    const status = $("download-status");
    status.classList.remove("error");
    status.textContent = "Downloading…";
    try {
      const response = await api(`reports/${encodeURIComponent(jobId)}/files/${file}`, { raw: true });
      const disposition = response.headers.get("Content-Disposition") || "";
      const match = /filename="?([^";]+)"?/.exec(disposition);
      const url = URL.createObjectURL(await response.blob());
      const link = el("a", { href: url, download: match ? match[1] : `${jobId}-${file}` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      status.textContent = "Downloaded " + (match ? match[1] : file) + ".";
    } catch (error) {
      reportError(status, error);
    }
  }

  async function loadReports() {
    const answer = await api("reports?limit=10");
    replace($("reports-list"), answer.runs.length === 0
      ? empty("No report has run in the last 90 days. The timer runs it on ProductReport:Schedule; POST /api/reports/products runs it now.")
      : answer.runs.map((run) => {
        const s = run.summary;
        return el("article", { class: "report", "data-report": run.job.jobId },
          el("h3", {}, time(run.job.receivedAt), " ", statusPill(run.job.status)),
          detailList([
            ["Run", el("code", { text: run.job.jobId })],
            ["Note", run.job.message],
            ["Sales read", s?.salesRead],
            ["With a company", s?.salesWithCompany],
            ["Matched a product", s?.salesWithProduct],
            ["Customers", s?.customers],
            ["Empty at", s?.empty ? `${s.emptyStage}: ${s.emptyReason}` : null],
          ]),
          s ? el("div", { class: "downloads" },
            el("button", { type: "button", class: "secondary", text: "Sales CSV", onclick: () => download(run.job.jobId, "sales") }),
            el("button", { type: "button", class: "secondary", text: "Customers CSV", onclick: () => download(run.job.jobId, "customers") }),
            el("button", { type: "button", class: "secondary", text: "Summary JSON", onclick: () => download(run.job.jobId, "summary") }))
            : el("p", { class: "hint", text: "This run has no files." }));
      }));
  }

  // ---- settings ----
  async function loadSettings() {
    const answer = await api("settings");
    replace($("settings-table"), table("Settings", ["Setting", "Value", "Secret"], answer.settings.map((s) => el("tr", {},
      el("td", {}, el("code", { text: s.key })),
      el("td", { class: "message", text: s.isSet ? (s.value ?? "") : (s.default ? `(default) ${s.default}` : "(not set)") }),
      el("td", { text: s.isSecret ? "yes" : "" })))));
  }

  // ---- start ----
  async function loadAll() {
    try {
      await loadOverview();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      throw error;
    }
    showContent();
    document.body.dataset.ready = "false";
    await Promise.allSettled([loadJobs(), loadFailed(false), loadWebhooks(), loadReports(), loadSettings()]);
    document.body.dataset.ready = "true";
  }

  function start() {
    // A key in the address (?code=) is taken once into this tab's session storage and removed from the address.
    const url = new URL(location.href);
    const code = url.searchParams.get("code");
    if (code) {
      key.set(code);
      url.searchParams.delete("code");
      history.replaceState(null, "", url.pathname + url.search + url.hash);
    }

    $("key-form").addEventListener("submit", (event) => {
      event.preventDefault();
      key.set($("key-input").value.trim());
      $("key-input").value = "";
      $("key-status").textContent = "";
      loadAll();
    });
    $("forget-key").addEventListener("click", () => {
      key.clear();
      showKeyForm("The key is forgotten.");
    });
    $("chart-range").addEventListener("change", () => stats && drawChart());
    $("job-filters").addEventListener("submit", (event) => {
      event.preventDefault();
      jobPaging.cursors = [null];
      jobPaging.index = 0;
      loadJobs().catch((e) => reportError($("jobs-page"), e));
    });
    $("job-filters").addEventListener("reset", () => setTimeout(() => {
      jobPaging.cursors = [null];
      jobPaging.index = 0;
      loadJobs().catch((e) => reportError($("jobs-page"), e));
    }));
    $("jobs-next").addEventListener("click", () => {
      jobPaging.index++;
      loadJobs().catch((e) => reportError($("jobs-page"), e));
    });
    $("jobs-first").addEventListener("click", () => {
      jobPaging.index = 0;
      loadJobs().catch((e) => reportError($("jobs-page"), e));
    });
    $("detail-close").addEventListener("click", () => { $("job-detail").hidden = true; });
    $("failed-since").value = localInputValue(new Date(Date.now() - 7 * 24 * 3600 * 1000));
    $("failed-form").addEventListener("submit", (event) => {
      event.preventDefault();
      loadFailed(false).catch((e) => reportError($("replay-status"), e));
    });
    $("failed-next").addEventListener("click", () => loadFailed(true).catch((e) => reportError($("replay-status"), e)));
    $("replay-selected").addEventListener("click", () => {
      const ids = [...document.querySelectorAll("#failed-table input.pick:checked")].map((c) => c.value);
      if (ids.length) replay({ jobIds: ids });
    });
    $("replay-all").addEventListener("click", () => replay({ since: failedSince() }));

    if (key.get()) loadAll();
    else showKeyForm("");
  }

  document.addEventListener("DOMContentLoaded", start);
})();
