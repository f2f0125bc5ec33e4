// Sapar web chat: send messages, follow replies by long polling, redraw after a reload.
// No framework, no external code; every text shown comes from the server.
"use strict";

(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("form");
  const input = document.getElementById("text");
  const status = document.getElementById("status");
  const offlineText = document.querySelector(".chat").dataset.offline;
  let cursor = 0;
  const shown = new Set();

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

  function addLine(line) {
    if (line.direction === "out" && line.id) {
      if (shown.has(line.id)) return;
      shown.add(line.id);
    }
    if (line.clears) log.replaceChildren();  // /forget: the old conversation leaves the screen
    const item = document.createElement("li");
    item.className = "msg msg--" + line.direction;
    const bubble = document.createElement("div");
    bubble.className = "msg__bubble";
    renderText(bubble, line.text, line.calls || [], line.direction === "out");
    item.appendChild(bubble);
    if (line.buttons && line.buttons.length) {
      const row = document.createElement("div");
      row.className = "msg__buttons";
      for (const b of line.buttons) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.addEventListener("click", () => send({ text: b.title, button: b.payload }));
        row.appendChild(button);
      }
      item.appendChild(row);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function setOnline(online) {
    status.hidden = online;
    status.textContent = online ? "" : offlineText;
  }

  async function send(message) {
    const body = { client_id: clientId(), text: message.text || "" };
    if (message.button) body.button = message.button;
    addLine({ direction: "in", text: body.text });
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const response = await fetch("/webchat/api/messages", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          credentials: "same-origin",
          body: JSON.stringify(body),
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
      data.messages.forEach(addLine);
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
    send({ text: text });
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  start();
})();
