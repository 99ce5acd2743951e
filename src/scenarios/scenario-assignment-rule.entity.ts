import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { enumOf } from '../common/graphql-enums';
import { LEASE_KINDS, LeaseKind, TENANT_PROFILES, TenantProfile } from '../domain/scenario';
import { AssignmentRule } from '../domain/scenario-assignment';

/**
 * One rule giving new debts their scenario (src/domain/scenario-assignment.ts), in the
 * workspace's order: the one declaration of the `scenario_assignment_rule` table and of
 * the GraphQL `ScenarioAssignmentRule`. A criterion left null matches anything.
 */
@Entity('scenario_assignment_rule')
@ObjectType('ScenarioAssignmentRule', {
  description: 'New debts matching every criterion set get the scenario (first matching rule wins).',
})
export class ScenarioAssignmentRule implements AssignmentRule {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  /** 1 for the first rule tried; the rules are replaced whole, so positions have no gaps. */
  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ name: 'scenario_key', type: 'varchar', length: 64 })
  @Field()
  scenarioKey: string;

  @Column({ name: 'lease_kind', type: 'varchar', length: 32, nullable: true, enum: LEASE_KINDS })
  @Field(() => enumOf(LEASE_KINDS), { nullable: true })
  leaseKind?: LeaseKind | null;

  @Column({ name: 'tenant_profile', type: 'varchar', length: 16, nullable: true, enum: TENANT_PROFILES })
  @Field(() => enumOf(TENANT_PROFILES), { nullable: true })
  profile?: TenantProfile | null;

  @Column({ name: 'landlord_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  landlordId?: string | null;

  @Column({ name: 'has_rent_guarantee', type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'true: leases with rent-guarantee insurance only; false: without only.' })
  hasRentGuarantee?: boolean | null;
}
