import { describe, expect, it } from 'vitest';
import { householdLabel, roomLabel } from '../../shared/domain/labels';

describe('household and room labels', () => {
  it.each([
    [{ unit: '2', room: '301' }, '2单元 301室'],
    [{ unit: '2单元', room: '301' }, '2单元 301室'],
    [{ unit: '1', room: '地下室' }, '1单元 地下室'],
  ])('roomLabel(%o) is %s (the unit and room words are never doubled)', (h, label) => {
    expect(roomLabel(h)).toBe(label);
  });

  it('householdLabel puts the building before the room', () => {
    expect(householdLabel({ buildingName: '3号楼', unit: '2单元', room: '301室' })).toBe('3号楼 2单元 301室');
  });
});
