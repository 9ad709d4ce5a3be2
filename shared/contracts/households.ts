import { z } from 'zod';
import { text } from '../text';
import { communityParams, householdSchema, idSchema, isoDateTime, XLSX_TYPE } from './common';
import { defineFileRoute, defineRoute, defineUploadRoute, fileResponse } from './route';

/**
 * Buildings (楼栋) and households (户) of a community: what residents choose when they join,
 * and what its moderators keep up to date, by hand or from a roster file (房屋名册).
 * See docs/decisions/009-household-roster.md.
 */

export const buildingSchema = z.object({ id: z.number().int(), name: z.string(), households: z.number().int() });

/**
 * A household as the committee sees it: what residents see, plus the owner flag, the owner's
 * key and the developer flag (法释〔2009〕7号 arts. 8–9: how owners are counted by head), and
 * retirement.
 */
export const householdAdminSchema = householdSchema.extend({
  ownerOccupied: z.boolean(),
  ownerKey: z.string().nullable(),
  developerUnit: z.boolean(),
  retiredAt: isoDateTime.nullable(),
});
export type HouseholdAdmin = z.infer<typeof householdAdminSchema>;

export const buildingName = text({ min: 1, max: 20, messages: { min: '请填写楼栋名称', max: '楼栋名称最多20个字' } });
export const unitName = text({ min: 1, max: 10, messages: { min: '请填写单元', max: '单元最多10个字' } });
export const roomName = text({ min: 1, max: 10, messages: { min: '请填写房号', max: '房号最多10个字' } });
const areaMessage = '面积要大于0，最多10000平方米';
const floorArea = z.number({ error: areaMessage }).positive(areaMessage).max(10_000, areaMessage);
const ownerOccupied = z.boolean({ error: '请选择是否业主自住' });
export const OWNER_KEY_MAX = 40;
const ownerKeyMessage = `业主编号最多${OWNER_KEY_MAX}位，只能用字母、数字和减号（-）`;
/**
 * The owner's key from the property register (业主编号): units with the same key count as one
 * owner by head in owners' votes (法释〔2009〕7号 art. 9). Null: not known (the unit counts alone).
 */
export const ownerKey = text({ min: 1, max: OWNER_KEY_MAX, pattern: /^[A-Za-z0-9-]+$/, messages: ownerKeyMessage });
/** Unsold or undelivered developer units (开发商未售房): all of them count as one owner by head. */
const developerUnit = z.boolean({ error: '请选择是不是开发商未售出的房屋' });

const buildingParams = z.object({ communityId: idSchema, buildingId: idSchema });
const householdParams = z.object({ communityId: idSchema, householdId: idSchema });

export const listBuildings = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/buildings',
  summary: 'Buildings of a community (to choose a household when joining); retired ones are left out',
  tag: 'households',
  auth: 'user',
  errors: ['NOT_FOUND'],
  params: communityParams,
  response: z.object({ items: z.array(buildingSchema) }),
});

export const listHouseholds = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/buildings/:buildingId/households',
  summary: 'Households of a building (unit and room only, never who lives there); retired ones are left out',
  tag: 'households',
  auth: 'user',
  errors: ['NOT_FOUND'],
  params: buildingParams,
  response: z.object({ items: z.array(householdSchema) }),
});

export const createBuilding = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/buildings',
  summary: 'Add a building',
  tag: 'households',
  auth: 'staff',
  status: 201,
  errors: ['DUPLICATE'],
  params: communityParams,
  body: z.object({ name: buildingName }),
  response: buildingSchema,
});

export const renameBuilding = defineRoute({
  method: 'PATCH',
  path: '/api/committees/:communityId/buildings/:buildingId',
  summary: 'Rename a building',
  tag: 'households',
  auth: 'staff',
  errors: ['NOT_FOUND', 'DUPLICATE', 'INVALID_STATE'],
  params: buildingParams,
  body: z.object({ name: buildingName }),
  response: buildingSchema,
});

/** A unit+room both buildings have: the merge is refused and each one is listed. */
export const mergeClashSchema = z.object({ unit: z.string(), room: z.string(), message: z.string() });

export const mergeBuilding = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/buildings/:buildingId/merge',
  summary:
    'Move every household of this building into another one and remove this one; refused (409, details list the rooms) when both have the same unit and room',
  tag: 'households',
  auth: 'staff',
  errors: ['NOT_FOUND', 'DUPLICATE', 'INVALID_STATE'],
  params: buildingParams,
  body: z.object({ intoBuildingId: idSchema }),
  response: z.object({ building: buildingSchema, moved: z.number().int() }),
});

const removal = z.enum(['deleted', 'retired']);

