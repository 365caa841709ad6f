package dev.hogrig.gatt;

import java.util.Set;

/**
 * Attribute permissions: which access an attribute allows and the link security it asks for (Core
 * 5.4 Vol 3 Part F §3.2.5), named as BlueZ's GATT flag words so a backend maps 1:1 ({@code
 * doc/org.bluez.GattCharacteristic.rst} and {@code doc/org.bluez.GattDescriptor.rst}, "Flags").
 *
 * <p>On a characteristic the access itself comes from its {@link Property properties}; its
 * permissions only raise the security (an {@code ENCRYPT_READ} characteristic must also have the
 * READ property). On a descriptor, which has no properties, READ and WRITE grant the access.
 *
 * <p>How the model answers a client whose link is below what an access asks for follows BlueZ's
 * {@code check_permissions()} in {@code src/shared/gatt-server.c}: a SECURE or AUTHENTICATED
 * requirement gives Insufficient Authentication (0x05), an ENCRYPTED requirement Insufficient
 * Encryption (0x0F). Core 5.4 Vol 3 Part C §10.3.1 lets a server answer Insufficient Authentication
 * to an unencrypted unbonded client instead, which BlueZ does not do.
 */
public enum Permission {
  READ("read", Access.READ, SecurityLevel.NONE),
  WRITE("write", Access.WRITE, SecurityLevel.NONE),
  ENCRYPT_READ("encrypt-read", Access.READ, SecurityLevel.ENCRYPTED),
  ENCRYPT_WRITE("encrypt-write", Access.WRITE, SecurityLevel.ENCRYPTED),
  ENCRYPT_AUTHENTICATED_READ(
      "encrypt-authenticated-read", Access.READ, SecurityLevel.AUTHENTICATED),
  ENCRYPT_AUTHENTICATED_WRITE(
      "encrypt-authenticated-write", Access.WRITE, SecurityLevel.AUTHENTICATED),
  SECURE_READ("secure-read", Access.READ, SecurityLevel.SECURE),
  SECURE_WRITE("secure-write", Access.WRITE, SecurityLevel.SECURE),
  /**
   * BlueZ asks the application to authorize each access. The model is itself called for every
   * access, so it adds no check for this flag; it is carried for the backend.
   */
  AUTHORIZE("authorize", null, SecurityLevel.NONE);

  /** Which way an access goes. */
  public enum Access {
    READ,
    WRITE
  }

  private final String flag;
  private final Access access;
  private final SecurityLevel level;

  Permission(String flag, Access access, SecurityLevel level) {
    this.flag = flag;
    this.access = access;
    this.level = level;
  }

  /** The BlueZ flag word, e.g. {@code "encrypt-authenticated-read"}. */
  public String flag() {
    return flag;
  }

  /** The access this permission is about; null for {@link #AUTHORIZE}. */
  public Access access() {
    return access;
  }

  /** The least link security this permission asks for. */
  public SecurityLevel level() {
    return level;
  }

  /** The read permission that asks for {@code level}. */
  public static Permission readAt(SecurityLevel level) {
    return switch (level) {
      case NONE -> READ;
      case ENCRYPTED -> ENCRYPT_READ;
      case AUTHENTICATED -> ENCRYPT_AUTHENTICATED_READ;
      case SECURE -> SECURE_READ;
    };
  }

  /** The write permission that asks for {@code level}. */
  public static Permission writeAt(SecurityLevel level) {
    return switch (level) {
      case NONE -> WRITE;
      case ENCRYPTED -> ENCRYPT_WRITE;
      case AUTHENTICATED -> ENCRYPT_AUTHENTICATED_WRITE;
      case SECURE -> SECURE_WRITE;
    };
  }

  /** The highest level any of {@code permissions} asks for {@code access}; NONE when none. */
  public static SecurityLevel required(Set<Permission> permissions, Access access) {
    SecurityLevel max = SecurityLevel.NONE;
    for (Permission p : permissions) {
      if (p.access == access && p.level.compareTo(max) > 0) {
        max = p.level;
      }
    }
    return max;
  }

  /** True when some permission in {@code permissions} is about {@code access}. */
  public static boolean grants(Set<Permission> permissions, Access access) {
    return permissions.stream().anyMatch(p -> p.access == access);
  }
}
