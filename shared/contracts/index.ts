export * as admin from './admin';
export * as audit from './audit';
export * as auth from './auth';
export * as committees from './committees';
export * as health from './health';
export * as invitations from './invitations';
export * as memberships from './memberships';
export * as privacy from './privacy';
export * from './route';
