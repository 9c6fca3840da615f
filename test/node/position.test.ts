import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoPosition, place } from '../../src/internal/position.js';

const VW = 1000;
const VH = 800;
const anchor = (x: number, y: number, width = 200, height = 36) => ({ x, y, width, height });

test('below the anchor, left edges aligned, with the offset', () => {
  const p = place(anchor(100, 100), { width: 300, height: 200 }, VW, VH);
  assert.deepEqual(p, { x: 100, y: 140, placement: 'bottom', maxHeight: Math.floor(VH - 8 - 140) });
});

test('flips above when it does not fit below and there is more room above', () => {
  const a = anchor(100, 700);
  const p = place(a, { width: 300, height: 200 }, VW, VH);
  assert.equal(p.placement, 'top');
  assert.equal(p.y + 200, a.y - 4); // bottom edge 4px above the anchor
  assert.equal(p.maxHeight, 700 - 4 - 8);
});

test('stays below when neither side fits but below has more room, and caps the height to it', () => {
  const p = place(anchor(100, 300), { width: 300, height: 900 }, VW, VH);
  assert.equal(p.placement, 'bottom');
  assert.equal(p.maxHeight, VH - 8 - (300 + 36 + 4));
});

test('above: a tall panel is capped and sits right above the anchor', () => {
  const a = anchor(100, 600);
  const p = place(a, { width: 300, height: 900 }, VW, VH);
  assert.equal(p.placement, 'top');
  assert.equal(p.maxHeight, 600 - 4 - 8);
  assert.equal(p.y, 8); // capped height, so the top edge meets the padding
});

test('shifts inside the viewport horizontally, keeping the padding', () => {
  assert.equal(place(anchor(900, 100, 100), { width: 320, height: 100 }, VW, VH).x, VW - 8 - 320);
  assert.equal(place(anchor(-50, 100), { width: 320, height: 100 }, VW, VH).x, 8);
  // Wider than the viewport: pinned to the start padding.
  assert.equal(place(anchor(100, 100), { width: 2000, height: 100 }, VW, VH).x, 8);
});

test('right-to-left aligns the right edges', () => {
  const p = place(anchor(500, 100, 200), { width: 300, height: 100 }, VW, VH, true);
  assert.equal(p.x + 300, 700);
});

test('a minimum height is kept even with no room at all', () => {
  const p = place(anchor(0, 0, 100, VH), { width: 100, height: 300 }, VW, VH);
  assert.equal(p.maxHeight, 96);
});

test('autoPosition updates now, on scroll (capture) and resize, after element resizes, and cleans up', () => {
  const listeners = new Map<string, { fn: () => void; capture: unknown }>();
  const observed: unknown[] = [];
  let roCallback: () => void = () => {};
  let disconnected = false;
  let frames: (() => void)[] = [];
  const g = globalThis as Record<string, unknown>;
  const saved = ['addEventListener', 'removeEventListener', 'ResizeObserver', 'requestAnimationFrame', 'cancelAnimationFrame'].map((k) => [k, g[k]] as const);
  g.addEventListener = (type: string, fn: () => void, capture: unknown) => listeners.set(type, { fn, capture });
  g.removeEventListener = (type: string, fn: () => void) => listeners.get(type)?.fn === fn && listeners.delete(type);
  g.ResizeObserver = class {
    constructor(cb: () => void) {
      roCallback = cb;
    }
    observe(el: unknown) {
      observed.push(el);
    }
    disconnect() {
      disconnected = true;
    }
  };
  g.requestAnimationFrame = (fn: () => void) => frames.push(fn);
  g.cancelAnimationFrame = (id: number) => {
    if (id) frames[id - 1] = () => {};
  };
  try {
    let calls = 0;
    const a = {} as Element;
    const f = {} as Element;
    const stop = autoPosition(a, f, () => calls++);
    assert.equal(calls, 1);
    assert.deepEqual(observed, [a, f]);
    assert.equal(listeners.get('scroll')!.capture, true);
    listeners.get('scroll')!.fn();
    listeners.get('resize')!.fn();
    assert.equal(calls, 3);
    roCallback();
    roCallback(); // coalesced into one frame
    assert.equal(calls, 3);
    frames.forEach((fn) => fn());
    frames = [];
    assert.equal(calls, 4);
    stop();
    assert.equal(disconnected, true);
    assert.equal(listeners.size, 0);
  } finally {
    for (const [k, v] of saved) g[k] = v;
  }
});
