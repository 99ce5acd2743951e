import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { ApiKey } from '../../src/auth/api-key.entity';
import { CurrentActor, RequireRoles } from '../../src/auth/auth.decorators';
import { validateInput } from '../../src/common/validation.pipe';
import { API_KEY_TABLE } from '../../src/workspace/api-key-records';
import { WorkspaceApiKeysService } from '../../src/workspace/workspace-api-keys.service';
import { recordResolverFor } from '../records/record-resolver.factory';
import { CreateApiKeyInput } from './create-api-key.input';
import { CreatedApiKey } from './created-api-key.object';

/** `apiKeys` and `apiKey(id)`, for ADMIN keys. */
export const ApiKeyResolver = recordResolverFor({
  name: 'ApiKey',
  plural: 'apiKeys',
  node: ApiKey,
  table: API_KEY_TABLE,
  service: WorkspaceApiKeysService,
  readRoles: ['ADMIN'],
});

/** Issuing and revoking the workspace's API keys: ADMIN keys only. */
@Resolver(() => ApiKey)
export class ApiKeyMutationsResolver {
  constructor(private readonly apiKeys: WorkspaceApiKeysService) {}

  @RequireRoles('ADMIN')
  @Mutation(() => CreatedApiKey, { description: 'Issues a key; a LANDLORD key is bound to one landlord.' })
  async createApiKey(@CurrentActor() actor: Actor, @Args('data', { type: () => CreateApiKeyInput }) data: CreateApiKeyInput) {
    const input = await validateInput(CreateApiKeyInput, data, 'data');
    return this.apiKeys.issue(actor, input, 'data');
  }

  @RequireRoles('ADMIN')
  @Mutation(() => ApiKey, { description: 'Revokes a key at once; the calling key cannot revoke itself.' })
  revokeApiKey(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.apiKeys.revoke(actor, id);
  }
}
