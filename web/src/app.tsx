import { ApolloProvider } from '@apollo/client';
import { useMemo } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { createApolloClient } from './api/apollo-client';
import { LanguageProvider } from './i18n/language';
import { PublicLayout, SignedInLayout } from './layout/site-layout';
import { DebtFilePage } from './pages/debt-file-page';
import { DecisionPage } from './pages/decision-page';
import { DecisionsPage } from './pages/decisions-page';
import { NotFoundPage } from './pages/not-found-page';
import { PortfolioPage } from './pages/portfolio-page';
import { SignInPage } from './pages/sign-in-page';
import { StatementsPage } from './pages/statements-page';

/** The extranet's pages, under `/app` (the address Relance serves it at). */
const router = createBrowserRouter(
  [
    { element: <PublicLayout />, children: [{ path: 'sign-in', element: <SignInPage /> }] },
    {
      element: <SignedInLayout />,
      children: [
        { index: true, element: <PortfolioPage /> },
        { path: 'debts/:id', element: <DebtFilePage /> },
        { path: 'decisions', element: <DecisionsPage /> },
        { path: 'decisions/:debtId', element: <DecisionPage /> },
        { path: 'statements', element: <StatementsPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/app' },
);

export function App() {
  const client = useMemo(() => createApolloClient(), []);
  return (
    <LanguageProvider>
      <ApolloProvider client={client}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </LanguageProvider>
  );
}