export const removeBuilding = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/buildings/:buildingId',
  summary:
    'Remove a building: households nobody ever used are deleted, the others retired (their members stay); the building is deleted when it ends up empty, retired otherwise',
  tag: 'households',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: buildingParams,
  response: z.object({
    outcome: removal,
    householdsDeleted: z.number().int(),
    householdsRetired: z.number().int(),
    liveMembers: z.number().int(),
  }),
});

export const listHouseholdsAdmin = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/households',
  summary: 'Every household of a community for its committee, retired ones included, building by building',
  tag: 'households',
  auth: 'staff',
  params: communityParams,
  query: z.object({ buildingId: idSchema.optional() }),
  response: z.object({ items: z.array(householdAdminSchema) }),
});

export const createHousehold = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/households',
  summary: 'Add a household (building, unit, room, floor area, owner-occupied, owner key, developer unit)',
  tag: 'households',
  auth: 'staff',
  status: 201,
  errors: ['DUPLICATE', 'INVALID_STATE'],
  params: communityParams,
  body: z.object({
    buildingId: idSchema,
    unit: unitName,
    room: roomName,
    floorArea: floorArea.nullable(),
    ownerOccupied: ownerOccupied.optional(),
    ownerKey: ownerKey.nullable().optional(),
    developerUnit: developerUnit.optional(),
  }),
  response: householdSchema,
});

export const updateHousehold = defineRoute({
  method: 'PATCH',
  path: '/api/committees/:communityId/households/:householdId',
  summary: 'Edit a household: unit, room, floor area, owner-occupied, owner key, developer unit',
  tag: 'households',
  auth: 'staff',
  errors: ['NOT_FOUND', 'DUPLICATE', 'INVALID_STATE'],
  params: householdParams,
  body: z
    .object({
      unit: unitName,
      room: roomName,
      floorArea: floorArea.nullable(),
      ownerOccupied,
      ownerKey: ownerKey.nullable(),
      developerUnit,
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' }),
  response: householdAdminSchema,
});

export const removeHousehold = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/households/:householdId',
  summary:
    'Remove a household: deleted when nobody ever used it, otherwise retired (no longer offered for joining or invitations; its members stay)',
  tag: 'households',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: householdParams,
  response: z.object({ outcome: removal, liveMembers: z.number().int() }),
});

export const restoreHousehold = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/households/:householdId/restore',
  summary: 'Offer a retired household again (and its building, if that was retired too)',
  tag: 'households',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: householdParams,
  response: householdAdminSchema,
});

/** Largest roster file accepted: a 10,000-row xlsx is about 300 KB, the same as CSV about 400 KB. */
export const ROSTER_MAX_BYTES = 2 * 1024 * 1024;
/** Most data rows in one roster: a very large 居委 has a few thousand households. */
export const ROSTER_MAX_ROWS = 10_000;

export const importStepSchema = z.enum(['preview', 'commit'], { error: '请选择先预览还是直接导入' });

export const rosterRowError = z.object({ row: z.number().int(), message: z.string() });

export const importReply = z.object({
  step: importStepSchema,
  fileType: z.enum(['xlsx', 'csv']),
  /** Data rows read (blank rows left out). */
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  buildingsCreated: z.number().int(),
  /** Every bad row, with its row number in the file and a plain Chinese message (第12行：…). */
  errors: z.array(rosterRowError),
  /** True once a commit wrote something; false for a preview and for a file that changes nothing. */
  applied: z.boolean(),
  /** One sentence for the moderator. */
  message: z.string(),
});
export type ImportReply = z.infer<typeof importReply>;

export const importHouseholds = defineUploadRoute({
  method: 'POST',
  path: '/api/committees/:communityId/households/import',
  summary:
    'Import a roster (xlsx or CSV, sent as the raw request body): `preview` writes nothing and counts new, changed and unchanged rows with every bad row; `commit` applies the same file in one transaction (refused with ROSTER_INVALID when a row is bad)',
  tag: 'households',
  auth: 'staff',
  errors: ['FILE_UNREADABLE', 'ROSTER_INVALID', 'DUPLICATE'],
  params: communityParams,
  query: z.object({ step: importStepSchema }),
  upload: {
    maxBytes: ROSTER_MAX_BYTES,
    description: 'The roster: an .xlsx workbook or a CSV file (UTF-8, with or without BOM, or GBK)',
  },
  response: importReply,
});

export const householdTemplate = defineFileRoute({
  method: 'GET',
  path: '/api/committees/:communityId/households/template.xlsx',
  summary: 'An xlsx roster template: the columns, an example row and a sheet of notes in Chinese',
  tag: 'households',
  auth: 'staff',
  params: communityParams,
  response: fileResponse(XLSX_TYPE),
});
