import type { LoginFailuresRepo } from '../repositories/login-failures.repo.js';

/** How long failures count, and how many each key may have in that time. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** One account: enough for a moderator mistyping, too few to guess a password. */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/** One address: a newsroom behind one NAT has many moderators, hence more. */
export const MAX_FAILURES_PER_ADDRESS = 50;

/**
 * Throttles password guessing: after too many failures for an account or from an address within
 * the window, sign-in is refused (even with the right password) until older failures age out.
 * A success clears the account's failures.
 */
export function createLoginThrottle(failures: LoginFailuresRepo, now: () => Date = () => new Date()) {
  const keys = (email: string, ip: string) => ({ account: `email:${email.trim().toLowerCase()}`, address: `ip:${ip}` });
  return {
    async isBlocked(email: string, ip: string): Promise<boolean> {
      const { account, address } = keys(email, ip);
      const since = new Date(now().getTime() - LOGIN_WINDOW_MS);
      const [forAccount, forAddress] = await Promise.all([failures.countSince(account, since), failures.countSince(address, since)]);
      return forAccount >= MAX_FAILURES_PER_ACCOUNT || forAddress >= MAX_FAILURES_PER_ADDRESS;
    },
    async failed(email: string, ip: string): Promise<void> {
      const { account, address } = keys(email, ip);
      await failures.record([account, address], now());
    },
    async succeeded(email: string): Promise<void> {
      await failures.clear(keys(email, '').account);
    },
    /** Forgets failures older than the window (the hourly sweep). */
    prune: () => failures.deleteBefore(new Date(now().getTime() - LOGIN_WINDOW_MS)),
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
