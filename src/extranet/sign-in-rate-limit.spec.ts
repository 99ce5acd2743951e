import { signInMessage } from './landlord-access.service';
import { SlidingWindowLimit } from './sign-in-rate-limit';

describe('SlidingWindowLimit', () => {
  it('allows `max` hits per window and key, then says how long to wait', () => {
    const limit = new SlidingWindowLimit(2, 1_000);
    expect(limit.hit('a', 0)).toBe(0);
    expect(limit.hit('a', 100)).toBe(0);
    expect(limit.hit('a', 200)).toBe(800);
    expect(limit.hit('b', 200)).toBe(0);
    // The first hit leaves the window at 1000 ms.
    expect(limit.hit('a', 999)).toBe(1);
    expect(limit.hit('a', 1_000)).toBe(0);
  });

  it('forgets the oldest keys beyond its capacity', () => {
    const limit = new SlidingWindowLimit(1, 1_000, 2);
    limit.hit('a', 0);
    limit.hit('b', 0);
    limit.hit('c', 0);
    expect(limit.hit('a', 1)).toBe(0);
    expect(limit.hit('c', 1)).toBeGreaterThan(0);
  });
});

describe('signInMessage', () => {
  it('says in French then English what the link is for and how long it lasts', () => {
    const invite = signInMessage({ agency: 'Agence Rhône', name: 'SCI Les Tilleuls', url: 'https://x/auth?token=t', purpose: 'INVITE' });
    expect(invite.subject).toContain('Agence Rhône');
    expect(invite.body.indexOf('Bonjour SCI Les Tilleuls')).toBe(0);
    expect(invite.body).toContain('expire dans 7 jours');
    expect(invite.body).toContain('expires in 7 days');
    expect(invite.body.split('https://x/auth?token=t')).toHaveLength(3);
    const link = signInMessage({ agency: 'A', name: 'B', url: 'u', purpose: 'SIGN_IN' });
    expect(link.body).toContain('30 minutes');
    expect(link.subject).toMatch(/lien de connexion/);
  });
});
