// The server's deep-zoom pyramid (docs/billion-satoshi.md, "Tiles") as an OpenSeadragon custom tile source.
//
// Server: 256-px tiles; zoom 0 fits the whole canvas in one tile, each zoom halves a tile's span, and at the deepest
// zoom (maxZoom: the smallest z with 256·2^z ≥ the longer side, 8 for 50,000×20,000) one tile pixel is one canvas
// pixel. OpenSeadragon: level L is drawn at scale 2^(L − maxLevel). So level = zoom, with minLevel 0 and
// maxLevel = maxZoom: at level z a tile spans 256·2^(maxZoom−z) canvas pixels, as on the server.
//
// Edge tiles: the server always answers 256×256 (parts beyond the canvas are background); OpenSeadragon draws only the
// tile's source bounds (the part inside the canvas, from the top-left), so nothing is stretched.

export const TILE_SIZE = 256;

export function maxZoomOf(width, height) {
  let zoom = 0;
  while (TILE_SIZE * 2 ** zoom < Math.max(width, height)) {
    zoom++;
  }

  return zoom;
}

/**
 * The tile source for a width × height canvas. `revision` is added to the tile URLs (`?v=`) after a change the page
 * knows of, so the browser does not reuse a tile it has already decoded.
 */
export function tileSource(base, width, height, revision = 0) {
  const query = revision > 0 ? `?v=${revision}` : "";
  return {
    width,
    height,
    tileSize: TILE_SIZE,
    tileOverlap: 0,
    minLevel: 0,
    maxLevel: maxZoomOf(width, height),
    getTileUrl: (level, x, y) => new URL(`api/canvas/tiles/${level}/${x}/${y}.png${query}`, base).href,
  };
}
