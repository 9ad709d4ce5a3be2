import { asc, sql } from 'drizzle-orm';
import { buildings, households } from '../../db/schema';

/** The columns of a household as every reply shows it (building name joined in). */
export const householdColumns = {
  id: households.id,
  buildingId: households.buildingId,
  buildingName: buildings.name,
  unit: households.unit,
  room: households.room,
  floorArea: households.floorArea,
};

/** What the committee sees besides: the owner flag, how owners count by head, and whether it is retired. */
export const householdAdminColumns = {
  ...householdColumns,
  ownerOccupied: households.ownerOccupied,
  ownerKey: households.ownerKey,
  developerUnit: households.developerUnit,
  retiredAt: households.retiredAt,
};

/** Unit, then room in the order people count them (302 before 1001). */
export const householdOrder = [asc(households.unit), sql`length(${households.room})`, asc(households.room)] as const;

/** A household's own columns, as the services that edit or import rooms read them. */
export const householdRowColumns = {
  id: households.id,
  buildingId: households.buildingId,
  unit: households.unit,
  room: households.room,
  floorArea: households.floorArea,
  ownerOccupied: households.ownerOccupied,
  ownerKey: households.ownerKey,
  developerUnit: households.developerUnit,
  retiredAt: households.retiredAt,
};
