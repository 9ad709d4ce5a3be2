import Koa from 'koa';
import compress from 'koa-compress';
import type { RouteContract } from '../shared/contracts/route';
import type { AppDeps } from './deps';
import { register as registerAdmin } from './features/admin/routes';
import { register as registerAudit } from './features/audit/routes';
import { register as registerAuth } from './features/auth/routes';
import { createSignInLimiters } from './features/auth/service';
import { register as registerBoard } from './features/board/routes';
import { register as registerCommittees } from './features/committees/routes';
import { register as registerDashboard } from './features/dashboard/routes';
import { register as registerHouseholds } from './features/households/routes';
import { register as registerInvitations } from './features/invitations/routes';
import { register as registerJobs } from './features/jobs/routes';
import { register as registerMatters } from './features/matters/routes';
import { register as registerMemberships } from './features/memberships/routes';
import { register as registerMessages } from './features/messages/routes';
import { register as registerModeration } from './features/moderation/routes';
import { register as registerNeighbours } from './features/neighbours/routes';
import { register as registerNotices } from './features/notices/routes';
import { buildOpenApi } from './features/ops/openapi';
import { register as registerOps } from './features/ops/routes';
import { register as registerPrivacy } from './features/privacy/routes';
import { register as registerRentals } from './features/rentals/routes';
import { register as registerScreening } from './features/screening/routes';
import { register as registerSignups } from './features/signups/routes';
import { register as registerSubscriptions } from './features/subscriptions/routes';
import { register as registerTopics } from './features/topics/routes';
import { register as registerUploads } from './features/uploads/routes';
import { register as registerVotes } from './features/votes/routes';
import { createAuthenticator } from './http/authenticate';
import { COMPRESS_THRESHOLD, edge, replies } from './http/middleware';
import { type Mount, mount as mountRoute, type RouteRegistry } from './http/route';
import { createSections } from './http/sections';
import { serveH5 } from './http/static';

export interface AppOptions {
  /** Folder of the H5 build to serve at `/`, if any. */
  h5Dir?: string;
}

/** Builds the Koa app from its dependencies; no globals, so a test builds one in a line. */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = new Koa({ proxy: deps.config.TRUST_PROXY });
  const sections = createSections();
  const registry: RouteRegistry = [];
  const authenticate = createAuthenticator(deps);
  const mount: Mount = (contract, handler) =>
    mountRoute(sections.routerFor(contract.path), registry, deps, authenticate, contract, handler);

  registerOps(mount);
  registerAuth(mount, createSignInLimiters(deps));
  registerCommittees(mount);
  registerHouseholds(mount);
  registerMemberships(mount);
  registerDashboard(mount);
  registerInvitations(mount);
  registerAudit(mount);
  registerAdmin(mount);
  registerPrivacy(mount);
  registerJobs(mount);
  registerUploads(mount);
  registerMessages(mount);
  registerNotices(mount);
  registerSignups(mount);
  registerSubscriptions(mount, deps);
  registerBoard(mount);
  registerScreening(mount);
  registerMatters(mount);
  registerModeration(mount);
  registerVotes(mount);
  registerRentals(mount);
  registerNeighbours(mount);
  registerTopics(mount);

  const openapi = buildOpenApi(registry);
  sections.routerFor('/api/openapi.json').get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });

  const h5 = options.h5Dir ? serveH5(options.h5Dir) : null;

  app.use(edge(deps.logger, { inlineScriptHashes: h5?.inlineScriptHashes }));
  // JSON bodies in, JSON replies out (compressed by `replies` itself); koa-compress wraps the H5 files only.
  app.use(replies(deps.logger, deps.config));
  // The routes, by section; each section answers 405 and 501 with an Allow header
  // (`replies` gives them the error body).
  app.use(sections.middleware());
  if (h5) {
    // gzip or brotli, as the browser asks, for the H5 files.
    app.use(compress({ threshold: COMPRESS_THRESHOLD, gzip: {}, br: {}, deflate: false }));
    app.use(h5.middleware);
  }
  // Errors are answered by `replies`; what still reaches Koa (a client gone mid-reply) is logged once.
  app.on('error', (error: Error) => deps.logger.warn('response error', { err: error }));
  return { app, routes: registry as readonly RouteContract[] };
}
