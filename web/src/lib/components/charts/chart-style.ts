// What the server-rendered charts share: series colours (each at least 3:1 against white, as WCAG
// 1.4.11 asks of graphics) and a second cue besides colour for each series (a marker shape on lines,
// a fill pattern on bars), so a series can be told apart in greyscale and by people who see colour
// differently. Every chart also has its figures in a table next to it.

export const SERIES_COLOURS = ["#1d70b8", "#4c2c92", "#00703c", "#d4351c"] as const;

/** Reference lines and marks (such as the share among all suppliers): dark grey, dashed. */
export const REFERENCE_COLOUR = "#505a5f";

/** The colour for the series at this position. */
export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? "#0b0c0c";
}

export type MarkerShape = "circle" | "square" | "triangle" | "diamond" | "cross";
const SHAPES: readonly MarkerShape[] = ["circle", "square", "triangle", "diamond", "cross"];

/** The marker shape for the series at this position. */
export function seriesShape(index: number): MarkerShape {
  return SHAPES[index % SHAPES.length] ?? "circle";
}

/** An SVG path for a marker of this shape centred on (x, y), about 2r across. */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  switch (shape) {
    case "square":
      return `M${x - r * 0.85},${y - r * 0.85}h${r * 1.7}v${r * 1.7}h${-r * 1.7}z`;
    case "triangle":
      return `M${x},${y - r * 1.1}L${x + r * 1.05},${y + r * 0.8}L${x - r * 1.05},${y + r * 0.8}z`;
    case "diamond":
      return `M${x},${y - r * 1.15}L${x + r * 1.15},${y}L${x},${y + r * 1.15}L${x - r * 1.15},${y}z`;
    case "cross": {
      const a = r * 0.35;
      return `M${x - a},${y - r}h${2 * a}v${r - a}h${r - a}v${2 * a}h${a - r}v${r - a}h${-2 * a}v${a - r}h${a - r}v${-2 * a}h${r - a}z`;
    }
    default:
      return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
}

/** "60%" from 0.6; "No data" when there is nothing to divide. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return "No data";
  return `${Math.round(share * 100)}%`;
}
