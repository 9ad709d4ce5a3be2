import Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';

/** `/api/committees/12` → `committees`; null outside /api. */
function sectionOf(path: string): string | null {
  if (!path.startsWith('/api/')) return null;
  const end = path.indexOf('/', 5);
  return end === -1 ? path.slice(5) : path.slice(5, end);
}

/**
 * The API's routes in one @koa/router per section (the path segment after /api/),
 * found by a map lookup: the router tests each of its routes' patterns in turn on
 * every request, so a request now meets the few routes of its own section rather
 * than all of them. Each section answers its own 405 and 501 (allowedMethods).
 */
export function createSections() {
  const routers = new Map<string, Router>();

  function routerFor(path: string): Router {
    const section = sectionOf(path);
    if (section === null) throw new Error(`${path}: API routes live under /api/`);
    let router = routers.get(section);
    if (!router) {
      router = new Router();
      routers.set(section, router);
    }
    return router;
  }

  function middleware(): Middleware {
    const chains = new Map<string, Middleware>();
    for (const [section, router] of routers) {
      const routes = router.routes() as Middleware;
      const allowed = router.allowedMethods() as Middleware;
      chains.set(section, (ctx, next) => routes(ctx, () => allowed(ctx, next)));
    }
    return (ctx: Context, next: Next) => {
      const section = sectionOf(ctx.path);
      const chain = section === null ? undefined : chains.get(section);
      return chain ? chain(ctx, next) : next();
    };
  }

  return { routerFor, middleware };
}
