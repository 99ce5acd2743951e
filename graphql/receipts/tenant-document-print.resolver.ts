import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../src/auth/actor';
import { CurrentActor, WriteAccess } from '../../src/auth/auth.decorators';
import { TenantDocument } from '../../src/receipts/tenant-document.entity';
import { TenantDocumentService } from '../../src/receipts/tenant-document.service';

/** The tenants' documents to post: the print queue is `tenantDocuments(filter: { deliveryStatus: { eq: TO_PRINT } })`. */
@Resolver()
export class TenantDocumentPrintResolver {
  constructor(private readonly documents: TenantDocumentService) {}

  @WriteAccess()
  @Mutation(() => [TenantDocument], {
    description:
      'Records quittances, reçus and rent notices of the print queue (deliveryStatus TO_PRINT) as printed and posted, all or none: ' +
      'each becomes PRINTED with deliveredAt set. An id that is not waiting there is refused with its index (ids[i]).',
  })
  markTenantDocumentsPrinted(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.documents.markPrinted(actor, ids);
  }
}
