/*
 * Leaving the community (or being revoked) removes the card and the threads' identity at once
 * (server/platform/membership-end.ts), registered when this module loads.
 */
export {};
