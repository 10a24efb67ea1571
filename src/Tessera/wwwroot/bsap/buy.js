// The buy flow: pick a square (a canvas click or the fields), a live quote (POST api/placements/quote) and its
// availability with the nearest free corner (GET api/canvas/available), then POST api/placements?flow=invoice with the
// image: 202 and a BOLT11 invoice, shown as a QR code (GET api/qr) and as text, and GET api/placements/{id}/status
// polled until the placement is active (or its invoice expired). No reload anywhere.

const QUOTE_DELAY_MS = 200;
const POLL_MS = 1000;
const MAX_POLL_MS = 5000;

async function fetchJson(url, init) {
  const response = await fetch(url, { cache: "no-store", ...init });
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }

  return { status: response.status, ok: response.ok, body };
}

function errorText(result) {
  const body = result.body;
  return body && typeof body.error === "string"
    ? `${body.error}${body.code ? ` (${body.code})` : ""}`
    : `The server answered ${result.status}.`;
}

const sats = (n) => `${Number(n).toLocaleString("en")} sats`;

export class BuyPanel {
  /**
   * api: path → URL under the surface's api/; viewer: the OpenSeadragon viewer (for the selection overlay);
   * canvas: {width, height}; mode/threshold: GET api/canvas's; onActive(status): called once the placement is live.
   */
  constructor({ api, viewer, canvas, mode, threshold, onActive }) {
    this.api = api;
    this.viewer = viewer;
    this.canvas = canvas;
    this.onActive = onActive;
    this.ticket = 0;
    this.timer = 0;
    this.poll = 0;
    this.nearest = null;

    this.section = document.getElementById("buy");
    this.form = document.getElementById("buy-form");
    this.x = document.getElementById("buy-x");
    this.y = document.getElementById("buy-y");
    this.size = document.getElementById("buy-size");
    this.quote = document.getElementById("quote");
    this.availability = document.getElementById("availability");
    this.useNearest = document.getElementById("use-nearest");
    this.error = document.getElementById("buy-error");
    this.submit = document.getElementById("buy-submit");
    this.invoice = document.getElementById("invoice");
    this.paymentStatus = document.getElementById("payment-status");
    this.paymentNote = document.getElementById("payment-note");
    this.again = document.getElementById("buy-again");

    this.x.max = String(canvas.width - 1);
    this.y.max = String(canvas.height - 1);
    if (mode !== "open") {
      // The token comes from the Reverse Turing Test (POST api/verify/start, then api/verify/respond).
      document.getElementById("token-row").hidden = false;
      document.getElementById("token-hint").textContent = mode === "human"
        ? `Human mode: a token from the Reverse Turing Test (api/verify/start, api/verify/respond) scoring under ${threshold}.`
        : `Agent mode: a token from the Reverse Turing Test (api/verify/start, api/verify/respond) scoring ${threshold} or more.`;
    }

    this.selection = document.createElement("div");
    this.selection.className = "selection";
    this.selection.dataset.state = "unknown";

    for (const input of [this.x, this.y, this.size]) {
      input.addEventListener("input", () => this.changed());
    }

    this.useNearest.addEventListener("click", () => {
      if (this.nearest) {
        this.setSquare(this.nearest.x, this.nearest.y);
      }
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.reserve().catch((error) => this.fail(String(error)));
    });
    document.getElementById("invoice-copy").addEventListener("click", () => {
      const text = document.getElementById("invoice-text");
      text.select();
      navigator.clipboard?.writeText(text.value).catch(() => {});
    });
    this.again.addEventListener("click", () => this.reset());
  }

  get isOpen() {
    return !this.section.hidden;
  }

  open() {
    this.section.hidden = false;
    this.changed();
  }

  close() {
    this.section.hidden = true;
    this.viewer.removeOverlay(this.selection);
  }

  /** A canvas click: the square's top-left corner, moved in so the square fits the canvas. */
  pick(x, y) {
    this.setSquare(x, y);
  }

  setSquare(x, y) {
    const size = Number(this.size.value) || 0;
    this.x.value = String(Math.max(0, Math.min(x, this.canvas.width - size)));
    this.y.value = String(Math.max(0, Math.min(y, this.canvas.height - size)));
    this.changed();
  }

  square() {
    const values = [this.x, this.y, this.size].map((input) => (input.value.trim() === "" ? NaN : Number(input.value)));
    const [x, y, size] = values;
    return values.every((v) => Number.isInteger(v) && v >= 0) ? { x, y, size } : null;
  }

