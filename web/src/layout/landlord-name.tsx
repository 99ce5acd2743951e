import { useQuery } from '@apollo/client';
import { ExtranetLandlordNameDocument, ExtranetViewerDocument } from '../api/generated';

/** "SCI Les Tilleuls · Agence Dupont": who is signed in, with which agency. */
export function LandlordName() {
  const viewer = useQuery(ExtranetViewerDocument, { fetchPolicy: 'cache-first' });
  const landlordId = viewer.data?.viewer.landlordId;
  const landlord = useQuery(ExtranetLandlordNameDocument, {
    variables: { id: landlordId ?? '' },
    skip: !landlordId,
    fetchPolicy: 'cache-first',
  });
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
