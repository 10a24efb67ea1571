// The media library page (/ocean/): the same public API agents call (../api/media/...), with the key the person types,
// kept in this tab's session storage only. Search (text, tag, colour, folder), drag-and-drop upload with progress,
// tagging, folders, trash and restore, and sharing a selection as a gallery.
import { element, formatBytes } from "./ui.js";

const KeyName = "ocean.key";
const state = { key: sessionStorage.getItem(KeyName), trash: false, selected: new Set(), media: [], folders: [] };
const $ = id => document.getElementById(id);

async function api(method, path, body) {
  const options = { method, headers: { "X-API-Key": state.key } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(`api/media${path}`, options);
  const json = await response.json().catch(() => ({ success: false, error: `HTTP ${response.status}` }));
  if (response.status === 401) signOut("That key was not accepted.");
  if (!json.success) throw new Error(json.error || `HTTP ${response.status}`);
  return json;
}

function say(text) { $("status").textContent = text; }

function signOut(message) {
  sessionStorage.removeItem(KeyName);
  state.key = null;
  document.body.dataset.state = "signed-out";
  $("key-form").hidden = false;
  $("library").hidden = true;
  $("sign-out").hidden = true;
  $("key-error").textContent = message || "";
}

async function signIn(key) {
  state.key = key;
  try {
    await loadFolders();
  } catch (error) {
    signOut(error.message);
    return;
  }
  sessionStorage.setItem(KeyName, key);
  $("key-form").hidden = true;
  $("library").hidden = false;
  $("sign-out").hidden = false;
  await refresh();
}

async function loadFolders() {
  state.folders = (await api("GET", "/folders")).folders;
  for (const select of [$("folder-filter"), $("move-to")]) {
    const first = select.options[0];
    select.replaceChildren(first, ...state.folders.map(f => element("option", { value: String(f.id) }, `${f.name} (${f.count})`)));
  }
}

async function refresh() {
  document.body.dataset.state = "loading";
  const params = new URLSearchParams({ limit: "200" });
  if (!state.trash) {
    if ($("q").value.trim()) params.set("q", $("q").value.trim());
    if ($("tag").value.trim()) params.set("tag", $("tag").value.trim());
    if ($("use-color").checked) params.set("color", $("color").value);
    if ($("folder-filter").value) params.set("folder_id", $("folder-filter").value);
  }
  const path = state.trash ? "/trash" : (params.size > 1 ? "/search" : "/list");
  try {
    const page = await api("GET", `${path}?${params}`);
    state.media = page.media;
    state.selected.clear();
    render(page.total);
    document.body.dataset.state = "ready";
    say("");
  } catch (error) {
    document.body.dataset.state = "error";
    say(error.message);
  }
}

function render(total) {
  $("summary").textContent = `${total} ${state.trash ? "in the trash" : "item" + (total === 1 ? "" : "s")}`;
  $("trash").hidden = state.trash;
  $("restore").hidden = !state.trash;
  $("grid").replaceChildren(...state.media.map(item => {
    const checkbox = element("input", { type: "checkbox", className: "pick", "aria-label": `Select ${item.name}` });
    checkbox.addEventListener("change", () => {
      if (checkbox.checked) state.selected.add(item.id); else state.selected.delete(item.id);
      $("selected-count").textContent = `${state.selected.size} selected`;
    });
    const preview = item.type === "image" && !state.trash
      ? element("img", { src: item.url, alt: item.name, loading: "lazy" })
      : element("span", { className: "file-type" }, item.type);
    return element("li", { className: "tile", dataset: { id: String(item.id) } },
      element("label", {}, checkbox, preview),
      element("span", { className: "name" }, item.name),
      element("span", { className: "tags" }, item.tags.join(", ")),
      element("span", { className: "fine" }, `${formatBytes(item.size)}${item.width ? ` · ${item.width}×${item.height}` : ""}`),
      item.type === "image" && !state.trash ? element("a", { href: `editor/${item.id}`, className: "edit" }, "Edit") : null);
  }));
  $("selected-count").textContent = "0 selected";
}

async function bulk(action, extra = {}) {
  if (state.selected.size === 0) { say("Select some media first."); return; }
  try {
    await api("POST", "/bulk", { ids: [...state.selected], action, ...extra });
    await loadFolders();
    await refresh();
  } catch (error) {
    say(error.message);
  }
}

function upload(file) {
  const row = element("li", {}, element("span", {}, file.name), element("progress", { max: 100, value: 0 }), element("span", { className: "state" }, "uploading"));
  $("uploads").append(row);
  const form = new FormData();
  form.append("file", file);
  if ($("folder-filter").value) form.append("folder_id", $("folder-filter").value);
  return new Promise(resolve => {
    const request = new XMLHttpRequest();
    request.open("POST", "api/media/upload");
    request.setRequestHeader("X-API-Key", state.key);
    request.upload.addEventListener("progress", event => {
      if (event.lengthComputable) row.querySelector("progress").value = Math.round(100 * event.loaded / event.total);
    });
    request.addEventListener("loadend", () => {
      let json = {};
      try { json = JSON.parse(request.responseText); } catch { json = { success: false, error: `HTTP ${request.status}` }; }
      row.querySelector("progress").value = 100;
      row.querySelector(".state").textContent = json.success ? "done" : json.error;
      row.dataset.state = json.success ? "done" : "failed";
      resolve();
    });
    request.send(form);
  });
}

async function uploadAll(files) {
  await Promise.all([...files].map(upload));
  await loadFolders();
  await refresh();
}

$("key-form").addEventListener("submit", event => { event.preventDefault(); signIn($("key").value.trim()); });
$("sign-out").addEventListener("click", () => signOut());
$("search").addEventListener("submit", event => { event.preventDefault(); refresh(); });
$("show-trash").addEventListener("click", () => {
  state.trash = !state.trash;
  $("show-trash").setAttribute("aria-pressed", String(state.trash));
  refresh();
});
$("add-tag").addEventListener("click", () => bulk("tag", { tags: [$("new-tag").value] }));
$("move").addEventListener("click", () => bulk("move", { folder_id: $("move-to").value ? Number($("move-to").value) : null }));
$("trash").addEventListener("click", () => bulk("trash"));
$("restore").addEventListener("click", () => bulk("restore"));
$("create-folder").addEventListener("click", async () => {
  try {
    await api("POST", "/folders", { name: $("new-folder").value });
    $("new-folder").value = "";
    await loadFolders();
  } catch (error) { say(error.message); }
});
$("share").addEventListener("click", async () => {
  if (state.selected.size === 0) { say("Select the media to share first."); return; }
  try {
    const created = await api("POST", "/collections", { name: $("collection-name").value || "Shared media" });
    await api("POST", `/collections/${created.collection.id}/items`, { ids: [...state.selected] });
    const shared = await api("POST", `/collections/${created.collection.id}/share`, { public: true });
    const url = new URL(`gallery/${shared.share_token}`, location.href).href;
    $("share-result").replaceChildren("Gallery: ", element("a", { href: url, id: "share-link" }, url));
  } catch (error) { say(error.message); }
});
const drop = $("drop");
drop.addEventListener("dragover", event => { event.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", event => { event.preventDefault(); drop.classList.remove("over"); uploadAll(event.dataTransfer.files); });
$("file").addEventListener("change", () => uploadAll($("file").files));

window.ocean = { refresh, state };
if (state.key) signIn(state.key); else signOut();
