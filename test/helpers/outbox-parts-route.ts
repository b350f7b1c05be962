/** The split-message crash test's route: small enough that its push is three messages. */
export const PARTS_ROUTE = { target: 'narrow', perMinute: 600, burst: 100, maxBytes: 48 };
