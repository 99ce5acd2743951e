import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';

@InputType({ description: 'Who is on a lease: its tenants (1 to 10) and guarantors (0 to 10).' })
export class LeasePartiesInput {
  @Field(() => [ID])
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'tenantIds must hold UUIDs' })
  tenantIds: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'guarantorIds must hold UUIDs' })
  guarantorIds?: string[];
}
