/**
 * 适老化 measurements of what a page shows in Chromium: font sizes, tap targets and text contrast
 * against the floors the app promises (app.css). Reusable by any E2E test:
 *
 *   const problems = await measureElderly(page, { large: false });
 *   expect(problems).toEqual([]);
 *
 * Everything is measured in the page (CSS px as the browser lays them out), so it does not matter
 * how the size was written (Taro's 750-wide px, rem, real px in desktop.css).
 */
import type { Page } from 'playwright-core';

/** The floors, in CSS px. Large = 大字模式. */
export const ELDERLY_FLOORS = {
  normal: { text: 16, tag: 14 },
  large: { text: 20, tag: 18 },
  /** Every tap target, both ways. */
  tap: 48,
  /** WCAG AA: normal text, and large text (≥ 24 px, or bold and ≥ 18.66 px). */
  contrast: 4.5,
  contrastLarge: 3,
} as const;

/**
 * What counts as a tag or badge (floor `tag`): short labels next to a title. Everything else is
 * body or secondary text.
 */
export const TAG_SELECTOR = '.tag, .badge, .weui-badge';

/**
 * What counts as a tap target, besides any element with a click listener (Taro's components keep
 * theirs in `__events`, its own dialogs use onclick, plain React DOM its props). `.tap` marks one by hand.
 */
export const TAP_SELECTOR = [
  'button',
  'a[href]',
  '[role=button]',
  '[role=link]',
  '[role=switch]',
  '[role=checkbox]',
  'input:not([type=hidden])',
  'textarea',
  'select',
  'taro-button-core',
  'taro-switch-core',
  'taro-checkbox-core',
  'taro-input-core',
  'taro-textarea-core',
  '.tap',
].join(', ');

export interface ElderlyProblem {
  kind: 'font-size' | 'tap-target' | 'contrast';
  /** tag#id.classes "text…" */
  element: string;
  measured: string;
  floor: string;
}

export interface MeasureOptions {
  large: boolean;
  /**
   * Measure only inside these elements (a dialog over the page); default the whole document. In a
   * dialog every tap target must also be on screen and on top (not under the tab bar).
   */
  root?: string;
}