  changed() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refreshQuote().catch((error) => this.showQuote(String(error), "invalid")), QUOTE_DELAY_MS);
    this.drawSelection("unknown");
  }

  drawSelection(state) {
    const square = this.square();
    if (!square || !this.isOpen) {
      this.viewer.removeOverlay(this.selection);
      return;
    }

    this.selection.dataset.state = state;
    const rect = this.viewer.viewport.imageToViewportRectangle(square.x, square.y, square.size, square.size);
    if (this.viewer.getOverlayById(this.selection)) {
      this.viewer.updateOverlay(this.selection, rect);
    } else {
      this.viewer.addOverlay({ element: this.selection, location: rect });
    }
  }

  showQuote(text, state) {
    this.quote.textContent = text;
    this.availability.textContent = "";
    this.availability.dataset.state = state;
    this.useNearest.hidden = true;
  }

  async refreshQuote() {
    const square = this.square();
    if (!square) {
      this.showQuote("x, y and size must be whole numbers of at least 0.", "invalid");
      return;
    }

    const ticket = ++this.ticket;
    const { x, y, size } = square;
    const [quote, available] = await Promise.all([
      fetchJson(this.api("placements/quote"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(square),
      }),
      fetchJson(this.api(`canvas/available?x=${x}&y=${y}&size=${size}`)),
    ]);
    if (ticket !== this.ticket) {
      return; // a newer square was asked for meanwhile
    }

    if (!quote.ok || !available.ok) {
      this.showQuote(errorText(quote.ok ? available : quote), "invalid");
      this.drawSelection("invalid");
      return;
    }

    this.quote.textContent = `${size} × ${size} = ${Number(quote.body.pixels).toLocaleString("en")} pixels · ${sats(quote.body.sats)}`;
    this.showAvailability(available.body.available, available.body.nearest);
  }

  showAvailability(isAvailable, nearest) {
    this.nearest = nearest ?? null;
    const state = isAvailable ? "available" : "taken";
    this.availability.dataset.state = state;
    this.availability.textContent = isAvailable
      ? "Free: this square can be bought."
      : nearest
        ? `Taken. The nearest free square of this size is at (${nearest.x}, ${nearest.y}).`
        : "Taken, and no free square of this size is left.";
    this.useNearest.hidden = isAvailable || !nearest;
    this.drawSelection(state);
  }

  fail(text) {
    this.error.textContent = text;
    this.error.hidden = false;
    this.submit.disabled = false;
  }

  async reserve() {
    this.error.hidden = true;
    const square = this.square();
    const image = document.getElementById("buy-image").files[0];
    if (!square) {
      this.fail("x, y and size must be whole numbers.");
      return;
    }

    if (!image) {
      this.fail("Choose an image for the square.");
      return;
    }

    const data = new FormData();
    data.append("image", image, image.name);
    for (const [name, value] of Object.entries(square)) {
      data.append(name, String(value));
    }

    for (const id of ["buy-url", "buy-message", "buy-agent", "buy-token"]) {
      const input = document.getElementById(id);
      if (input.value.trim() !== "") {
        data.append(input.name, input.value.trim());
      }
    }

    this.submit.disabled = true;
    const result = await fetchJson(this.api("placements?flow=invoice"), { method: "POST", body: data });
    if (result.status !== 202) {
      if (result.body?.code === "region_taken") {
        this.showAvailability(false, result.body.nearest);
      }

      this.fail(errorText(result));
      return;
    }

    this.showInvoice(result.body);
  }

  showInvoice(placement) {
    const invoice = placement.payment.lightningInvoice;
    this.form.hidden = true;
    this.invoice.hidden = false;
    this.again.hidden = true;
    this.invoice.dataset.id = placement.id;
    document.getElementById("invoice-summary").textContent =
      `${sats(placement.sats)} for ${placement.size} × ${placement.size} at (${placement.x}, ${placement.y}); ` +
      `valid until ${new Date(placement.payment.expiresAt).toLocaleTimeString()}.`;
    document.getElementById("invoice-qr").src = this.api(`qr?data=${encodeURIComponent(invoice)}`).href;
    document.getElementById("invoice-text").value = invoice;
    this.setPaymentStatus(placement.status, "Waiting for the payment: this page checks every second.");
    this.watch(placement.id, POLL_MS);
  }

  setPaymentStatus(status, note) {
    this.paymentStatus.dataset.state = status;
    this.paymentStatus.textContent = status;
    this.paymentNote.textContent = note;
  }

  watch(id, delay) {
    clearTimeout(this.poll);
    this.poll = setTimeout(async () => {
      let result;
      try {
        result = await fetchJson(this.api(`placements/${encodeURIComponent(id)}/status`));
      } catch {
        result = { ok: false };
      }

      if (this.invoice.dataset.id !== id) {
        return; // the panel moved on to another purchase
      }

      if (!result.ok) {
        this.watch(id, Math.min(delay * 2, MAX_POLL_MS));
        return;
      }

      const status = result.body.status;
      if (status === "active") {
        this.setPaymentStatus(status, "Paid: your square is on the canvas.");
        this.again.hidden = false;
        this.onActive(result.body);
      } else if (status === "expired") {
        this.setPaymentStatus(status, "The invoice expired unpaid; the square is free again.");
        this.again.hidden = false;
      } else {
        this.setPaymentStatus(status, this.paymentNote.textContent);
        this.watch(id, POLL_MS);
      }
    }, delay);
  }

  reset() {
    clearTimeout(this.poll);
    delete this.invoice.dataset.id;
    this.invoice.hidden = true;
    this.form.hidden = false;
    this.submit.disabled = false;
    this.error.hidden = true;
    this.changed();
  }
}

