import { ApiKey } from './api-key.entity';
import { LandlordSession } from './landlord-session.entity';

/** The tables of the auth feature: the workspaces' API keys and the landlords' extranet sessions. */
export const AUTH_ENTITIES = [ApiKey, LandlordSession];
