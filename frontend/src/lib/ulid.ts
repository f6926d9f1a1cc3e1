// ULIDs made in the UI, for ids the Go side accepts as idempotency keys (model.ValidULID):
// 26 Crockford base32 characters, a 48-bit millisecond time then 80 random bits.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh ULID for time `now` (unix ms); `random` fills the 10 random bytes. */
export function newUlid(now = Date.now(), random: (b: Uint8Array) => void = (b) => crypto.getRandomValues(b)): string {
  if (!Number.isInteger(now) || now < 0 || now > 2 ** 48 - 1) throw new RangeError(`ulid: bad time ${now}`);
  let time = '';
  for (let i = 0, t = now; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  const bytes = new Uint8Array(10);
  random(bytes);
  // 80 bits as 16 characters of 5 bits, most significant first.
  let rand = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rand += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return time + rand;
}
