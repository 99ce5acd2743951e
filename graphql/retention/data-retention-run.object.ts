import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'What one run of data retention (CNIL) anonymised: closed debts past the workspace’s retentionMonthsAfterClose, and the rows changed table by table.',
})
export class DataRetentionRun {
  @Field(() => Int, { description: 'Closed debts anonymised by this run; each has one DATA_ANONYMISED entry on its timeline.' })
  debts: number;

  @Field(() => Int, {
    description: 'Columns of those debts that held text about their tenants (profile and scenario reasons, profile facts).',
  })
  debtFields: number;

  @Field(() => Int, { description: 'Tasks whose report (call notes) or body was replaced.' })
  tasks: number;

  @Field(() => Int, { description: 'Timeline entries whose free text (reports, reasons, notes, comments, zone texts) was replaced.' })
  timelineEntries: number;

  @Field(() => Int, { description: 'Steps whose free-text zones were deleted.' })
  messageZones: number;

  @Field(() => Int, { description: 'Outbound messages whose body, zones or failure reason was replaced.' })
  outboundMessages: number;

  @Field(() => Int, { description: 'Documents whose copy of the zones’ texts was dropped; the PDFs and their SHA-256 stay.' })
  documents: number;

  @Field(() => Int, { description: 'Approval requests whose landlord’s comment was replaced.' })
  approvalRequests: number;
}
