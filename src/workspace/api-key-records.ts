import { ApiKey } from '../auth/api-key.entity';
import { recordTableOf } from '../records/record-entity';

/**
 * The record API's view of the `api_key` table (the `apiKeys` list): declared here, above
 * the generic record API, since auth sits below it. The secret's hash is never shown.
 */
export const API_KEY_TABLE = recordTableOf(ApiKey, {
  alias: 'k',
  // Landlords never see keys (reading them takes an ADMIN key anyway).
  landlordScope: 'FALSE',
  defaultOrder: [{ createdAt: 'AscNullsLast' }],
  internal: ['secretHash'],
  fields: {
    name: { query: true },
    role: { query: true },
    landlordId: { query: true },
    createdAt: { query: true },
    revokedAt: { query: true },
  },
});
