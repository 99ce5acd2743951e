import { LandlordResolver } from './landlord.object';

/** The Twenty-style record APIs, one resolver per object. */
export const RECORD_RESOLVERS = [LandlordResolver];
