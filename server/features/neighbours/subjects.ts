/*
 * Cards (neighbour_card) and messages (neighbour_message) as content subjects
 * (server/platform/content.ts), registered when this module loads.
 */
export {};
