import type { DataSource } from 'typeorm';
import { workspaceOfApiKey } from '../auth/api-key-secret';
import { LandlordAccessService } from '../extranet/landlord-access.service';
import { demoLandlordToShow } from './demo-agency.repository';

/**
 * A fresh sign-in link to the extranet as one of the demo workspace's landlords, for the
 * banner: a newcomer opens it and sees the landlord's side. Single-use like any link; each
 * start prints a new one.
 */
export async function demoLandlordSignInLink(
  access: LandlordAccessService,
  dataSource: DataSource,
  demoApiKey: string,
): Promise<string | undefined> {
  const workspaceId = workspaceOfApiKey(demoApiKey);
  if (!workspaceId) return undefined;
  const landlordId = await demoLandlordToShow(dataSource.manager, workspaceId);
  return landlordId ? access.demoLink(workspaceId, landlordId) : undefined;
}
