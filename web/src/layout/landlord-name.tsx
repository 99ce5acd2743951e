import { useQuery } from '@apollo/client';
import { LANDLORD_NAME, VIEWER } from '../api/documents';

/** "SCI Les Tilleuls · Agence Dupont": who is signed in, with which agency. */
export function LandlordName() {
  const viewer = useQuery(VIEWER, { fetchPolicy: 'cache-first' });
  const landlordId = viewer.data?.viewer.landlordId;
  const landlord = useQuery(LANDLORD_NAME, { variables: { id: landlordId ?? '' }, skip: !landlordId, fetchPolicy: 'cache-first' });
  const l = landlord.data?.landlord;
  const name = l ? (l.companyName ?? [l.firstName, l.lastName].filter(Boolean).join(' ')) : undefined;
  const workspace = viewer.data?.viewer.workspaceName;
  if (!workspace) return null;
  return (
    <p className="landlord-name">
      {name && <strong>{name}</strong>}
      {name && <span aria-hidden="true"> · </span>}
      <span>{workspace}</span>
    </p>
  );
}
