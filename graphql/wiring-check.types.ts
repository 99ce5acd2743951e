import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

@InputType({ description: 'Input of the throw-away wiring check.' })
export class WiringCheckInput {
  @Field({ description: 'Any text from 1 to 200 characters; the activity stores it.' })
  @IsString()
  @Length(1, 200)
  message: string;
}

@ObjectType({ description: 'The row the wiring-check activity wrote in Postgres.' })
export class WiringCheckResult {
  @Field()
  runId: string;

  @Field({ description: 'The Temporal workflow that ran the check.' })
  workflowId: string;

  @Field()
  message: string;

  @Field({ description: 'ISO 8601 time the activity wrote the row.' })
  recordedAt: string;
}
