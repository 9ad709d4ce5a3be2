import type { FileStore } from './store';

export * from './process';
export * from './store';
export * from './uploads';
export * from './urls';

/** The file service in the app's dependencies: where bytes live and the key URLs are signed with. */
export interface Files {
  store: FileStore;
  signingKey: Buffer;
}
