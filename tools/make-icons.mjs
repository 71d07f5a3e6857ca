#!/usr/bin/env node
// Draws the Teams app icons: manifest/color.png (192×192) and manifest/outline.png (32×32).
// The symbol is two overlapping speech bubbles — a conversation that runs both ways, which is what reverse
// mentoring is about. Shapes are signed distance functions in a 96×96 "symbol" space, so both icons come from
// one drawing. Usage: node tools/make-icons.mjs [output-folder]   (default: manifest/ next to tools/)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePng } from "./lib/png.mjs";

// Keep in step with "accentColor" in manifest/manifest.json: Teams paints it behind the icon in places.
const Background = [0x4f, 0x5b, 0xd5];
const White = [0xff, 0xff, 0xff];
const Amber = [0xff, 0xb5, 0x47];

const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);

function roundBox(x, y, left, top, right, bottom, radius) {
  const qx = Math.abs(x - (left + right) / 2) - (right - left) / 2 + radius;
  const qy = Math.abs(y - (top + bottom) / 2) - (bottom - top) / 2 + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

// Exact signed distance to a triangle (Inigo Quilez's formulation).
function triangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const edges = [[ax, ay, bx - ax, by - ay], [bx, by, cx - bx, cy - by], [cx, cy, ax - cx, ay - cy]];
  const winding = Math.sign((bx - ax) * (ay - cy) - (by - ay) * (ax - cx));
  let distance = Infinity;
  let sign = 1;
  for (const [px, py, ex, ey] of edges) {
    const vx = x - px;
    const vy = y - py;
    const t = clamp((vx * ex + vy * ey) / (ex * ex + ey * ey), 0, 1);
    distance = Math.min(distance, Math.hypot(vx - ex * t, vy - ey * t));
    sign = Math.min(sign, winding * (vx * ey - vy * ex) >= 0 ? 1 : -1);
  }
  return sign < 0 ? distance : -distance;
}

const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

// The bubble one person speaks from (top left, tail down-left) and the reply (bottom right, tail down-right).
const backBubble = (x, y) =>
  Math.min(roundBox(x, y, 4, 6, 64, 52, 12), triangle(x, y, [14, 44], [32, 44], [8, 66]));
const frontBubble = (x, y) =>
  Math.min(roundBox(x, y, 32, 36, 92, 80, 12), triangle(x, y, [64, 72], [82, 72], [88, 94]));
const dots = (x, y, cy, xs) => Math.min(...xs.map((cx) => circle(x, y, cx, cy, 4.5)));

// Paint order: back bubble, a background-coloured gap around the reply, the reply, then the "typing" dots.
function colourAt(x, y) {
  let colour = Background;
  if (backBubble(x, y) <= 0) {
    colour = dots(x, y, 26, [20, 34, 48]) <= 0 ? Background : White;
  }
  if (frontBubble(x, y) <= 4) {
    colour = Background;
  }
  if (frontBubble(x, y) <= 0) {
    colour = dots(x, y, 58, [48, 62, 76]) <= 0 ? Background : Amber;
  }
  return colour;
}

// Outline icons must be white on transparent only; at 32 px a filled back bubble would merge with the reply, so it
// is drawn as a ring (~2.5 px) while the reply stays solid with its dots cut out.
function outlineCovered(x, y) {
  const front = frontBubble(x, y);
  if (front <= 0) {
    return dots(x, y, 58, [48, 62, 76]) > 0;
  }
  const back = backBubble(x, y);
  return front > 4.5 && back <= 0 && back >= -7.5;
}

const Samples = 4; // supersampling per axis

function render(size, symbolOrigin, symbolScale, shade) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const samples = [];
      for (let sy = 0; sy < Samples; sy++) {
        for (let sx = 0; sx < Samples; sx++) {
          const x = (px + (sx + 0.5) / Samples - symbolOrigin) / symbolScale;
          const y = (py + (sy + 0.5) / Samples - symbolOrigin) / symbolScale;
          samples.push([x, y]);
        }
      }
      rgba.set(shade(samples), (py * size + px) * 4);
    }
  }
  return rgba;
}

function averageColour(samples) {
  const sum = [0, 0, 0];
  for (const [x, y] of samples) {
    const c = colourAt(x, y);
    sum[0] += c[0];
    sum[1] += c[1];
    sum[2] += c[2];
  }
  return [...sum.map((s) => Math.round(s / samples.length)), 255];
}

function binaryWhite(samples) {
  const covered = samples.filter(([x, y]) => outlineCovered(x, y)).length;
  // No anti-aliasing: Teams requires every outline pixel to be pure white or fully transparent.
  return covered * 2 >= samples.length ? [...White, 255] : [0, 0, 0, 0];
}

const here = dirname(fileURLToPath(import.meta.url));
const outputFolder = resolve(process.argv[2] ?? join(here, "..", "manifest"));
mkdirSync(outputFolder, { recursive: true });

// color.png: 192×192, the 96×96 symbol centred with 48 px padding on a solid background.
writeFileSync(join(outputFolder, "color.png"), encodePng(192, 192, render(192, 48, 1, averageColour)));
// outline.png: 32×32, no padding — the symbol space scaled down by 3.
writeFileSync(join(outputFolder, "outline.png"), encodePng(32, 32, render(32, 0, 1 / 3, binaryWhite)));
console.log(`Wrote color.png and outline.png to ${outputFolder}`);
