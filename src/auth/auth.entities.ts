import { ApiKey } from './api-key.entity';

/** The tables of the auth feature: the workspaces' API keys. */
export const AUTH_ENTITIES = [ApiKey];
