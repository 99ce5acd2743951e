import type { DemoPropertyRow, DemoUnitRow, LeaseKind } from './demo-agency.types';
import { DemoTown, RESIDENCE_NAMES, STREETS, TOWNS } from './demo-names';
import type { DemoRandom } from './demo-random';

/**
 * Properties and their units: apartment buildings in co-ownership (lots, sometimes a shop
 * on the ground floor and parking boxes in the basement), houses and stand-alone shops.
 */

/** A unit with what the lease on it needs to know. */
export interface UnitSlot {
  unit: DemoUnitRow;
  property: DemoPropertyRow;
  town: DemoTown;
  /** The kind of lease this unit is let under. */
  kind: LeaseKind;
  /** Living or trading area, m²; drives the rent. */
  surface: number;
}

/**
 * Exactly `count` units, building by building. Most of the agency's stock is near its home
 * town, as for a provincial agency; the rest is spread over other towns.
 */
export function generateUnits(random: DemoRandom, count: number): { properties: DemoPropertyRow[]; slots: UnitSlot[] } {
  const home = TOWNS.slice(0, 4);
  const properties: DemoPropertyRow[] = [];
  const slots: UnitSlot[] = [];
  while (slots.length < count) {
    const town = random.chance(0.6) ? random.pick(home) : random.pick(TOWNS);
    const shape = random.weighted([
      ['BUILDING', 55],
      ['HOUSE', 30],
      ['SHOP', 10],
      ['GARAGES', 5],
    ] as const);
    const street = `${random.int(1, 150)} ${random.pick(STREETS)}`;
    const property: DemoPropertyRow = {
      id: random.uuid(),
      name: propertyName(random, shape, street),
      addressLine1: street,
      addressLine2: null,
      postalCode: town.postalCode,
      city: town.city,
      country: 'FR',
    };
    properties.push(property);
    const units = unitsOf(random, shape).slice(0, count - slots.length);
    for (const { label, floor, kind, surface } of units) {
      slots.push({ unit: { id: random.uuid(), propertyId: property.id, label, floor }, property, town, kind, surface });
    }
  }
  return { properties, slots };
}

type Shape = 'BUILDING' | 'HOUSE' | 'SHOP' | 'GARAGES';

function propertyName(random: DemoRandom, shape: Shape, street: string): string {
  switch (shape) {
    case 'BUILDING':
      return random.chance(0.5) ? `Résidence ${random.pick(RESIDENCE_NAMES)}` : `Immeuble ${street}`;
    case 'HOUSE':
      return `Maison ${street}`;
    case 'SHOP':
      return `Local commercial ${street}`;
    case 'GARAGES':
      return `Garages ${street}`;
  }
}

interface UnitPlan {
  label: string;
  floor: string | null;
  kind: LeaseKind;
  surface: number;
}

function unitsOf(random: DemoRandom, shape: Shape): UnitPlan[] {
  switch (shape) {
    case 'HOUSE':
      return [{ label: 'Maison', floor: null, kind: 'RESIDENTIAL_UNFURNISHED', surface: random.int(60, 130) }];
    case 'SHOP':
      return [{ label: 'Local', floor: 'RDC', kind: 'COMMERCIAL', surface: random.int(30, 250) }];
    case 'GARAGES':
      return Array.from({ length: random.int(1, 4) }, (_, i) => ({ label: `Box ${i + 1}`, floor: null, kind: 'OTHER', surface: 15 }));
    case 'BUILDING':
      return buildingUnits(random);
  }
}

/** Numbered lots floor by floor, an optional shop on the ground floor and parking boxes below. */
function buildingUnits(random: DemoRandom): UnitPlan[] {
  const units: UnitPlan[] = [];
  const floors = random.int(1, 5);
  const shop = random.chance(0.35);
  let lot = 0;
  for (let floor = 0; floor <= floors; floor++) {
    if (floor === 0 && shop) {
      units.push({ label: 'Local commercial', floor: 'RDC', kind: 'COMMERCIAL', surface: random.int(40, 200) });
      continue;
    }
    for (let door = random.int(1, 3); door > 0; door--) {
      const furnished = random.chance(0.3);
      units.push({
        label: `Lot ${++lot}`,
        floor: floor === 0 ? 'RDC' : String(floor),
        kind: furnished ? 'RESIDENTIAL_FURNISHED' : 'RESIDENTIAL_UNFURNISHED',
        // Furnished flats are mostly studios and small flats.
        surface: furnished ? random.int(15, 45) : random.int(25, 95),
      });
    }
  }
  if (random.chance(0.25)) {
    for (let box = random.int(1, 3); box > 0; box--) units.push({ label: `Parking ${box}`, floor: '-1', kind: 'OTHER', surface: 12 });
  }
  return units;
}