/** Measures the page as shown now; returns every element below a floor (empty when all is well). */
export async function measureElderly(page: Page, options: MeasureOptions): Promise<ElderlyProblem[]> {
  const floors = options.large ? ELDERLY_FLOORS.large : ELDERLY_FLOORS.normal;
  return page.evaluate(
    // Runs in the browser: self-contained, no imports.
    (o) => {
      type Rgba = [number, number, number, number];
      const problems: Array<{ kind: string; element: string; measured: string; floor: string }> = [];
      const roots = o.root ? [...document.querySelectorAll<HTMLElement>(o.root)] : [document.body];
      const docWidth = document.documentElement.scrollWidth;

      const describe = (el: Element) => {
        const id = el.id ? `#${el.id}` : '';
        const classes = [...el.classList]
          .slice(0, 3)
          .map((c) => `.${c}`)
          .join('');
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24);
        return `${el.tagName.toLowerCase()}${id}${classes}${text ? ` "${text}"` : ''}`;
      };

      const shown = (el: Element) => {
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) return false;
        // Parked off screen (visually hidden inputs and the like).
        if (r.right + window.scrollX <= 0 || r.bottom + window.scrollY <= 0 || r.left + window.scrollX >= docWidth) {
          return false;
        }
        for (let e: Element | null = el; e; e = e.parentElement) {
          const cs = getComputedStyle(e);
          if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false;
        }
        return true;
      };

      const disabled = (el: Element) => el.closest('[disabled], [aria-disabled="true"]') !== null;

      const parse = (c: string): Rgba => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m) return [0, 0, 0, 1];
        const parts = m[1]
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
      };
      const over = (top: Rgba, below: Rgba): Rgba => {
        const a = top[3];
        return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
      };
      /** The colour behind an element: its own and its ancestors' backgrounds, composed; white at the bottom. */
      const background = (el: Element): Rgba => {
        const layers: Rgba[] = [];
        for (let e: Element | null = el; e; e = e.parentElement) {
          const bg = parse(getComputedStyle(e).backgroundColor);
          if (bg[3] > 0) layers.push(bg);
          if (bg[3] >= 1) break;
        }
        let c: Rgba = [255, 255, 255, 1];
        for (const layer of layers.reverse()) c = over(layer, c);
        return c;
      };
      const opacity = (el: Element) => {
        let o = 1;
        for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
        return o;
      };
      const luminance = ([r, g, b]: Rgba) => {
        const ch = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
      };
      const ratio = (a: Rgba, b: Rgba) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };

      // ---- text: font size and contrast, once per element that holds visible text ----
      const textHolders = new Set<Element>();
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          if (!parent || !n.textContent?.trim()) continue;
          if (parent.closest('script, style, noscript, template')) continue;
          textHolders.add(parent);
        }
        for (const field of root.querySelectorAll('input:not([type=hidden]):not([type=checkbox]), textarea')) {
          textHolders.add(field);
        }
      }
      for (const el of textHolders) {
        if (!shown(el)) continue;
        const cs = getComputedStyle(el);
        const size = Number.parseFloat(cs.fontSize);
        const isTag = el.closest(o.tagSelector) !== null;
        const floor = isTag ? o.floors.tag : o.floors.text;
        if (size < floor - 0.01) {
          problems.push({
            kind: 'font-size',
            element: describe(el),
            measured: `${size.toFixed(2)}px`,
            floor: `${floor}px (${isTag ? 'tag' : 'text'})`,
          });
        }
        if (disabled(el)) continue; // WCAG exempts inactive controls
        const fg = parse(cs.color);
        fg[3] *= opacity(el);
        const bg = background(el);
        const contrast = ratio(over(fg, bg), bg);
        const bold = Number(cs.fontWeight) >= 700;
        const large = size >= 24 || (bold && size >= 18.66);
        const need = large ? o.contrastLarge : o.contrast;
        if (contrast < need - 0.005) {
          problems.push({
            kind: 'contrast',
            element: describe(el),
            measured: `${contrast.toFixed(2)}:1 (${cs.color} on rgb(${bg.slice(0, 3).map(Math.round).join(', ')}))`,
            floor: `${need}:1`,
          });
        }
      }

      // ---- tap targets: the outermost interactive element of each nest ----
      const clickable = (el: Element) => {
        if (el.matches(o.tapSelector)) return true;
        if ((el as HTMLElement).onclick) return true;
        // Taro's H5 components keep their listeners in `__events` (click / tap); plain React DOM in its props.
        const events = (el as unknown as { __events?: Record<string, unknown> }).__events;
        if (events && (events.click || events.tap)) return true;
        const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
        const props = key ? (el as unknown as Record<string, { onClick?: unknown } | undefined>)[key] : undefined;
        return typeof props?.onClick === 'function';
      };
      const targets = new Set<Element>();
      for (const root of roots) {
        for (const el of [root, ...root.querySelectorAll('*')]) if (clickable(el)) targets.add(el);
      }
      for (const el of targets) {
        // A control inside a Taro wrapper (the <input> of <taro-input-core>) is measured as the wrapper.
        const wrapper = el.parentElement?.closest(
          'taro-input-core, taro-textarea-core, taro-switch-core, taro-checkbox-core, taro-button-core',
        );
        if (wrapper && targets.has(wrapper)) continue;
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        // In a dialog nothing can be scrolled out from under what covers it (a tab bar, say).
        if (o.root) {
          const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
          const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
          const top = document.elementFromPoint(x, y);
          if (!top || !(el === top || el.contains(top))) {
            problems.push({
              kind: 'tap-target',
              element: describe(el),
              measured: `covered by ${top ? describe(top) : 'nothing on screen'}`,
              floor: 'on screen and on top',
            });
            continue;
          }
        }
        if (r.width < o.tap - 0.5 || r.height < o.tap - 0.5) {
          problems.push({
            kind: 'tap-target',
            element: describe(el),
            measured: `${r.width.toFixed(1)} × ${r.height.toFixed(1)}px`,
            floor: `${o.tap} × ${o.tap}px`,
          });
        }
      }
      return problems;
    },
    {
      root: options.root ?? null,
      floors,
      tap: ELDERLY_FLOORS.tap,
      contrast: ELDERLY_FLOORS.contrast,
      contrastLarge: ELDERLY_FLOORS.contrastLarge,
      tagSelector: TAG_SELECTOR,
      tapSelector: TAP_SELECTOR,
    },
  ) as Promise<ElderlyProblem[]>;
}

/** One line per problem, for a failure message. */
export function formatProblems(where: string, problems: ElderlyProblem[]): string[] {
  return problems.map((p) => `${where}: ${p.kind} ${p.element}: ${p.measured}, floor ${p.floor}`);
}
