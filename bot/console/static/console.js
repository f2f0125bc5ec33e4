// The console's live behaviour: server-sent events, fragment refresh, replies in order,
// canned replies, waiting times, a sound and a browser notification for emergencies and for
// chats waiting past their target.
// Everything shown comes from server-rendered (escaped) HTML or is set with textContent.
(function () {
  "use strict";
  const me = document.body.dataset.me;
  const csrf = document.body.dataset.csrf;
  if (!me) return; // the login page

  const live = document.getElementById("live");
  const queue = document.getElementById("queue");
  const transcript = document.getElementById("transcript");
  let audio = null;
  let leaving = false; // a form was submitted: its own navigation must not be cut short
  document.addEventListener("submit", function (ev) {
    if (!ev.defaultPrevented) leaving = true;
  });

  function beep() {
    try {
      audio = audio || new AudioContext();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.25;
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.5);
    } catch (err) { /* no sound device: the notification and the row still show it */ }
  }

  function notify(title, text, url) {
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    const n = new Notification(title, { body: text, tag: url });
    n.onclick = function () { window.focus(); window.location.href = url; };
  }

  const notifyButton = document.getElementById("notify");
  if (notifyButton && "Notification" in window && Notification.permission === "default") {
    notifyButton.hidden = false;
    notifyButton.addEventListener("click", function () {
      Notification.requestPermission().then(function () { notifyButton.hidden = true; });
    });
  }

  // The words come from the page (dialogues/console_labels.yml), in the staff member's language.
  const waitedMinutes = document.body.dataset.waitedMinutes;
  const waitedHours = document.body.dataset.waitedHours;
  // data-js-*: what the script itself says (dialogues/console_pages.yml, console_js_*).
  const words = document.body.dataset;

  function minutesText(since) {
    const minutes = Math.max(0, Math.floor((Date.now() - since.getTime()) / 60000));
    if (minutes < 60) return waitedMinutes.replace("{minutes}", String(minutes));
    const rest = minutes % 60;
    return waitedHours
      .replace("{hours}", String(Math.floor(minutes / 60)))
      .replace("{minutes}", (rest < 10 ? "0" : "") + rest);
  }

  // Rows past their waiting target (data-due, from config.yml): marked, and an operator on
  // shift is notified once per row (remembered for the tab, so reloads do not repeat it).
  const lateKey = "sapar-late-notified";
  let lateSeen = [];
  try { lateSeen = JSON.parse(sessionStorage.getItem(lateKey) || "[]"); } catch (err) { lateSeen = []; }

  function markLate() {
    document.querySelectorAll("tr[data-due]").forEach(function (row) {
      if (Date.now() < Date.parse(row.dataset.due)) return;
      row.classList.add("row--late");
      const mark = row.querySelector(".row__late");
      if (mark) mark.hidden = false;
      const id = row.dataset.handoff;
      if (lateSeen.indexOf(id) >= 0 || document.body.dataset.presence !== "online") return;
      lateSeen.push(id);
      try { sessionStorage.setItem(lateKey, JSON.stringify(lateSeen.slice(-500))); } catch (err) { /* private mode */ }
      const what = row.querySelector(".row__open");
      const waited = row.querySelector("time.waited");
      notify(words.jsLateTitle, (what ? what.textContent : "") + " · " + (waited ? waited.textContent : ""),
        "/console/chats/" + id);
    });
  }

  function tickWaiting() {
    document.querySelectorAll("time.waited").forEach(function (el) {
      el.textContent = minutesText(new Date(el.getAttribute("datetime")));
    });
    markLate();
  }

  function updateTitle() {
    if (!queue) return;
    let unread = 0;
    queue.querySelectorAll("tr[data-mine='1']").forEach(function (row) {
      unread += Number(row.dataset.unread || 0);
    });
    const base = document.title.replace(/^\(\d+\) /, "");
    document.title = unread ? "(" + unread + ") " + base : base;
  }

  async function refresh(el) {
    if (!el) return;
    const response = await fetch(el.dataset.fragment, {
      headers: { accept: "text/html" }, credentials: "same-origin", cache: "no-store",
    });
    if (response.redirected || response.status === 401) { window.location.reload(); return; }
    if (!response.ok) return;
    el.innerHTML = await response.text();
    tickWaiting();  // fresh rows come with the server's count, not the page's clock
    if (el === queue) updateTitle();
    if (el === transcript) el.scrollTop = el.scrollHeight;
  }

  function refreshAll() { refresh(queue); refresh(transcript); }

  function onEvent(data, kind) {
    if (queue) refresh(queue);
    const here = transcript && String(data.conversation_id) === transcript.dataset.conversation;
    if (here) refresh(transcript);
    if (here && kind === "queue" && !leaving) {
      const box = document.getElementById("reply-text");
      if (!box || !box.value.trim()) window.location.reload();
      else document.getElementById("stale").hidden = false;
    }
    const url = "/console/chats/" + data.handoff_id;
    if (data.new && data.emergency) {
      beep();
      notify(words.jsUrgentTitle, words.jsUrgentBody, url);
    } else if (data.new && String(data.operator_id) === me) {
      beep();
      notify(words.jsHandedTitle, words.jsHandedBody, url);
    }
  }

  const events = new EventSource("/console/events");
  events.addEventListener("hello", function () { live.textContent = words.jsOnline; refreshAll(); });
  events.addEventListener("resync", refreshAll);
  events.addEventListener("queue", function (e) { onEvent(JSON.parse(e.data), "queue"); });
  events.addEventListener("chat", function (e) { onEvent(JSON.parse(e.data), "chat"); });
  events.onerror = function () {
    live.textContent = words.jsReconnecting;
    if (events.readyState === EventSource.CLOSED) setTimeout(function () { window.location.reload(); }, 3000);
  };

  // Replies go one at a time, in the order typed, even when the operator types fast.
  const form = document.getElementById("reply-form");
  if (form) {
    const box = document.getElementById("reply-text");
    const status = document.getElementById("reply-status");
    const pending = [];
    let busy = false;

    async function pump() {
      if (busy) return;
      busy = true;
      try {
        while (pending.length) {
          const response = await fetch(form.action, {
            method: "POST",
            credentials: "same-origin",
            headers: { "x-csrf-token": csrf, accept: "application/json" },
            body: new URLSearchParams({ text: pending[0] }),
          });
          if (!response.ok) {
            const body = await response.json().catch(function () { return {}; });
            status.textContent = words.jsNotSent + (body.detail || response.status);
            box.value = pending.join("\n\n") + (box.value ? "\n\n" + box.value : "");
            pending.length = 0;
            break;
          }
          pending.shift();
          status.textContent = words.jsSent;
        }
      } catch (err) {
        status.textContent = words.jsNoServer;
        box.value = pending.join("\n\n") + box.value;
        pending.length = 0;
      } finally {
        busy = false;
      }
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      const text = box.value.trim();
      if (!text) return;
      pending.push(text);
      box.value = "";
      status.textContent = words.jsSending;
      pump();
    });
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); form.requestSubmit(); }
    });
    document.querySelectorAll(".canned__use").forEach(function (button) {
      button.addEventListener("click", function () {
        box.value = box.value ? box.value + "\n" + button.dataset.text : button.dataset.text;
        box.focus();
      });
    });
  }

  tickWaiting();
  updateTitle();
  setInterval(tickWaiting, 30000);
  if (transcript) transcript.scrollTop = transcript.scrollHeight;
})();
