// The active placements (GET api/canvas), to find the one under a click.

export class Placements {
  constructor(list = []) {
    this.list = list;
  }

  /** The placement whose square [x, x+size) × [y, y+size) holds canvas pixel (x, y), or null. Active squares never overlap. */
  at(x, y) {
    for (const p of this.list) {
      if (x >= p.x && x < p.x + p.size && y >= p.y && y < p.y + p.size) {
        return p;
      }
    }

    return null;
  }
}
