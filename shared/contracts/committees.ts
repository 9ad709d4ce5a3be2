import { z } from 'zod';
import { officeHoursSchema } from '../domain/office-hours';
import { officeStatuses } from '../enums';
import { communityParams, householdSchema, idSchema, listOf } from './common';
import { defineRoute } from './route';

export const streetSchema = z.object({ id: z.number().int(), name: z.string() });
export const districtSchema = z.object({ id: z.number().int(), name: z.string(), streets: z.array(streetSchema) });

export const listDistricts = defineRoute({
  method: 'GET',
  path: '/api/districts',
  summary: 'Districts and their streets, for filters',
  tag: 'committees',
  auth: 'public',
  response: z.object({ items: z.array(districtSchema) }),
});

const officeStatusSchema = z.enum(officeStatuses);

export const committeeSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  districtName: z.string(),
  streetName: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  distanceM: z.number().int().nullable(),
  officeStatus: officeStatusSchema,
  isMine: z.boolean(),
});
export type CommitteeSummary = z.infer<typeof committeeSummary>;

const latitude = z.coerce.number().min(-90).max(90);
const longitude = z.coerce.number().min(-180).max(180);

export const listCommittees = defineRoute({
  method: 'GET',
  path: '/api/committees',
  summary: 'Find committees by name or street, nearest first when a location is given',
  tag: 'committees',
  auth: 'optional',
  query: z
    .object({
      q: z.string().trim().max(40).optional(),
      streetId: idSchema.optional(),
      lat: latitude.optional(),
      lng: longitude.optional(),
      limit: z.coerce.number().int().min(1).max(50).default(20),
      offset: z.coerce.number().int().min(0).max(10_000).default(0),
    })
    .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: '经纬度要一起提供', path: ['lat'] }),
  response: listOf(committeeSummary),
});

export const staffOnDuty = z.object({
  id: z.number().int(),
  name: z.string(),
  title: z.string(),
  /** Only present when the staff member chose to publish it. */
  phone: z.string().nullable(),
  dutyWeekdays: z.array(z.number().int().min(1).max(7)),
  onDutyToday: z.boolean(),
});

export const committeeCard = committeeSummary.extend({
  intro: z.string(),
  officeHours: officeHoursSchema,
  todayPeriods: z.array(z.object({ start: z.string(), end: z.string() })),
  officeNote: z.string().nullable(),
  staff: z.array(staffOnDuty),
});
export type CommitteeCard = z.infer<typeof committeeCard>;

export const getCommittee = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId',
  summary: "A committee's public contact card",
  tag: 'committees',
  auth: 'optional',
  params: communityParams,
  query: z.object({ lat: latitude.optional(), lng: longitude.optional() }),
  response: committeeCard,
});

export const staffInput = z.object({
  name: z.string().trim().min(1).max(20),
  title: z.string().trim().min(1).max(20),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9-]{7,20}$/, '电话格式不对')
    .nullable(),
  dutyWeekdays: z.array(z.number().int().min(1).max(7)).max(7),
});

export const updateCommittee = defineRoute({
  method: 'PATCH',
  path: '/api/committees/:communityId',
  summary: "Edit a committee's card (its moderators, or an admin)",
  tag: 'committees',
  auth: 'staff',
  params: communityParams,
  body: z
    .object({
      name: z.string().trim().min(2).max(40),
      address: z.string().trim().min(2).max(120),
      phone: z
        .string()
        .trim()
        .regex(/^[0-9-]{7,20}$/, '电话格式不对')
        .nullable(),
      lat: z.number().min(-90).max(90).nullable(),
      lng: z.number().min(-180).max(180).nullable(),
      intro: z.string().trim().max(2000),
      officeHours: officeHoursSchema,
      staff: z.array(staffInput).max(30),
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' }),
  response: committeeCard,
});

export const buildingSchema = z.object({ id: z.number().int(), name: z.string(), households: z.number().int() });

export const listBuildings = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/buildings',
  summary: 'Buildings of a community (to choose a household when joining)',
  tag: 'committees',
  auth: 'user',
  params: communityParams,
  response: z.object({ items: z.array(buildingSchema) }),
});

export const listHouseholds = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/buildings/:buildingId/households',
  summary: 'Households of a building (unit and room only, never who lives there)',
  tag: 'committees',
  auth: 'user',
  params: z.object({ communityId: idSchema, buildingId: idSchema }),
  response: z.object({ items: z.array(householdSchema) }),
});

export const createBuilding = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/buildings',
  summary: 'Add a building',
  tag: 'committees',
  auth: 'staff',
  status: 201,
  params: communityParams,
  body: z.object({ name: z.string().trim().min(1).max(20) }),
  response: buildingSchema,
});

export const createHousehold = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/households',
  summary: 'Add a household (building, unit, room, floor area)',
  tag: 'committees',
  auth: 'staff',
  status: 201,
  params: communityParams,
  body: z.object({
    buildingId: idSchema,
    unit: z.string().trim().min(1).max(10),
    room: z.string().trim().min(1).max(10),
    floorArea: z.number().positive().max(10_000).nullable(),
  }),
  response: householdSchema,
});
