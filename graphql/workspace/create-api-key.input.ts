import { Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID, Length } from 'class-validator';
import { API_KEY_ROLES, ApiKeyRole } from '../../src/auth/actor';
import { ApiKeyRoleEnum } from '../enums';

@InputType()
export class CreateApiKeyInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => ApiKeyRoleEnum)
  @IsIn(API_KEY_ROLES)
  role: ApiKeyRole;

  @Field(() => ID, { nullable: true, description: 'Required for, and only for, a LANDLORD key.' })
  @IsOptional()
  @IsUUID('all', { message: 'landlordId must be a UUID' })
  landlordId?: string | null;
}
