import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An invitation to the extranet, e-mailed to a landlord: a single-use sign-in link.' })
export class LandlordInvitation {
  @Field(() => ID)
  landlordId: string;

  @Field({ description: 'Where the link went.' })
  email: string;

  @Field({ description: 'When the link stops working (a week after it is sent).' })
  expiresAt: string;
}
