// The Live Editor page (/ocean/editor/{media_id}): the public Live Editor API with the key kept in this tab's session
// storage (as the library page does). The edit lives here as the same JSON the API takes; every change asks for a new
// preview, debounced, and at most one is in flight (a newer edit waits for it, then only the newest is sent).
import { element } from "./ui.js";

const KeyName = "ocean.key";
const DebounceMs = 120;
const $ = id => document.getElementById(id);
const mediaId = Number(location.pathname.split("/").filter(Boolean).pop());
const state = {
  key: sessionStorage.getItem(KeyName),
  edit: { media_id: mediaId, filters: {}, layers: [], output: { format: "webp" } },
  selected: -1, editWidth: 0, editHeight: 0, scale: 1,
  previews: 0, shown: 0, lastPreviewBody: null, inFlight: false, pending: false, timer: 0, sizes: {},
};

function say(text) { $("status").textContent = text; }

async function call(method, path, body) {
  const options = { method, headers: { "X-API-Key": state.key } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  return fetch(`../api/${path}`, options);
}

async function json(method, path, body) {
  const response = await call(method, path, body);
  const answer = await response.json().catch(() => ({ success: false, error: `HTTP ${response.status}` }));
  if (response.status === 401) signOut("That key was not accepted.");
  if (!answer.success) throw new Error(answer.error || `HTTP ${response.status}`);
  return answer;
}

function signOut(message) {
  sessionStorage.removeItem(KeyName);
  state.key = null;
  document.body.dataset.state = "signed-out";
  $("key-form").hidden = false;
  $("editor").hidden = true;
  $("key-error").textContent = message || "";
}

async function signIn(key) {
  state.key = key;
  try {
    const media = await json("GET", `media/${mediaId}`);
    $("size").textContent = `${media.media.name} · ${media.media.width}×${media.media.height}`;
  } catch (error) {
    signOut(error.message);
    return;
  }
  sessionStorage.setItem(KeyName, key);
  $("key-form").hidden = true;
  $("editor").hidden = false;
  document.body.dataset.state = "loading";
  schedule();
}

// Previews: debounced; one in flight; the newest edit wins.
function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(preview, DebounceMs);
}

async function preview() {
  if (state.inFlight) { state.pending = true; return; }
  state.inFlight = true;
  const body = structuredClone(state.edit);
  state.previews++;
  state.lastPreviewBody = body;
  try {
    const response = await call("POST", "live-editor/preview", body);
    if (response.status === 429) {
      // Either another preview of this account is still rendering (retry soon) or the minute's budget is spent
      // (Retry-After says when): wait that long, then send the newest edit.
      const wait = Number(response.headers.get("Retry-After")) || 0;
      if (wait > 0) {
        say(`Rate limit reached; the preview resumes in ${wait} s.`);
        clearTimeout(state.timer);
        state.timer = setTimeout(preview, wait * 1000);
      } else {
        state.pending = true;
      }
      return;
    }
    if (!response.ok) {
      const answer = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
      say(answer.error);
      document.body.dataset.state = "error";
      return;
    }
    state.editWidth = Number(response.headers.get("X-Edit-Width"));
    state.editHeight = Number(response.headers.get("X-Edit-Height"));
    const url = URL.createObjectURL(await response.blob());
    const img = $("preview");
    await new Promise(resolve => { img.onload = resolve; img.onerror = resolve; img.src = url; });
    state.shown++;
    img.dataset.version = String(state.shown);
    img.dataset.body = JSON.stringify(body);
    document.body.dataset.state = "ready";
    say("");
    drawBoxes();
  } catch (error) {
    say(error.message);
  } finally {
    state.inFlight = false;
    if (state.pending) { state.pending = false; schedule(); }
  }
}

// Where a layer's box is drawn over the preview, in CSS pixels (the edit's coordinates times the display scale).
function boxOf(layer) {
  if (layer.type === "shape") return { w: Math.abs(layer.width), h: Math.abs(layer.height) };
  if (layer.type === "text") return { w: layer.size * 0.6 * layer.text.length, h: layer.size * 1.2 };
  const size = state.sizes[layer.media_id] || { width: 100, height: 100 };
  return { w: size.width * (layer.scale ?? 1), h: size.height * (layer.scale ?? 1) };
}

// The boxes are kept across redraws (only their place and size change), so a drag's pointer capture survives the
// previews that arrive while it goes on.
function drawBoxes() {
  const img = $("preview");
  state.scale = state.editWidth ? img.clientWidth / state.editWidth : 1;
  const boxes = $("boxes");
  while (boxes.children.length > state.edit.layers.length) boxes.lastElementChild.remove();
  while (boxes.children.length < state.edit.layers.length) {
    const index = boxes.children.length;
    const box = element("div", { className: "box", dataset: { index: String(index) } });
    box.addEventListener("pointerdown", event => startDrag(event, Number(box.dataset.index), box));
    boxes.append(box);
  }
  state.edit.layers.forEach((layer, index) => {
    const { w, h } = boxOf(layer);
    const box = boxes.children[index];
    box.className = "box" + (index === state.selected ? " selected" : "");
    box.title = `${layer.type} layer`;
    Object.assign(box.style, {
      left: `${layer.x * state.scale}px`, top: `${layer.y * state.scale}px`, width: `${Math.max(8, w * state.scale)}px`, height: `${Math.max(8, h * state.scale)}px`,
      transform: `rotate(${layer.rotation || 0}deg)`,
    });
  });
}

