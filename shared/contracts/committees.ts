import { z } from 'zod';
import { officeHoursSchema, officeHoursView } from '../domain/office-hours';
import { officeStatuses } from '../enums';
import { optionalText, text } from '../text';
import {
  communityParams,
  coordinatesTogether,
  idSchema,
  latitude,
  latitudeQuery,
  listOf,
  longitude,
  longitudeQuery,
  pageLimit,
  pageOffset,
  phoneNumber,
} from './common';
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

export const listCommittees = defineRoute({
  method: 'GET',
  path: '/api/committees',
  summary: 'Find committees by name or street, nearest first when a location is given',
  tag: 'committees',
  auth: 'optional',
  query: z
    .object({
      q: optionalText({ max: 40, messages: '搜索的字最多40个' }),
      streetId: idSchema.optional(),
      lat: latitudeQuery.optional(),
      lng: longitudeQuery.optional(),
      limit: pageLimit(50, 20),
      offset: pageOffset(10_000),
    })
    .refine(...coordinatesTogether),
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
  // Replies are not re-validated with the input rules: what is stored is shown.
  officeHours: officeHoursView,
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
  errors: ['NOT_FOUND'],
  params: communityParams,
  query: z.object({ lat: latitudeQuery.optional(), lng: longitudeQuery.optional() }).refine(...coordinatesTogether),
  response: committeeCard,
});

export const staffInput = z.object({
  name: text({ min: 1, max: 20, messages: { min: '请填写姓名', max: '姓名最多20个字' } }),
  title: text({ min: 1, max: 20, messages: { min: '请填写职务', max: '职务最多20个字' } }),
  phone: phoneNumber.nullable(),
  dutyWeekdays: z.array(z.number().int().min(1).max(7)).max(7),
});

export const updateCommittee = defineRoute({
  method: 'PATCH',
  path: '/api/committees/:communityId',
  summary: "Edit a committee's card (its moderators, or an admin)",
  tag: 'committees',
  auth: 'staff',
  errors: ['DUPLICATE'],
  params: communityParams,
  body: z
    .object({
      name: text({ min: 2, max: 40, messages: '名称要2到40个字' }),
      address: text({ min: 2, max: 120, messages: '地址要2到120个字' }),
      phone: phoneNumber.nullable(),
      lat: latitude.nullable(),
      lng: longitude.nullable(),
      intro: text({ max: 2000, multiline: true, messages: '介绍最多2000字' }),
      officeHours: officeHoursSchema,
      staff: z.array(staffInput).max(30),
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' })
    .refine(...coordinatesTogether),
  response: committeeCard,
});
