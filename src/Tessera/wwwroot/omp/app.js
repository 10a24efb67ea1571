// The One Million Pixels page: the canvas PNG, then every painted pixel (links and owners for the tooltip), then the
// live stream of changes. URLs are relative to this module, so the page works under any surface path base.

import { PixelMap, drawPixels } from "./pixel-map.js";
import { View } from "./view.js";
import { openLink, safeHttpsUrl } from "./links.js";

const api = (path) => new URL(`api/${path}`, import.meta.url);

const viewport = document.getElementById("viewport");
const canvas = document.getElementById("canvas");
const context = canvas.getContext("2d", { alpha: false });
const tooltip = document.getElementById("tooltip");
const status = document.getElementById("status");
const zoomLevel = document.getElementById("zoom-level");

const map = new PixelMap(canvas.width, canvas.height);
let seq = 0;
let pointer = null; // last pointer position in viewport coordinates
let drag = null;

const view = new View(viewport, canvas, () => {
  zoomLevel.value = `${Math.round(view.scale * 100)}%`;
  refreshTooltip();
});

function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

function setSeq(value) {
  seq = value;
  document.body.dataset.seq = String(value);
}

// --- loading and live updates -------------------------------------------------------------------------------------

async function drawPng() {
  const response = await fetch(api("canvas"), { cache: "no-cache" });
  if (!response.ok) {
    throw new Error(`GET api/canvas: ${response.status}`);
  }

  const bitmap = await createImageBitmap(await response.blob());
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const etag = /"png-(\d+)"/.exec(response.headers.get("ETag") ?? "");
  return etag ? Number(etag[1]) : -1;
}

async function load() {
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  const png = drawPng();
  const response = await fetch(api("pixels"), { cache: "no-cache" });
  if (!response.ok) {
    throw new Error(`GET api/pixels: ${response.status}`);
  }

  const list = await response.json();
  for (const pixel of list.pixels) {
    map.set(pixel, pixel.owner);
  }

  // The PNG and the list may be of different seqs: the list wins, and the stream goes on from the list's seq.
  if ((await png) !== list.seq) {
    drawPixels(context, map, list.pixels);
  }

  setSeq(list.seq);
  connect();
}

let source = null;

function connect() {
  source?.close();
  // Last-Event-ID takes over from ?since= on the browser's own reconnects, so no change is missed.
  source = new EventSource(api(`pixels/stream?since=${seq}`));
  source.addEventListener("open", () => setStatus("live", "live"));
  source.addEventListener("pixels", (event) => {
    const change = JSON.parse(event.data);
    if (!(change.seq > seq)) {
      return;
    }

    for (const pixel of change.pixels) {
      map.set(pixel, change.account_id ?? undefined);
    }

    drawPixels(context, map, change.pixels);
    setSeq(change.seq);
    refreshTooltip();
  });
  // The server cut this stream (the page fell too far behind): the log may no longer reach back to our seq, so the
  // whole canvas is read again rather than resumed.
  source.addEventListener("resync", () => {
    source.close();
    setStatus("reconnecting", "catching up…");
    reload();
  });
  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) {
      // The browser gave up (an error status: too many streams, or 410 when our seq is older than the log keeps).
      setStatus("reconnecting", "reconnecting…");
      setTimeout(reload, 3000);
    } else {
      setStatus("reconnecting", "reconnecting…");
    }
  });
}

function reload() {
  load().catch(() => setTimeout(reload, 3000));
}

// --- tooltip --------------------------------------------------------------------------------------------------------

function viewportPoint(event) {
  const rect = viewport.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}

