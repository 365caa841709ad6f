package dev.hogrig.gatt;

import com.google.common.collect.ImmutableMap;
import dev.hogrig.util.Bytes;
import java.util.Map;

/**
 * The generic ATT-side rules over a {@link GattDatabase}, with one {@link AttributeHandler} per
 * attribute for values and behaviour. Checks, in the order BlueZ's {@code gatt-server.c} makes
 * them:
 *
 * <ol>
 *   <li>unknown handle: Invalid Handle (0x01);
 *   <li>access the properties (characteristic) or permissions (descriptor) do not offer: Read Not
 *       Permitted (0x02) / Write Not Permitted (0x03); a Write Request to a characteristic that
 *       only has WRITE_WITHOUT_RESPONSE is refused the same way;
 *   <li>link security below the permission's level: Insufficient Authentication (0x05) for
 *       AUTHENTICATED/SECURE, Insufficient Encryption (0x0F) for ENCRYPTED (see {@link
 *       Permission});
 *   <li>read offset past the end of the value: Invalid Offset (0x07) (Core 5.4 Vol 3 Part F
 *       §3.4.4.5; an offset equal to the length reads an empty part);
 *   <li>then the handler.
 * </ol>
 *
 * Every access becomes a {@link GattEvent.Read} or {@link GattEvent.Write}. Thread-safe: accesses
 * are serialised on {@code lock}, which the owner (a device) shares for its own state.
 */
public final class GattServer implements GattServerLogic {
  private final GattDatabase database;
  private final ImmutableMap<AttributeHandle, AttributeHandler> handlers;
  private final GattEvents events;
  private final Object lock;

  /**
   * A server with its own lock.
   *
   * @throws GattModelException when an attribute of {@code database} has no handler
   */
  public GattServer(
      GattDatabase database,
      Map<? extends AttributeHandle, ? extends AttributeHandler> handlers,
      GattEvents events) {
    this(database, handlers, events, new Object());
  }

  /**
   * A server that serialises accesses on {@code lock}, shared with the owner's own state.
   *
   * @throws GattModelException when an attribute of {@code database} has no handler
   */
  public GattServer(
      GattDatabase database,
      Map<? extends AttributeHandle, ? extends AttributeHandler> handlers,
      GattEvents events,
      Object lock) {
    this.database = database;
    this.handlers = ImmutableMap.copyOf(handlers);
    this.events = events;
    this.lock = lock;
    for (AttributeHandle h : database.attributes()) {
      if (!this.handlers.containsKey(h)) {
        throw new GattModelException(h + " has no handler");
      }
    }
  }

  @Override
  public GattDatabase database() {
    return database;
  }

  public GattEvents events() {
    return events;
  }

  @Override
  public AttResult read(AttributeHandle handle, int offset, ConnectionInfo connection) {
    synchronized (lock) {
      AttResult result = doRead(handle, offset, connection);
      events.publish(new GattEvent.Read(events.now(), connection.peer(), handle, offset, result));
      return result;
    }
  }

  @Override
  public AttResult write(
      AttributeHandle handle,
      int offset,
      Bytes value,
      boolean withResponse,
      ConnectionInfo connection) {
    synchronized (lock) {
      AttResult result = doWrite(handle, offset, value, withResponse, connection);
      events.publish(
          new GattEvent.Write(
              events.now(), connection.peer(), handle, offset, value, withResponse, result));
      return result;
    }
  }

  private AttResult doRead(AttributeHandle handle, int offset, ConnectionInfo c) {
    if (handle == null || !database.contains(handle)) {
      return AttResult.error(AttError.INVALID_HANDLE);
    }
    AttError denied = checkAccess(handle, Permission.Access.READ, true, c);
    if (denied != null) {
      return AttResult.error(denied);
    }
    Bytes value = handlers.get(handle).read(c);
    if (offset < 0 || offset > value.size()) {
      return AttResult.error(AttError.INVALID_OFFSET);
    }
    return AttResult.ok(value.slice(offset, value.size()));
  }

  private AttResult doWrite(
      AttributeHandle handle, int offset, Bytes value, boolean withResponse, ConnectionInfo c) {
    if (handle == null || !database.contains(handle)) {
      return AttResult.error(AttError.INVALID_HANDLE);
    }
    AttError denied = checkAccess(handle, Permission.Access.WRITE, withResponse, c);
    if (denied != null) {
      return AttResult.error(denied);
    }
    if (offset < 0) {
      return AttResult.error(AttError.INVALID_OFFSET);
    }
    return handlers.get(handle).write(offset, value, withResponse, c);
  }

  /** Null when allowed, else the error. */
  private AttError checkAccess(
      AttributeHandle handle, Permission.Access access, boolean withResponse, ConnectionInfo c) {
    java.util.Set<Permission> perms;
    if (handle instanceof CharacteristicHandle ch) {
      GattCharacteristic gc = database.characteristic(ch).orElseThrow();
      perms = gc.permissions();
      if (access == Permission.Access.READ && !gc.has(Property.READ)) {
        return AttError.READ_NOT_PERMITTED;
      }
      if (access == Permission.Access.WRITE) {
        boolean ok =
            withResponse ? gc.has(Property.WRITE) : gc.has(Property.WRITE_WITHOUT_RESPONSE);
        if (!ok) {
          return AttError.WRITE_NOT_PERMITTED;
        }
      }
    } else {
      GattDescriptor gd = database.descriptor((DescriptorHandle) handle).orElseThrow();
      perms = gd.permissions();
      if (!Permission.grants(perms, access)) {
        return access == Permission.Access.READ
            ? AttError.READ_NOT_PERMITTED
            : AttError.WRITE_NOT_PERMITTED;
      }
    }
    SecurityLevel need = Permission.required(perms, access);
    if (c.security().atLeast(need)) {
      return null;
    }
    return need.atLeast(SecurityLevel.AUTHENTICATED)
        ? AttError.INSUFFICIENT_AUTHENTICATION
        : AttError.INSUFFICIENT_ENCRYPTION;
  }
}
