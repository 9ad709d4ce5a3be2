import { describe, expect, it } from 'vitest';
import { distanceMetres, formatDistance } from '../../shared/domain/geo';

const beijing = { lat: 39.9042, lng: 116.4074 };
const shanghai = { lat: 31.2304, lng: 121.4737 };

describe('distanceMetres', () => {
  it('gives one degree of latitude as about 111.2 km', () => {
    expect(distanceMetres({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBe(111_195);
    expect(distanceMetres({ lat: 31, lng: 121 }, { lat: 32, lng: 121 })).toBe(111_195);
  });

  it('shrinks a degree of longitude with the cosine of the latitude', () => {
    expect(distanceMetres({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBe(111_195);
    expect(distanceMetres({ lat: 60, lng: 0 }, { lat: 60, lng: 1 })).toBe(55_597);
  });

  it('gives Beijing to Shanghai as about 1,067 km', () => {
    const d = distanceMetres(beijing, shanghai);
    expect(d).toBeGreaterThan(1_060_000);
    expect(d).toBeLessThan(1_075_000);
  });

  it('is symmetric, zero for the same point, and a whole number of metres', () => {
    expect(distanceMetres(beijing, shanghai)).toBe(distanceMetres(shanghai, beijing));
    expect(distanceMetres(shanghai, shanghai)).toBe(0);
    expect(Number.isInteger(distanceMetres(shanghai, { lat: 31.2305, lng: 121.4738 }))).toBe(true);
  });

  it('measures across the 180° meridian the short way', () => {
    expect(distanceMetres({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBe(111_195);
    expect(distanceMetres({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBe(20_015_087);
  });

  it('tells apart two neighbouring committees a few hundred metres away', () => {
    // About 0.0045° of latitude is 500 m.
    const d = distanceMetres(shanghai, { lat: shanghai.lat + 0.0045, lng: shanghai.lng });
    expect(d).toBeGreaterThan(495);
    expect(d).toBeLessThan(505);
  });
});

describe('formatDistance', () => {
  it('shows metres rounded to tens below one kilometre, never less than 10米', () => {
    expect(formatDistance(0)).toBe('10米');
    expect(formatDistance(4)).toBe('10米');
    expect(formatDistance(14)).toBe('10米');
    expect(formatDistance(346)).toBe('350米');
    expect(formatDistance(354)).toBe('350米');
    expect(formatDistance(990)).toBe('990米');
  });

  it('shows kilometres with one decimal up to 10 km, whole kilometres beyond', () => {
    expect(formatDistance(1000)).toBe('1.0公里');
    expect(formatDistance(1234)).toBe('1.2公里');
    expect(formatDistance(9940)).toBe('9.9公里');
    expect(formatDistance(10_000)).toBe('10公里');
    expect(formatDistance(12_600)).toBe('13公里');
    expect(formatDistance(1_067_310)).toBe('1067公里');
  });
});