function refreshTooltip() {
  const at = pointer && !drag?.moved ? view.pixelAt(pointer.x, pointer.y) : null;
  const info = at && map.get(at.x, at.y);
  if (!info) {
    tooltip.hidden = true;
    viewport.classList.remove("over-link");
    return;
  }

  const href = safeHttpsUrl(info.url);
  // textContent only: owners and links are user data.
  tooltip.querySelector(".tooltip-coords").textContent = `(${info.x}, ${info.y})`;
  tooltip.querySelector(".tooltip-owner").textContent = info.owner ? `owner: ${info.owner}` : info.painted ? "" : "not painted";
  tooltip.querySelector(".tooltip-link").textContent = info.url ?? "";
  tooltip.querySelector(".tooltip-hint").textContent = href ? "click to open in a new tab" : "";
  viewport.classList.toggle("over-link", href !== null);

  tooltip.hidden = false;
  const gap = 14;
  const left = Math.min(pointer.x + gap, viewport.clientWidth - tooltip.offsetWidth - 4);
  const top = pointer.y + gap + tooltip.offsetHeight > viewport.clientHeight ? pointer.y - gap - tooltip.offsetHeight : pointer.y + gap;
  tooltip.style.left = `${Math.max(4, left)}px`;
  tooltip.style.top = `${Math.max(4, top)}px`;
}

// --- zoom, pan, click -----------------------------------------------------------------------------------------------

viewport.addEventListener("wheel", (event) => {
  event.preventDefault();
  const point = viewportPoint(event);
  const delta = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 16 : event.deltaY;
  view.zoomAt(Math.exp(-delta * 0.0015), point.x, point.y);
}, { passive: false });

viewport.addEventListener("pointerdown", (event) => {
  if (event.button !== 0) {
    return;
  }

  const point = viewportPoint(event);
  drag = { id: event.pointerId, startX: point.x, startY: point.y, lastX: point.x, lastY: point.y, moved: false };
  viewport.setPointerCapture(event.pointerId);
});

viewport.addEventListener("pointermove", (event) => {
  pointer = viewportPoint(event);
  if (drag && drag.id === event.pointerId) {
    if (!drag.moved && Math.hypot(pointer.x - drag.startX, pointer.y - drag.startY) > 4) {
      drag.moved = true;
      viewport.classList.add("dragging");
    }

    if (drag.moved) {
      view.pan(pointer.x - drag.lastX, pointer.y - drag.lastY);
    }

    drag.lastX = pointer.x;
    drag.lastY = pointer.y;
  }

  refreshTooltip();
});

function endDrag(event, click) {
  if (!drag || drag.id !== event.pointerId) {
    return;
  }

  const wasClick = click && !drag.moved;
  drag = null;
  viewport.classList.remove("dragging");
  if (wasClick) {
    const at = view.pixelAt(pointer.x, pointer.y);
    const info = at && map.get(at.x, at.y);
    if (info?.url) {
      openLink(info.url);
    }
  }

  refreshTooltip();
}

viewport.addEventListener("pointerup", (event) => {
  pointer = viewportPoint(event);
  endDrag(event, true);
});
viewport.addEventListener("pointercancel", (event) => endDrag(event, false));
viewport.addEventListener("pointerleave", () => {
  if (!drag) {
    pointer = null;
    refreshTooltip();
  }
});

viewport.addEventListener("keydown", (event) => {
  const step = 60;
  const actions = {
    "+": () => view.zoomCentered(1.5),
    "=": () => view.zoomCentered(1.5),
    "-": () => view.zoomCentered(1 / 1.5),
    "0": () => view.fit(),
    ArrowLeft: () => view.pan(step, 0),
    ArrowRight: () => view.pan(-step, 0),
    ArrowUp: () => view.pan(0, step),
    ArrowDown: () => view.pan(0, -step),
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

document.getElementById("zoom-in").addEventListener("click", () => view.zoomCentered(1.5));
document.getElementById("zoom-out").addEventListener("click", () => view.zoomCentered(1 / 1.5));
document.getElementById("zoom-fit").addEventListener("click", () => view.fit());

let fitted = true;
viewport.addEventListener("pointerdown", () => { fitted = false; });
viewport.addEventListener("wheel", () => { fitted = false; });
window.addEventListener("resize", () => {
  if (fitted) {
    view.fit();
  }
});

view.fit();
load().catch((error) => {
  setStatus("error", "could not load the canvas");
  console.error(error);
});
