/**
 * Design tokens for the few places that need them in code (app.config.ts, inline styles, API
 * options such as showModal's confirmColor). The same values are the CSS custom properties at the
 * top of app.css: change a colour in both places (tests/miniprogram/tokens.test.ts checks they agree).
 */
/** Keys are the CSS names without `--c-` in camelCase: primary ↔ --c-primary, textMuted ↔ --c-text-muted. */
export const colors = {
  /** Links, primary buttons, the selected tab: 6.3:1 on white. */
  primary: '#1f5fbf',
  primaryDark: '#174a94',
  primarySoft: '#e8f0fe',
  text: '#1a1a1a',
  /** Secondary text: 7.5:1 on white, 6.8:1 on the page background. */
  textSecondary: '#555555',
  /** Unselected tab labels and switched-off states: 8.3:1 on white. */
  textMuted: '#4a4f55',
  bg: '#f4f5f7',
  surface: '#ffffff',
  border: '#c7ccd3',
  danger: '#c5221f',
  ok: '#137333',
} as const;
