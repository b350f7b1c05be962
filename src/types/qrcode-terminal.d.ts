// qrcode-terminal ships no types; this is the part main.ts uses.
declare module 'qrcode-terminal' {
  export function generate(text: string, options?: { small?: boolean }, callback?: (qrcode: string) => void): void;
  const qrcode: { generate: typeof generate };
  export default qrcode;
}
