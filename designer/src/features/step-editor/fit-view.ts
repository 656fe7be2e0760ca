/**
 * The step editor's "show all": the whole procedure when it fits at a readable size, otherwise
 * the readable size from its start (left) and top, the rest a pan or the mini-map away. React
 * Flow's own fitView centres a clamped view, which cuts off the start of a long procedure.
 */
export const READABLE = { minZoom: 0.75, maxZoom: 1, padding: 16 };

export type Rect = { x: number; y: number; width: number; height: number };

/** The viewport (translation and zoom) that shows `bounds` in a `width` × `height` canvas. */
export function readableViewport(bounds: Rect, width: number, height: number): { x: number; y: number; zoom: number } {
  const pad = READABLE.padding;
  const room = { width: Math.max(1, width - 2 * pad), height: Math.max(1, height - 2 * pad) };
  const fit = Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height));
  const zoom = Math.min(READABLE.maxZoom, Math.max(READABLE.minZoom, fit));
  const shown = { width: bounds.width * zoom, height: bounds.height * zoom };
  const x = shown.width <= room.width ? (width - shown.width) / 2 : pad;
  const y = shown.height <= room.height ? (height - shown.height) / 2 : pad;
  return { x: x - bounds.x * zoom, y: y - bounds.y * zoom, zoom };
}
