package dev.hogrig.gatt;

/**
 * The security of a link, as LE Security Mode 1 names its levels (Core 5.4 Vol 3 Part C §10.2.1),
 * and the least security an attribute asks for.
 *
 * <pre>
 *   NONE           level 1  no encryption
 *   ENCRYPTED      level 2  encrypted, unauthenticated key (Just Works)
 *   AUTHENTICATED  level 3  encrypted, MITM-protected key (passkey, numeric comparison, OOB)
 *   SECURE         level 4  authenticated LE Secure Connections, 128-bit key
 * </pre>
 *
 * BlueZ calls these BT_ATT_SECURITY_LOW / MEDIUM / HIGH / FIPS.
 */
public enum SecurityLevel {
  NONE,
  ENCRYPTED,
  AUTHENTICATED,
  SECURE;

  /** LE Security Mode 1 level number, 1..4. */
  public int mode1Level() {
    return ordinal() + 1;
  }

  public boolean atLeast(SecurityLevel other) {
    return compareTo(other) >= 0;
  }
}
