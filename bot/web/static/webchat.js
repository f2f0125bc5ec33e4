// Sapar web chat: send messages, follow replies by long polling, redraw after a reload.
// No framework, no external code; every text shown comes from the server (#page-data).
"use strict";

(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("form");
  const input = document.getElementById("text");
  const sendButton = document.getElementById("send");
  const picture = document.getElementById("picture");
  const pictureLabel = document.getElementById("picture-label");
  const status = document.getElementById("status");
  const notice = document.getElementById("notice");
  const title = document.getElementById("title");
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const API_MAX_CHARS = 100000;  // the API refuses longer texts; the server cuts at page.limit
  // Bidirectional controls and zero-width characters can reorder or hide what a line says
  // (a reversed phone number, a hidden word): they are dropped from what is shown.
  const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;
  let language = page.texts[page.language] ? page.language : page.default;
  let cursor = 0;
  let online = true;
  const shown = new Set();

  function words() { return page.texts[language]; }

  function shownText(text) { return String(text || "").replace(INVISIBLE, ""); }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  }

  function clientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // Text, never HTML: user and bot text stay inert. Numbers the server marked as calls
  // become tap-to-call links; in the bot's text, http(s) addresses (a source under "more")
  // become links too. Every piece is set with textContent; only tel: and http(s) are hrefs.
  function renderText(bubble, text, calls, links) {
    let rest = text;
    for (;;) {
      let at = -1, number = "";
      for (const c of calls) {
        const i = rest.indexOf(c);
        if (i !== -1 && (at === -1 || i < at)) { at = i; number = c; }
      }
      if (at === -1) break;
      appendText(bubble, rest.slice(0, at), links);
      const link = document.createElement("a");
      link.href = "tel:" + number.replace(/[^0-9+]/g, "");
      link.className = "msg__call";
      link.textContent = number;
      bubble.appendChild(link);
      rest = rest.slice(at + number.length);
    }
    appendText(bubble, rest, links);
  }

  function appendText(bubble, text, links) {
    const parts = links ? text.split(/(https?:\/\/[^\s<>"]+)/) : [text];
    parts.forEach((part, i) => {
      if (i % 2 === 0) {
        bubble.appendChild(document.createTextNode(part));
        return;
      }
      const link = document.createElement("a");
      link.href = part;
      link.textContent = part;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      bubble.appendChild(link);
    });
  }

  function toNewest() { log.scrollTop = log.scrollHeight; }

  function setLanguage(wanted) {
    if (!wanted || !page.texts[wanted]) return;
    language = wanted;
    const w = words();
    document.documentElement.lang = language;
    document.title = w.title;
    title.textContent = w.title;
    log.setAttribute("aria-label", w.title);
    input.placeholder = w.placeholder;
    input.setAttribute("aria-label", w.placeholder);
    sendButton.textContent = w.send;
    picture.setAttribute("aria-label", w.picture);
    pictureLabel.title = w.picture;
    for (const label of log.querySelectorAll(".msg__author")) label.textContent = w.operator;
    setOnline(online);
    checkLength();
  }

  function buttonsOf(line) {
    const row = document.createElement("div");
    row.className = "msg__buttons";
    for (const b of line.buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = shownText(b.title);
      button.addEventListener("click", () => send({ text: b.title, button: b.payload }));
      row.appendChild(button);
    }
    return row;
  }

  function addLine(line) {
    if (line.direction === "out" && line.id) {
      if (shown.has(line.id)) return;
      shown.add(line.id);
    }
    if (line.clears) log.replaceChildren();  // /forget: the old conversation leaves the screen
    const item = document.createElement("li");
    item.className = "msg msg--" + line.direction;
    if (line.author === "operator") {
      item.classList.add("msg--operator");
      const label = document.createElement("div");
      label.className = "msg__author";
      label.textContent = words().operator;
      item.appendChild(label);
    }
    const bubble = document.createElement("div");
    bubble.className = "msg__bubble";
    // Text, never HTML: user and bot text stay inert (see renderText).
    renderText(bubble, shownText(line.text), line.calls || [], line.direction === "out");
    item.appendChild(bubble);
    if (line.buttons && line.buttons.length) item.appendChild(buttonsOf(line));
    log.appendChild(item);
    toNewest();
  }

  function setOnline(isOnline) {
    online = isOnline;
    status.hidden = isOnline;
    status.textContent = isOnline ? "" : words().offline;
  }

  function checkLength() {
    const count = input.value.length;
    notice.hidden = count <= page.limit;
    notice.textContent = notice.hidden ? "" : fill(words().too_long, { count, limit: page.limit });
  }

  async function send(message) {
    const body = { client_id: clientId(), text: (message.text || "").slice(0, API_MAX_CHARS) };
    if (message.button) body.button = message.button;
    addLine({ direction: "in", text: body.text });
    // A 429 (too many new chats from this network) is not a failed try: the server says when.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const response = await fetch("/webchat/api/messages", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          credentials: "same-origin",
          body: JSON.stringify(body),
        });
        if (response.status === 429) {
          const seconds = Math.min(600, Number(response.headers.get("Retry-After")) || 30);
          status.hidden = false;
          status.textContent = fill(words().busy, { seconds });
          await new Promise((r) => setTimeout(r, seconds * 1000));
          attempt--;
          continue;
        }
        if (response.ok || response.status < 500) { setOnline(true); return; }
      } catch (e) { /* network down: retry with the same client_id, the server dedupes */ }
      setOnline(false);
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }

  // A picture goes as its own bytes with its image type (the server reads and checks it).
  async function sendPicture(file) {
    addLine({ direction: "in", text: words().picture_sent });
    const id = clientId();
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const response = await fetch("/webchat/api/pictures?client_id=" + encodeURIComponent(id), {
          method: "POST",
          headers: { "Content-Type": /^image\//.test(file.type) ? file.type : "image/jpeg" },
          credentials: "same-origin",
          body: file,
        });
        if (response.ok || response.status < 500) { setOnline(true); return; }
      } catch (e) { /* network down: retry with the same client_id, the server dedupes */ }
      setOnline(false);
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }

  async function poll() {
    for (;;) {
      try {
        const response = await fetch("/webchat/api/updates?after=" + cursor, {
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(String(response.status));
        const data = await response.json();
        setLanguage(data.language);
        data.messages.forEach(addLine);
        cursor = Math.max(cursor, data.cursor);
        setOnline(true);
      } catch (e) {
        setOnline(false);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  async function start() {
    try {
      const response = await fetch("/webchat/api/history", { credentials: "same-origin" });
      const data = await response.json();
      setLanguage(data.language);
      if (data.messages.length) data.messages.forEach(addLine);
      else page.intro[language].forEach(addLine);
      cursor = data.cursor;
    } catch (e) {
      setOnline(false);
    }
    poll();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    checkLength();
    send({ text: text });
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", checkLength);
  picture.addEventListener("change", () => {
    const file = picture.files && picture.files[0];
    picture.value = "";
    if (file) sendPicture(file);
  });
  // The on-screen keyboard shrinks the page: whoever is typing should see the newest line.
  input.addEventListener("focus", toNewest);
  const onResize = () => { if (document.activeElement === input) toNewest(); };
  window.addEventListener("resize", onResize);
  if (window.visualViewport) window.visualViewport.addEventListener("resize", onResize);
  start();
})();
