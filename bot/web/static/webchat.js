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

  // The bot's text as text nodes, its http(s) addresses (a source under "more") as links.
  // Never HTML: every piece is set with textContent, and only http(s) becomes an href.
  function fillWithLinks(bubble, text) {
    const parts = text.split(/(https?:\/\/[^\s<>"]+)/);
    parts.forEach((part, i) => {
      if (i % 2 === 0) {
        if (part) bubble.appendChild(document.createTextNode(part));
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
    const item = document.createElement("li");
    item.className = "msg msg--" + line.direction;
    const bubble = document.createElement("div");
    bubble.className = "msg__bubble";
    if (line.direction === "out") {
      fillWithLinks(bubble, line.text);
    } else {
      bubble.textContent = line.text;  // text, never HTML: what a user typed stays inert
    }
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
