/**
 * Custom search attributes Relance's workflows set, registered on the local dev server at
 * start. On a real cluster register them once with
 * `temporal operator search-attribute create --name <name> --type <type>`.
 */
export const RELANCE_SEARCH_ATTRIBUTES = [
  { name: 'RelanceWorkspaceId', type: 'Keyword' },
  { name: 'RelanceDebtStatus', type: 'Keyword' },
  { name: 'RelanceCurrentStep', type: 'Keyword' },
  { name: 'RelanceLandlordId', type: 'Keyword' },
] as const;
