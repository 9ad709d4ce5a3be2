/** The design tokens code uses (lib/tokens.ts) are the same values as app.css's custom properties. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colors } from '../../miniprogram/lib/tokens';

const css = readFileSync('miniprogram/app.css', 'utf8');

/** `--c-text-muted: #4a4f55;` → { textMuted: '#4a4f55' } for every colour token in app.css. */
function cssColors(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of css.matchAll(/--c-([a-z-]+):\s*(#[0-9a-f]{3,8})\s*;/gi)) {
    out[m[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = m[2].toLowerCase();
  }
  return out;
}

describe('design tokens', () => {
  it('every colour in lib/tokens.ts is the colour of the same name in app.css', () => {
    const fromCss = cssColors();
    expect(Object.keys(fromCss).length).toBeGreaterThan(10);
    for (const [name, value] of Object.entries(colors)) expect([name, fromCss[name]]).toEqual([name, value]);
  });

  it('app.css writes colours only in the token block (rules use var(--c-…))', () => {
    const rules = css.slice(css.indexOf('/* font-size steps, large text')).replace(/\/\*[\s\S]*?\*\//g, '');
    expect(rules.match(/#[0-9a-f]{3,8}\b/gi) ?? []).toEqual([]);
  });
});
