import { LandlordStatement } from './landlord-statement.entity';

/** The tables of the statements feature: landlords' monthly statements. */
export const STATEMENTS_ENTITIES = [LandlordStatement];
