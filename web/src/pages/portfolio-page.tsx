import { useQuery } from '@apollo/client';
import { FormEvent, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ExtranetArrearsAgingDocument,
  ExtranetLegalRisksDocument,
  ExtranetOpenDebtsDocument,
  ExtranetPortfolioDocument,
} from '../api/generated';
import type { Aging, OpenDebt } from '../api/types';
import { AgingChart } from '../components/aging-chart';
import { LeaseTable } from '../components/lease-table';
import { LegalAlerts } from '../components/legal-alerts';
import { PageHeading } from '../components/page-heading';
import { LoadError, Loading } from '../components/query-state';
import { useLanguage } from '../i18n/language';

const PAGE_SIZE = 20;
const SORTS = {
  'balance-desc': [{ balanceCents: 'DescNullsLast' }, { reference: 'AscNullsLast' }],
  'balance-asc': [{ balanceCents: 'AscNullsLast' }, { reference: 'AscNullsLast' }],
  // The oldest charge still owed first: the longest late (leases owing nothing last).
  'late-desc': [{ oldestUnpaidDueDate: 'AscNullsLast' }, { reference: 'AscNullsLast' }],
  reference: [{ reference: 'AscNullsLast' }],
} as const;
type Sort = keyof typeof SORTS;

/**
 * `/app/`: the landlord's leases with their balance, days late, aging and open case, the
 * legal deadlines to watch on their cases,
 * sorted, filtered (in arrears only) and paged by cursor. The view lives in the address
 * (`?sort=&arrears=&after=|before=`), so the back button and a shared link keep it.
 */
export function PortfolioPage() {
  const { t } = useLanguage();
  const [params, setParams] = useSearchParams();
  const sort: Sort = (params.get('sort') as Sort) in SORTS ? (params.get('sort') as Sort) : 'balance-desc';
  const arrearsOnly = params.get('arrears') !== '0';
  const after = params.get('after') ?? undefined;
  const before = params.get('before') ?? undefined;

  const page = useQuery(ExtranetPortfolioDocument, {
    variables: {
      ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after }),
      filter: arrearsOnly ? { balanceCents: { gt: 0 } } : undefined,
      orderBy: SORTS[sort].map((o) => ({ ...o })),
    },
  });
  const leases = useMemo(() => page.data?.leases.edges.map((e) => e.node) ?? [], [page.data]);
  const leaseIds = leases.map((l) => l.id);
  const debts = useQuery(ExtranetOpenDebtsDocument, { variables: { leaseIds }, skip: leaseIds.length === 0 });
  const debtByLease = useMemo(
    () => new Map<string, OpenDebt>(debts.data?.debts.edges.map((e) => [e.node.leaseId, e.node]) ?? []),
    [debts.data],
  );
  const aging = useQuery(ExtranetArrearsAgingDocument);
  // The legal alerts are a help, not the page: a failure to read them shows nothing rather than an error.
  const risks = useQuery(ExtranetLegalRisksDocument);
  const agingTotals = useMemo(() => totalAging(aging.data?.leases.edges.map((e) => e.node.aging) ?? []), [aging.data]);

  const applyFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    next.set('sort', String(form.get('sort')));
    if (!form.get('arrears')) next.set('arrears', '0');
    setParams(next);
  };
  const goTo = (cursor: { after?: string | null; before?: string | null }) => {
    const next = new URLSearchParams(params);
    next.delete('after');
    next.delete('before');
    if (cursor.after) next.set('after', cursor.after);
    if (cursor.before) next.set('before', cursor.before);
    setParams(next);
  };
  const info = page.data?.leases.pageInfo;
  const hasPrevious = !!(info?.hasPreviousPage || after);
  const hasNext = !!(info?.hasNextPage || before);

  return (
    <>
      <PageHeading title={t.portfolio.title}>{t.portfolio.title}</PageHeading>
      <section aria-labelledby="portfolio-aging" className="panel">
        <div id="portfolio-aging">
          {aging.error ? (
            <LoadError onRetry={() => void aging.refetch()} />
          ) : aging.loading && !aging.data ? (
            <Loading />
          ) : (
            <AgingChart aging={agingTotals} leases={aging.data?.leases.edges.length ?? 0} />
          )}
        </div>
      </section>
      <LegalAlerts risks={risks.data?.legalRisks} />
      <section aria-labelledby="portfolio-leases" className="panel">
        <h2 id="portfolio-leases">{t.portfolio.leasesTitle}</h2>
        <form className="filters" onSubmit={applyFilters} aria-label={t.portfolio.filters}>
          <div className="field field-inline">
            <input type="checkbox" id="arrears" name="arrears" defaultChecked={arrearsOnly} key={`a-${arrearsOnly}`} />
            <label htmlFor="arrears">{t.portfolio.arrearsOnly}</label>
          </div>
          <div className="field">
            <label htmlFor="sort">{t.portfolio.sortBy}</label>
            <select id="sort" name="sort" defaultValue={sort} key={`s-${sort}`}>
              <option value="balance-desc">{t.portfolio.sortBalanceDesc}</option>
              <option value="balance-asc">{t.portfolio.sortBalanceAsc}</option>
              <option value="late-desc">{t.portfolio.sortLateDesc}</option>
              <option value="reference">{t.portfolio.sortReference}</option>
            </select>
          </div>
          <button type="submit" className="button">
            {t.portfolio.apply}
          </button>
        </form>
        {page.error ? (
          <LoadError onRetry={() => void page.refetch()} />
        ) : (page.loading && !page.data) || (leaseIds.length > 0 && debts.loading && !debts.data) ? (
          <Loading />
        ) : leases.length === 0 ? (
          <p>{t.portfolio.empty}</p>
        ) : (
          <>
            <LeaseTable
              caption={t.portfolio.leasesCaption(page.data?.leases.totalCount ?? leases.length)}
              leases={leases}
              debts={debtByLease}
            />
            {(hasPrevious || hasNext) && (
              <nav className="pager" aria-label={t.portfolio.pages}>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={!hasPrevious}
                  onClick={() => goTo({ before: info?.startCursor })}
                >
                  {t.portfolio.previous}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={!hasNext}
                  onClick={() => goTo({ after: info?.endCursor })}
                >
                  {t.portfolio.next}
                </button>
              </nav>
            )}
          </>
        )}
      </section>
    </>
  );
}

function totalAging(all: Aging[]): Aging {
  return all.reduce(
    (sum, a) => ({
      days0To30: sum.days0To30 + a.days0To30,
      days31To60: sum.days31To60 + a.days31To60,
      days61To90: sum.days61To90 + a.days61To90,
      days90Plus: sum.days90Plus + a.days90Plus,
    }),
    { days0To30: 0, days31To60: 0, days61To90: 0, days90Plus: 0 },
  );
}
