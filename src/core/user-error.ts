/**
 * A mistake of the person running a tool (a missing file, a wrong line in a roster or a
 * transcript, a bad setting): its message is Chinese, names where the mistake is and how to fix
 * it, and is all they see — never a stack (src/app/cli.ts).
 */
export class UserError extends Error {
  override name = 'UserError';
}
