import type { LoginFailuresRepo } from '../repositories/login-failures.repo.js';

/** How long failures count, and how many each key may have in that time. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** One account: enough for a moderator mistyping, too few to guess a password. */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/** One address: a newsroom behind one NAT has many moderators, hence more. */
export const MAX_FAILURES_PER_ADDRESS = 50;

/** What `begin` decided: check the password, or refuse without looking at it. */
export type LoginAttempt =
  | {
      allowed: true;
      /** The password was right: the account's failures are forgotten, and this attempt too. */
      succeeded(): Promise<void>;
    }
  | {
      allowed: false;
      blockedBy: 'account' | 'address';
    };

/**
 * Throttles password guessing per account and per client address. An attempt is written down
 * *before* the password is checked and the count read after, so concurrent guesses cannot all read
 * the same old count: whichever order the writes land in, the (limit + 1)-th one to be written sees
 * at least limit + 1 rows and is refused. That holds across instances sharing the database, with
 * no lock and no transaction. Once blocked, even the right password is refused until the failures
 * age out of the window; refused attempts are not kept, so a flood stores nothing more.
 */
export function createLoginThrottle(failures: LoginFailuresRepo, now: () => Date = () => new Date()) {
  const keys = (email: string, ip: string) => ({ account: `email:${email.trim().toLowerCase()}`, address: `ip:${ip}` });
  return {
    async begin(email: string, ip: string): Promise<LoginAttempt> {
      const { account, address } = keys(email, ip);
      const at = now();
      const ids = await failures.record([account, address], at);
      const since = new Date(at.getTime() - LOGIN_WINDOW_MS);
      const [forAccount, forAddress] = await Promise.all([failures.countSince(account, since), failures.countSince(address, since)]);
      if (forAccount > MAX_FAILURES_PER_ACCOUNT || forAddress > MAX_FAILURES_PER_ADDRESS) {
        await failures.deleteIds(ids);
        return { allowed: false, blockedBy: forAccount > MAX_FAILURES_PER_ACCOUNT ? 'account' : 'address' };
      }
      return {
        allowed: true,
        async succeeded() {
          await failures.clear(account);
          await failures.deleteIds(ids);
        },
      };
    },
    /** Forgets failures older than the window (the hourly sweep). */
    prune: () => failures.deleteBefore(new Date(now().getTime() - LOGIN_WINDOW_MS)),
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
