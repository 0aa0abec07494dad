/** A random 16-byte serial: unguessable (CA/Browser Forum asks for ≥ 64 random bits) and positive. */
export function randomSerialNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // First byte in 0x10..0x7f: a clear top bit keeps the DER INTEGER positive, and a non-zero high
  // nibble makes the hex always 32 digits with no leading zero, so every form of it compares equal.
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return Buffer.from(bytes).toString('hex');
}

/** Serials compared as numbers written in hex: case and leading zeros do not matter. */
export function normalizeSerial(serial: string): string {
  return serial.toLowerCase().replace(/^0+(?=.)/, '');
}
