import type { Compiler } from 'webpack';

/**
 * Drops the whitespace between tags in the WXML templates of a production build. Taro's own
 * `minifyXML` runs html-minifier, which treats <input> as an HTML void element and drops its end
 * tag, and WeChat's WXML compiler then refuses the file ("expect end-tag input"). Text shown to
 * the user is bound data ({{…}}) in Taro's templates, never literal text between tags, so only
 * whitespace-only runs between `>` and `<` are removed.
 */
export function collapseWxmlWhitespace(source: string): string {
  return source.replace(/>\s+</g, '><').trim();
}

export class MinifyWxmlPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('MinifyWxmlPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After Taro's plugin has emitted the templates.
        { name: 'MinifyWxmlPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!name.endsWith('.wxml')) continue;
            const text = assets[name].source().toString();
            compilation.updateAsset(name, new sources.RawSource(collapseWxmlWhitespace(text)));
          }
        },
      );
    });
  }
}
