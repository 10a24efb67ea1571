// Zoom and pan: the 1000×1000 <canvas> keeps one device pixel per canvas pixel in its bitmap and is scaled and moved
// with a CSS transform (image-rendering: pixelated), so zooming never redraws the raster.

const MAX_SCALE = 64;

export class View {
  constructor(viewport, canvas, onChange) {
    this.viewport = viewport;
    this.canvas = canvas;
    this.onChange = onChange;
    this.scale = 1;
    this.x = 0;
    this.y = 0;
  }

  get minScale() {
    return Math.min(this.fitScale() / 2, 1);
  }

  fitScale() {
    const { clientWidth, clientHeight } = this.viewport;
    return Math.max(0.05, Math.min(clientWidth / this.canvas.width, clientHeight / this.canvas.height) * 0.96);
  }

  fit() {
    this.scale = this.fitScale();
    this.x = (this.viewport.clientWidth - this.canvas.width * this.scale) / 2;
    this.y = (this.viewport.clientHeight - this.canvas.height * this.scale) / 2;
    this.apply();
  }

  /** Zooms by factor keeping the canvas point under (vx, vy) (viewport coordinates) where it is. */
  zoomAt(factor, vx, vy) {
    const scale = Math.min(MAX_SCALE, Math.max(this.minScale, this.scale * factor));
    const k = scale / this.scale;
    this.x = vx - (vx - this.x) * k;
    this.y = vy - (vy - this.y) * k;
    this.scale = scale;
    this.apply();
  }

  zoomCentered(factor) {
    this.zoomAt(factor, this.viewport.clientWidth / 2, this.viewport.clientHeight / 2);
  }

  pan(dx, dy) {
    this.x += dx;
    this.y += dy;
    this.apply();
  }

  /** The canvas pixel under a point in viewport coordinates, or null outside the canvas. */
  pixelAt(vx, vy) {
    const x = Math.floor((vx - this.x) / this.scale);
    const y = Math.floor((vy - this.y) / this.scale);
    return x >= 0 && y >= 0 && x < this.canvas.width && y < this.canvas.height ? { x, y } : null;
  }

  apply() {
    this.canvas.style.transform = `translate(${this.x}px, ${this.y}px) scale(${this.scale})`;
    this.onChange?.(this);
  }
}
