import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TaskTargetKindEnum } from '../enums';

@ObjectType({ description: 'What a task is about (Twenty TaskTarget): the debt, its lease and the lease’s tenants.' })
export class TaskTarget {
  @Field(() => TaskTargetKindEnum) kind: keyof typeof TaskTargetKindEnum;
  @Field(() => ID) id: string;
  @Field({ description: 'A label to show: the lease reference, the tenant’s name.' }) label: string;
}
