// The Billion Satoshi page: an OpenSeadragon deep-zoom viewer over the server's tile pyramid, the active placements
// (GET api/canvas) for click-to-inspect, and the buy flow (buy.js). URLs are relative to this module, so the page works
// under any surface path base. OpenSeadragon is the classic script vendor/openseadragon.min.js (global OpenSeadragon).

import { tileSource } from "./tiles.js";
import { Placements } from "./placements.js";
import { safeWebUrl } from "./links.js";
import { BuyPanel } from "./buy.js";

const base = import.meta.url;
const api = (path) => new URL(`api/${path}`, base);
const OSD = globalThis.OpenSeadragon;

const REFRESH_MS = 30_000;

const status = document.getElementById("status");
const panel = document.getElementById("panel");
const card = document.getElementById("placement");

let viewer = null;
let buy = null;
let canvas = null;
let placements = new Placements();
let revision = 0;
let stamp = "";

function setState(state, text) {
  document.body.dataset.state = state;
  status.dataset.state = state;
  status.textContent = text;
}

async function fetchCanvas(query = "") {
  const response = await fetch(api(`canvas${query}`), { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`GET api/canvas: ${response.status}`);
  }

  return response.json();
}

function showStats(body) {
  const s = body.stats;
  document.getElementById("stats").textContent =
    `${s.filledPercent}% filled · ${Number(s.satsRaised).toLocaleString("en")} sats raised · ` +
    `${Number(body.total).toLocaleString("en")} placements · ${body.mode} mode`;
  stamp = `${body.total}/${s.satsRaised}/${s.placements?.hidden ?? 0}`;
}

// --- the placement card ---------------------------------------------------------------------------------------------

const highlight = document.createElement("div");
highlight.className = "highlight";

function updatePanel() {
  panel.hidden = card.hidden && document.getElementById("buy").hidden;
}

function hidePlacement() {
  card.hidden = true;
  delete card.dataset.id;
  viewer.removeOverlay(highlight);
  updatePanel();
}

function showPlacement(p) {
  if (!p) {
    hidePlacement();
    return;
  }

  // textContent only: messages, identities and links are user data.
  card.dataset.id = p.id;
  document.getElementById("placement-where").textContent =
    `(${p.x}, ${p.y}) · ${p.size} × ${p.size} · ${Number(p.sats).toLocaleString("en")} sats` +
    (p.paidAt ? ` · paid ${new Date(p.paidAt).toLocaleDateString()}` : "");
  const image = document.getElementById("placement-image");
  image.src = new URL(p.imageUrl, base).href;
  const message = document.getElementById("placement-message");
  message.textContent = p.message ?? "";
  message.hidden = !p.message;
  const agent = document.getElementById("placement-agent");
  agent.textContent = p.agentIdentity ? `agent: ${p.agentIdentity}` : "";
  agent.hidden = !p.agentIdentity;

  const link = document.getElementById("placement-link");
  const text = document.getElementById("placement-url-text");
  const href = safeWebUrl(p.url);
  if (href) {
    link.href = href;
    link.textContent = p.url;
    link.hidden = false;
    text.textContent = "";
  } else {
    // Never an <a> for anything but http(s): a javascript: or data: URL stays inert text.
    link.removeAttribute("href");
    link.textContent = "";
    link.hidden = true;
    text.textContent = p.url ? `${p.url} (not an http(s) link)` : "";
  }

  const rect = viewer.viewport.imageToViewportRectangle(p.x, p.y, p.size, p.size);
  viewer.removeOverlay(highlight);
  viewer.addOverlay({ element: highlight, location: rect });
  card.hidden = false;
  updatePanel();
}

// --- loading and refreshing -----------------------------------------------------------------------------------------

async function reloadPlacements() {
  const body = await fetchCanvas();
  placements = new Placements(body.placements);
  showStats(body);
  return body;
}

/** Loads the list again and swaps in a tile source with a new revision, so changed tiles are fetched afresh. */
async function refresh() {
  await reloadPlacements();
  revision++;
  document.body.dataset.revision = String(revision);
  viewer.addTiledImage({ tileSource: tileSource(base, canvas.width, canvas.height, revision), index: 0, replace: true });
}

