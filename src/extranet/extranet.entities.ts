import { LandlordSignInToken } from './sign-in-token.entity';

/** The tables of the extranet feature: the landlords' sign-in links. */
export const EXTRANET_ENTITIES = [LandlordSignInToken];