function startDrag(event, index, box) {
  event.preventDefault();
  select(index);
  box.setPointerCapture(event.pointerId);
  const layer = state.edit.layers[index];
  const start = { x: event.clientX, y: event.clientY, lx: layer.x, ly: layer.y };
  const move = moveEvent => {
    layer.x = Math.round(start.lx + (moveEvent.clientX - start.x) / state.scale);
    layer.y = Math.round(start.ly + (moveEvent.clientY - start.y) / state.scale);
    box.style.left = `${layer.x * state.scale}px`;
    box.style.top = `${layer.y * state.scale}px`;
    schedule();
  };
  const end = () => {
    box.removeEventListener("pointermove", move);
    box.removeEventListener("pointerup", end);
    box.removeEventListener("pointercancel", end);
    renderPanel();
    schedule();
  };
  box.addEventListener("pointermove", move);
  box.addEventListener("pointerup", end);
  box.addEventListener("pointercancel", end);
}

function select(index) {
  state.selected = index;
  renderPanel();
  drawBoxes();
}

const Fields = {
  common: [["x", "number"], ["y", "number"], ["rotation", "number"], ["opacity", "number"], ["z", "number"]],
  text: [["text", "text"], ["font", "text"], ["size", "number"], ["color", "color"], ["outline_color", "color"], ["outline_width", "number"]],
  shape: [["shape", "select", ["rect", "ellipse", "line"]], ["width", "number"], ["height", "number"], ["fill", "color"], ["stroke", "color"], ["stroke_width", "number"]],
  image: [["media_id", "number"], ["scale", "number"]],
};

function renderPanel() {
  $("layers").replaceChildren(...state.edit.layers.map((layer, index) => {
    const label = layer.type === "text" ? `Text “${layer.text}”` : layer.type === "shape" ? `Shape ${layer.shape}` : `Image ${layer.media_id}`;
    const remove = element("button", { type: "button", className: "remove", "aria-label": `Remove ${label}` }, "×");
    remove.addEventListener("click", event => {
      event.stopPropagation();
      state.edit.layers.splice(index, 1);
      state.selected = -1;
      renderPanel(); drawBoxes(); schedule();
    });
    const item = element("li", { className: index === state.selected ? "selected" : "", dataset: { index: String(index) } }, element("span", {}, label), remove);
    item.addEventListener("click", () => select(index));
    return item;
  }));
  const layer = state.edit.layers[state.selected];
  if (!layer) {
    $("props").replaceChildren(element("legend", {}, "Layer"), element("p", { className: "fine" }, "Select a layer."));
    return;
  }
  const inputs = [...Fields.common, ...Fields[layer.type]].map(([name, kind, options]) => {
    const input = kind === "select"
      ? element("select", { name }, ...options.map(option => element("option", { value: option }, option)))
      : element("input", { name, type: kind, step: kind === "number" ? "any" : undefined });
    input.value = layer[name] ?? (kind === "color" ? "#000000" : "");
    input.addEventListener("input", () => {
      layer[name] = kind === "number" ? Number(input.value) : input.value;
      drawBoxes();
      schedule();
    });
    return element("label", {}, `${name} `, input);
  });
  $("props").replaceChildren(element("legend", {}, `${layer.type} layer`), ...inputs);
}

function add(layer) {
  state.edit.layers.push({ x: Math.round(state.editWidth * 0.1), y: Math.round(state.editHeight * 0.1), rotation: 0, opacity: 100, z: state.edit.layers.length, ...layer });
  select(state.edit.layers.length - 1);
  schedule();
}

function bindFilters() {
  for (const name of ["brightness", "contrast", "saturation", "blur"]) {
    $(name).addEventListener("input", () => { state.edit.filters[name] = Number($(name).value); schedule(); });
  }
  $("greyscale").addEventListener("change", () => { state.edit.filters.greyscale = $("greyscale").checked; schedule(); });
  $("format").addEventListener("change", () => { state.edit.output.format = $("format").value; });
}

$("key-form").addEventListener("submit", event => { event.preventDefault(); signIn($("key").value.trim()); });
$("add-text").addEventListener("click", () => add({ type: "text", text: "Your text", size: Math.max(16, Math.round(state.editHeight / 10)), color: "#ffffff", outline_color: "#000000", outline_width: 2 }));
$("add-shape").addEventListener("click", () => add({ type: "shape", shape: "rect", width: Math.round(state.editWidth / 4), height: Math.round(state.editHeight / 6), fill: "#2563eb", opacity: 60 }));
$("add-image").addEventListener("click", async () => {
  const id = Number($("image-id").value);
  if (!id) { say("Type the media id of one of your images."); return; }
  try {
    const media = await json("GET", `media/${id}`);
    state.sizes[id] = { width: media.media.width || 100, height: media.media.height || 100 };
    add({ type: "image", media_id: id, scale: Math.min(1, (state.editWidth / 4) / state.sizes[id].width), opacity: 80 });
  } catch (error) { say(error.message); }
});
$("render").addEventListener("click", async () => {
  $("render-result").textContent = "Rendering…";
  try {
    const rendered = await json("POST", "live-editor/render", state.edit);
    $("render-result").replaceChildren(`Saved as media ${rendered.media_id} (${rendered.width}×${rendered.height}): `,
      element("a", { href: rendered.url, id: "render-url", target: "_blank", rel: "noopener" }, rendered.url));
  } catch (error) { $("render-result").textContent = error.message; }
});
$("save-template").addEventListener("click", async () => {
  const { media_id: _, ...edit } = state.edit;
  try {
    const saved = await json("POST", "live-editor/templates", { name: $("template-name").value || "Untitled", edit });
    $("template-result").textContent = `Template ${saved.template.id} saved: “${saved.template.name}”.`;
    $("template-result").dataset.id = String(saved.template.id);
  } catch (error) { $("template-result").textContent = error.message; }
});
window.addEventListener("resize", drawBoxes);
bindFilters();

window.editor = state;
if (!mediaId) say("No media id in the address."); else if (state.key) signIn(state.key); else signOut();