async function refreshIfChanged() {
  try {
    const body = await fetchCanvas("?limit=1");
    const s = body.stats;
    if (`${body.total}/${s.satsRaised}/${s.placements?.hidden ?? 0}` !== stamp) {
      await refresh();
    }
  } catch (error) {
    console.warn(error);
  }
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * Zooms to a size × size square at (x, y), with a margin around it. It waits two frames first: when the side panel has
 * just opened or closed, the viewer picks up its new size in its next frame, and fitting before that would fit the
 * old size.
 */
async function view(x, y, size, immediately = false) {
  await nextFrame();
  await nextFrame();
  const margin = Math.max(size, 20);
  viewer.viewport.fitBounds(viewer.viewport.imageToViewportRectangle(x - margin, y - margin, size + 2 * margin, size + 2 * margin), immediately);
}

async function load() {
  if (!OSD) {
    throw new Error("vendor/openseadragon.min.js did not load");
  }

  const body = await reloadPlacements();
  canvas = body.canvas;
  viewer = OSD({
    element: document.getElementById("viewer"),
    tileSources: tileSource(base, canvas.width, canvas.height),
    drawer: "canvas",
    showNavigationControl: false,
    showNavigator: true,
    navigatorPosition: "BOTTOM_RIGHT",
    imageSmoothingEnabled: false,
    maxZoomPixelRatio: 16,
    visibilityRatio: 0.5,
    gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
    gestureSettingsTouch: { clickToZoom: false },
  });

  buy = new BuyPanel({
    api,
    viewer,
    canvas,
    mode: body.mode,
    threshold: body.threshold,
    onActive: (placed) => {
      refresh().then(() => view(placed.x, placed.y, placed.size)).catch((error) => console.warn(error));
    },
  });

  viewer.addHandler("canvas-click", (event) => {
    if (!event.quick) {
      return;
    }

    const point = viewer.viewport.viewerElementToImageCoordinates(event.position);
    const [x, y] = [Math.floor(point.x), Math.floor(point.y)];
    if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) {
      return;
    }

    if (buy.isOpen) {
      buy.pick(x, y);
    } else {
      showPlacement(placements.at(x, y));
    }
  });

  let tiles = 0;
  viewer.addHandler("tile-loaded", () => {
    document.body.dataset.tiles = String(++tiles);
  });

  document.getElementById("zoom-in").addEventListener("click", () => viewer.viewport.zoomBy(2).applyConstraints());
  document.getElementById("zoom-out").addEventListener("click", () => viewer.viewport.zoomBy(0.5).applyConstraints());
  document.getElementById("zoom-home").addEventListener("click", () => viewer.viewport.goHome());
  document.getElementById("buy-open").addEventListener("click", () => {
    hidePlacement();
    buy.open();
    updatePanel();
  });
  for (const close of document.querySelectorAll("[data-close]")) {
    close.addEventListener("click", () => {
      if (close.closest("#buy")) {
        buy.close();
      }

      hidePlacement();
      updatePanel();
    });
  }

  await new Promise((resolve, reject) => {
    viewer.addOnceHandler("open", resolve);
    viewer.addOnceHandler("open-failed", (event) => reject(new Error(event.message)));
  });
  setState("ready", "ready");
  setInterval(refreshIfChanged, REFRESH_MS);
}

// Test and console hooks: the viewer, where a canvas pixel is on the page, and "show me this square".
globalThis.bsap = {
  get viewer() {
    return viewer;
  },
  clientPoint(x, y) {
    const p = viewer.viewport.imageToViewerElementCoordinates(new OSD.Point(x, y));
    const r = viewer.canvas.getBoundingClientRect();
    return [r.left + p.x, r.top + p.y];
  },
  view,
  fullyLoaded: () => viewer?.world.getItemAt(0)?.getFullyLoaded() === true,
};

load().catch((error) => {
  setState("error", "could not load the canvas");
  console.error(error);
});
