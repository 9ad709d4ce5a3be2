import { AppError } from '../core/errors';
import { type Action, type Actor, decide, type Resource, refusalMessages } from './policy';

/** Throws the typed error for a refusal; a foreign community's object is a 404. */
export function requireAllowed(actor: Actor | null, action: Action, resource?: Resource): asserts actor is Actor {
  const decision = decide(actor, action, resource);
  if (decision === 'allow') return;
  if (decision === 'unauthenticated') throw new AppError('UNAUTHENTICATED');
  if (decision === 'forbidden') throw new AppError('FORBIDDEN', refusalMessages[action]);
  throw new AppError('NOT_FOUND');
}

export function requireActor(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
}
