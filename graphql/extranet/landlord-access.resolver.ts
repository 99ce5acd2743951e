import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { LandlordSession, ListedLandlordSession } from '../../src/auth/landlord-session.entity';
import { LandlordAccessService } from '../../src/extranet/landlord-access.service';
import { LandlordInvitation } from './landlord-invitation.object';

/** Agents open and close landlords' access to the extranet. */
@Resolver()
export class LandlordAccessResolver {
  constructor(private readonly access: LandlordAccessService) {}

  @WriteAccess()
  @Mutation(() => LandlordInvitation, {
    description:
      'E-mails a landlord a single-use link to the extranet, valid a week, to `email` or the landlord’s own address. Needs the ' +
      'workspace’s EMAIL channel set to SMTP; UNAVAILABLE when the e-mail server does not take it (no link is left behind).',
  })
  inviteLandlord(
    @CurrentActor() actor: Actor,
    @Args('landlordId', { type: () => ID }) landlordId: string,
    @Args('email', { type: () => String, nullable: true }) email?: string | null,
  ): Promise<LandlordInvitation> {
    return this.access.invite(actor, landlordId, email);
  }

  @WriteAccess()
  @Query(() => [LandlordSession], { description: 'A landlord’s open extranet sessions, newest first.' })
  landlordSessions(
    @CurrentActor() actor: Actor,
    @Args('landlordId', { type: () => ID }) landlordId: string,
  ): Promise<ListedLandlordSession[]> {
    return this.access.sessionsOf(actor, landlordId);
  }

  @WriteAccess()
  @Mutation(() => Int, { description: 'Ends every extranet session of a landlord at once; how many were open.' })
  revokeLandlordSessions(@CurrentActor() actor: Actor, @Args('landlordId', { type: () => ID }) landlordId: string): Promise<number> {
    return this.access.revokeSessions(actor, landlordId);
  }
}
