import { classifyDebt, classifyTenant, DEFAULT_PROFILE_THRESHOLDS, TenantHistory, validateProfileThresholds } from './tenant-profile';

describe('tenant profiles, as the second seed article describes them', () => {
  const clean: TenantHistory = {
    name: 'Dupont',
    vulnerable: false,
    profileOverride: null,
    earlierDebts: 0,
    monthsOnTime: 8,
    monthsLate: 0,
  };
  const oneMonth = { arrearsCents: 90_000, monthlyDueCents: 90_000 };

  it('calls a good record that slips once a one-off, at the thresholds', () => {
    expect(classifyTenant(clean, oneMonth)).toEqual({ profile: 'ONE_OFF', reason: '8 months paid on time, no earlier debt, 1 month owed' });
    expect(classifyTenant({ ...clean, monthsOnTime: 6 }, oneMonth).profile).toBe('ONE_OFF');
    expect(classifyTenant({ ...clean, monthsOnTime: 5 }, oneMonth)).toEqual({
      profile: 'UNKNOWN',
      reason: 'no earlier debt, 5 months paid on time (one-off: at least 6), 1 month owed',
    });
    // About one month: up to 110 % of the month's rent and charges, to the cent.
    expect(classifyTenant(clean, { arrearsCents: 99_000, monthlyDueCents: 90_000 }).profile).toBe('ONE_OFF');
    expect(classifyTenant(clean, { arrearsCents: 99_001, monthlyDueCents: 90_000 }).profile).toBe('UNKNOWN');
    expect(classifyTenant({ ...clean, earlierDebts: 1 }, oneMonth)).toEqual({
      profile: 'UNKNOWN',
      reason: '1 earlier debt in 12 months (one-off: none), 8 months paid on time, 1 month owed',
    });
  });

  it('calls repeated debts or lateness over the window chronic, at the thresholds', () => {
    expect(classifyTenant({ ...clean, earlierDebts: 2 }, oneMonth)).toEqual({ profile: 'CHRONIC', reason: '2 earlier debts in 12 months' });
    expect(classifyTenant({ ...clean, monthsLate: 3 }, oneMonth)).toEqual({
      profile: 'CHRONIC',
      reason: '3 months paid late in 12 months',
    });
    expect(classifyTenant({ ...clean, monthsLate: 2 }, oneMonth).profile).toBe('ONE_OFF');
  });

  it('leaves a new lease, or a first debt of several months, unknown: the standard scenario', () => {
    expect(classifyTenant({ ...clean, monthsOnTime: 0 }, { arrearsCents: 270_000, monthlyDueCents: 90_000 })).toEqual({
      profile: 'UNKNOWN',
      reason: 'no earlier debt, no month paid on time (one-off: at least 6), 3 months owed (one-off: at most 110 % of a month)',
    });
    expect(classifyTenant(clean, { arrearsCents: 135_000, monthlyDueCents: 90_000 }).reason).toContain('1.5 months owed');
    // A lease without a monthly due cannot tell "about a month".
    expect(classifyTenant(clean, { arrearsCents: 100, monthlyDueCents: 0 }).profile).toBe('UNKNOWN');
  });

  it('follows vulnerable first, then an agent’s override, over the history', () => {
    expect(classifyTenant({ ...clean, vulnerable: true, profileOverride: 'ONE_OFF', earlierDebts: 5 }, oneMonth)).toEqual({
      profile: 'PRECARIOUS',
      reason: 'vulnerable',
    });
    expect(classifyTenant({ ...clean, profileOverride: 'CHRONIC' }, oneMonth)).toEqual({
      profile: 'CHRONIC',
      reason: 'profile set to CHRONIC by an agent',
    });
  });

  it('uses the workspace’s thresholds', () => {
    const strict = { ...DEFAULT_PROFILE_THRESHOLDS, windowMonths: 24, chronicMinEarlierDebts: 1, oneOffMinMonthsOnTime: 10 };
    expect(classifyTenant({ ...clean, earlierDebts: 1 }, oneMonth, strict)).toEqual({
      profile: 'CHRONIC',
      reason: '1 earlier debt in 24 months',
    });
    expect(classifyTenant(clean, oneMonth, strict).profile).toBe('UNKNOWN');
  });

  it('gives a debt its worst tenant’s profile, naming them', () => {
    const martin: TenantHistory = { ...clean, name: 'Martin', earlierDebts: 2 };
    expect(classifyDebt([clean, martin], oneMonth)).toEqual({
      profile: 'CHRONIC',
      reason: 'tenant Martin: 2 earlier debts in 12 months',
      vulnerable: false,
    });
    expect(classifyDebt([martin, { ...clean, vulnerable: true }], oneMonth)).toEqual({
      profile: 'PRECARIOUS',
      reason: 'tenant Dupont is vulnerable',
      vulnerable: true,
    });
    expect(classifyDebt([{ ...martin, profileOverride: 'PRECARIOUS' }], oneMonth)).toEqual({
      profile: 'PRECARIOUS',
      reason: 'tenant Martin: profile set to PRECARIOUS by an agent',
      vulnerable: false,
    });
    expect(classifyDebt([], oneMonth)).toEqual({ profile: 'UNKNOWN', reason: 'no tenant on the lease', vulnerable: false });
  });

  it('refuses thresholds out of bounds or beyond the window', () => {
    expect(validateProfileThresholds(DEFAULT_PROFILE_THRESHOLDS)).toEqual([]);
    expect(validateProfileThresholds({ ...DEFAULT_PROFILE_THRESHOLDS, oneOffMaxArrearsPercent: 0 })).toEqual([
      { field: 'oneOffMaxArrearsPercent', message: 'must be a whole number from 1 to 1200' },
    ]);
    expect(validateProfileThresholds({ ...DEFAULT_PROFILE_THRESHOLDS, windowMonths: 6, oneOffMinMonthsOnTime: 7 })).toEqual([
      { field: 'oneOffMinMonthsOnTime', message: 'must not exceed the window of 6 months' },
    ]);
  });
});
