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
