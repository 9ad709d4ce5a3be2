import type { z } from 'zod';
import {
  createCommunity,
  createDistrict,
  createStaff,
  createStreet,
  resetStaffPassword,
} from '../../../../shared/contracts/admin';
import { type Checked, checkWith, type FieldErrors, optionalNumber } from '../../../lib/validation';

export type { Checked, FieldErrors };

/**
 * The platform forms are checked with the server's own schemas (shared/contracts/admin), so a
 * limit cannot drift apart. The contract's messages are Chinese where it has them; zod's built-in
 * ones are English, so each field has a plain Chinese message of its own.
 */
/** What a route's body schema gives back once parsed (ids coerced, text trimmed, defaults filled). */
type Parsed<R extends { body?: z.ZodType }> = z.output<NonNullable<R['body']>>;

const check = <T, K extends string>(schema: unknown, input: unknown, messages: Record<K, string>): Checked<T, K> =>
  checkWith<T, K>(schema, input, messages);

export type DistrictField = 'name';

export function checkDistrict(form: { name: string }): Checked<Parsed<typeof createDistrict>, DistrictField> {
  return check(createDistrict.body, { name: form.name }, { name: '区的名称要2到20个字' });
}

export type StreetField = 'districtId' | 'name';

export function checkStreet(form: {
  districtId: number | null;
  name: string;
}): Checked<Parsed<typeof createStreet>, StreetField> {
  return check(
    createStreet.body,
    { districtId: form.districtId ?? 0, name: form.name },
    { districtId: '请选择这个街镇属于哪个区', name: '街镇的名称要2到20个字' },
  );
}

export interface CommunityForm {
  streetId: number | null;
  name: string;
  address: string;
  phone: string;
  lat: string;
  lng: string;
  intro: string;
}

export type CommunityField = 'streetId' | 'name' | 'address' | 'phone' | 'lat' | 'lng' | 'intro';

export type CommunityBody = Parsed<typeof createCommunity>;

export function checkCommunity(form: CommunityForm): Checked<CommunityBody, CommunityField> {
  const lat = optionalNumber(form.lat);
  const lng = optionalNumber(form.lng);
  const checked = check<CommunityBody, CommunityField>(
    createCommunity.body,
    {
      streetId: form.streetId ?? 0,
      name: form.name,
      address: form.address,
      phone: form.phone.trim() || null,
      lat,
      lng,
      intro: form.intro,
    },
    {
      streetId: '请选择居委所在的街镇',
      name: '居委名称要2到40个字',
      address: '地址要2到120个字',
      phone: '电话格式不对',
      lat: '纬度要在-90到90之间',
      lng: '经度要在-180到180之间',
      intro: '介绍最多2000字',
    },
  );
  // A map point needs both numbers; one alone would put the committee nowhere.
  if ((lat === null) !== (lng === null) && !checked.errors.lat && !checked.errors.lng) {
    return {
      errors: { ...checked.errors, [lat === null ? 'lat' : 'lng']: '经度和纬度要一起填，或者都不填' },
      body: null,
    };
  }
  return checked;
}

export type StaffField = 'username' | 'password' | 'displayName';

export function checkStaff(form: {
  username: string;
  password: string;
  displayName: string;
}): Checked<Parsed<typeof createStaff>, StaffField> {
  return check(createStaff.body, form, {
    username: '用户名只能用小写字母、数字和 _ . -，3到32位',
    password: '密码要10到128位',
    displayName: '请填写姓名，最多20个字',
  });
}

export function checkNewPassword(password: string): Checked<Parsed<typeof resetStaffPassword>, 'password'> {
  return check(resetStaffPassword.body, { password }, { password: '密码要10到128位' });
}
