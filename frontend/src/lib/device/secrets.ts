// The secrets derived from a person's password on this device (WebCrypto only). One PBKDF2-SHA-256 run over the
// password and a random per-person salt gives 256 bits; HKDF splits them into a verifier (kept on the device, to
// check the password offline) and an AES-GCM key for the outbox (non-extractable, held in memory only). Neither
// reveals the other, and the password itself is never kept.

const encoder = new TextEncoder();

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text = '';
  for (const b of array) text += String.fromCharCode(b);
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export function randomSalt(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

export interface Secrets {
  /** Base64 of 32 bytes: compared with the stored one to check the password. */
  verifier: string;
  /** AES-GCM-256, non-extractable. */
  key: CryptoKey;
}

export async function deriveSecrets(password: string, salt: string, iterations: number): Promise<Secrets> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const master = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations }, material, 256);
  const hkdf = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveBits', 'deriveKey']);
  const empty = new Uint8Array(0);
  const verifier = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: empty, info: encoder.encode('downtime-backlog verifier') }, hkdf, 256);
  const key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: empty, info: encoder.encode('downtime-backlog outbox key') }, hkdf,
    { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  return { verifier: toBase64(verifier), key };
}

/** Compares two verifiers without stopping at the first difference. */
export function sameVerifier(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export interface Sealed {
  /** Base64 of a fresh random 96-bit IV. */
  iv: string;
  /** Base64 of the AES-GCM ciphertext and tag. */
  data: string;
}

/** Encrypts a value as JSON; `context` (say the entry's id and owner) is bound as additional data. */
export async function seal(key: CryptoKey, value: unknown, context: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key,
    encoder.encode(JSON.stringify(value)));
  return { iv: toBase64(iv), data: toBase64(data) };
}

/** Decrypts what `seal` made; throws when the key or the context is not the one it was sealed with. */
export async function open<T>(key: CryptoKey, sealed: Sealed, context: string): Promise<T> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encoder.encode(context) }, key, fromBase64(sealed.data));
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
