// A shared collection (/ocean/gallery/{token}): a grid of its items, a lightbox with download, and a password prompt
// when the gallery has one. It reads the public API (GET ../api/gallery/{token}); the password goes in a header only.
import { element, formatBytes } from "./ui.js";

const token = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
const body = document.body;
const status = document.getElementById("status");
let items = [];
let current = -1;

async function load(password) {
  body.dataset.state = "loading";
  const headers = password ? { "X-Gallery-Password": password } : {};
  const response = await fetch(`../api/gallery/${encodeURIComponent(token)}`, { headers });
  const json = await response.json().catch(() => ({ success: false, error: "The server answered something unexpected." }));
  if (response.status === 401) {
    body.dataset.state = "locked";
    status.textContent = "password needed";
    document.getElementById("password-form").hidden = false;
    document.getElementById("password-error").textContent = password ? "That password is not right." : "";
    return;
  }

  if (!json.success) {
    body.dataset.state = "error";
    status.textContent = json.error || "This gallery cannot be opened.";
    return;
  }

  document.getElementById("password-form").hidden = true;
  document.getElementById("title").textContent = json.gallery.name;
  document.getElementById("description").textContent = json.gallery.description || "";
  document.title = `${json.gallery.name} · Pixels Ocean`;
  items = json.items;
  status.textContent = `${items.length} item${items.length === 1 ? "" : "s"}`;
  render();
  body.dataset.state = "ready";
}

function render() {
  const grid = document.getElementById("grid");
  grid.replaceChildren(...items.map((item, index) => {
    const preview = item.type === "image"
      ? element("img", { src: item.url, alt: item.name, loading: "lazy" })
      : element("span", { className: "file-type" }, item.type);
    const open = element("button", { type: "button", className: "tile", title: item.name }, preview, element("span", { className: "name" }, item.name));
    open.addEventListener("click", () => show(index));
    return element("li", {}, open);
  }));
}

function show(index) {
  current = (index + items.length) % items.length;
  const item = items[current];
  const image = document.getElementById("lightbox-image");
  image.src = item.type === "image" ? item.url : "";
  image.alt = item.name;
  image.hidden = item.type !== "image";
  document.getElementById("lightbox-name").textContent = `${item.name} (${formatBytes(item.size)})`;
  const download = document.getElementById("lightbox-download");
  download.href = item.url;
  download.download = item.filename;
  document.getElementById("lightbox").hidden = false;
}

function close() {
  document.getElementById("lightbox").hidden = true;
  current = -1;
}

document.getElementById("lightbox-close").addEventListener("click", close);
document.getElementById("lightbox-prev").addEventListener("click", () => show(current - 1));
document.getElementById("lightbox-next").addEventListener("click", () => show(current + 1));
document.addEventListener("keydown", event => {
  if (current < 0) return;
  if (event.key === "Escape") close();
  if (event.key === "ArrowLeft") show(current - 1);
  if (event.key === "ArrowRight") show(current + 1);
});
document.getElementById("password-form").addEventListener("submit", event => {
  event.preventDefault();
  load(document.getElementById("password").value);
});

load();
