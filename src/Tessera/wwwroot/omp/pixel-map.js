// What the page knows about each pixel beyond its colour: its link and its owner. Typed arrays of ids into string
// tables, so a fully painted canvas (one million pixels) costs 8 MB plus the distinct strings, not a million objects.

const COLOR = /^#[0-9a-fA-F]{6}$/;

export class PixelMap {
  constructor(width, height) {
    this.width = width;
    this.height = height;
    this.urlIds = new Int32Array(width * height);
    this.ownerIds = new Int32Array(width * height);
    this.painted = new Uint8Array(width * height);
    this.urls = new StringTable();
    this.owners = new StringTable();
  }

  contains(x, y) {
    return Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < this.width && y < this.height;
  }

  /**
   * Records a pixel from GET /api/pixels (every field present: url and owner may be null) or from a stream event
   * (a field left out is unchanged; the event's account is the owner: only an owner can paint).
   */
  set(pixel, owner) {
    if (!this.contains(pixel.x, pixel.y)) {
      return;
    }

    const i = pixel.y * this.width + pixel.x;
    this.painted[i] = 1;
    if ("url" in pixel) {
      this.urlIds[i] = this.urls.id(pixel.url);
    }

    if (owner !== undefined) {
      this.ownerIds[i] = this.owners.id(owner);
    }
  }

  get(x, y) {
    if (!this.contains(x, y)) {
      return null;
    }

    const i = y * this.width + x;
    return {
      x,
      y,
      painted: this.painted[i] === 1,
      url: this.urls.at(this.urlIds[i]),
      owner: this.owners.at(this.ownerIds[i]),
    };
  }
}

/** Draws the pixels that carry a valid colour; returns how many. */
export function drawPixels(context, map, pixels) {
  const colored = pixels.filter((p) => typeof p.color === "string" && COLOR.test(p.color) && map.contains(p.x, p.y));
  if (colored.length > 512) {
    // One read and one write of the whole raster beat thousands of fillRect calls.
    const image = context.getImageData(0, 0, map.width, map.height);
    for (const p of colored) {
      const o = (p.y * map.width + p.x) * 4;
      const rgb = Number.parseInt(p.color.slice(1), 16);
      image.data[o] = rgb >> 16;
      image.data[o + 1] = (rgb >> 8) & 0xff;
      image.data[o + 2] = rgb & 0xff;
      image.data[o + 3] = 255;
    }

    context.putImageData(image, 0, 0);
  } else {
    for (const p of colored) {
      context.fillStyle = p.color;
      context.fillRect(p.x, p.y, 1, 1);
    }
  }

  return colored.length;
}

class StringTable {
  constructor() {
    this.values = [null];
    this.ids = new Map();
  }

  id(value) {
    if (typeof value !== "string" || value.length === 0) {
      return 0;
    }

    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }

    return id;
  }

  at(id) {
    return this.values[id];
  }
}
