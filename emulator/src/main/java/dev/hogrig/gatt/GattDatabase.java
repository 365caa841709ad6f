package dev.hogrig.gatt;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A declared GATT database: services, characteristics and descriptors, validated once at {@link
 * Builder#build()}. Declarative and immutable, in the spirit of Zephyr's {@code
 * BT_GATT_SERVICE_DEFINE}, but every attribute is reached through the typed handle the builder
 * handed out, never by its position.
 *
 * <pre>
 *   GattDatabase.Builder b = GattDatabase.builder();
 *   ServiceHandle bas = b.primaryService(GattUuids.BATTERY_SERVICE, "Battery");
 *   CharacteristicHandle level = b.characteristic(bas, GattUuids.BATTERY_LEVEL, "Battery Level",
 *       EnumSet.of(Property.READ, Property.NOTIFY), EnumSet.of(Permission.ENCRYPT_READ));
 *   GattDatabase db = b.build();
 * </pre>
 *
 * <p>Rules checked at build: a characteristic has at least one property; each permission is about
 * an access its properties offer (ENCRYPT_WRITE needs WRITE or WRITE_WITHOUT_RESPONSE, ...); a
 * descriptor grants READ or WRITE; no descriptor UUID twice on one characteristic; no Client
 * Characteristic Configuration (0x2902) or Extended Properties (0x2900) descriptor, which BlueZ
 * creates itself.
 */
public final class GattDatabase {
  private final ImmutableList<GattService> services;
  private final ImmutableMap<CharacteristicHandle, GattCharacteristic> characteristics;
  private final ImmutableMap<DescriptorHandle, GattDescriptor> descriptors;
  private final ImmutableMap<DescriptorHandle, CharacteristicHandle> owners;

  private GattDatabase(ImmutableList<GattService> services) {
    this.services = services;
    ImmutableMap.Builder<CharacteristicHandle, GattCharacteristic> c = ImmutableMap.builder();
    ImmutableMap.Builder<DescriptorHandle, GattDescriptor> d = ImmutableMap.builder();
    ImmutableMap.Builder<DescriptorHandle, CharacteristicHandle> o = ImmutableMap.builder();
    for (GattService s : services) {
      for (GattCharacteristic ch : s.characteristics()) {
        c.put(ch.handle(), ch);
        for (GattDescriptor de : ch.descriptors()) {
          d.put(de.handle(), de);
          o.put(de.handle(), ch.handle());
        }
      }
    }
    this.characteristics = c.build();
    this.descriptors = d.build();
    this.owners = o.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Services in declaration order (the order a backend should register them). */
  public ImmutableList<GattService> services() {
    return services;
  }

  public Optional<GattService> service(ServiceHandle handle) {
    return services.stream().filter(s -> s.handle().equals(handle)).findFirst();
  }

  /** The first service with {@code uuid}. */
  public Optional<GattService> service(BtUuid uuid) {
    return services.stream().filter(s -> s.uuid().equals(uuid)).findFirst();
  }

  public Optional<GattCharacteristic> characteristic(CharacteristicHandle handle) {
    return Optional.ofNullable(characteristics.get(handle));
  }

  public Optional<GattDescriptor> descriptor(DescriptorHandle handle) {
    return Optional.ofNullable(descriptors.get(handle));
  }

  /** The characteristic a descriptor belongs to. */
  public Optional<CharacteristicHandle> owner(DescriptorHandle handle) {
    return Optional.ofNullable(owners.get(handle));
  }

  /** True when {@code handle} was handed out by this database's builder. */
  public boolean contains(AttributeHandle handle) {
    return handle instanceof CharacteristicHandle c
        ? characteristics.containsKey(c)
        : descriptors.containsKey((DescriptorHandle) handle);
  }

  /** Every characteristic and descriptor handle, in declaration order. */
  public ImmutableList<AttributeHandle> attributes() {
    ImmutableList.Builder<AttributeHandle> out = ImmutableList.builder();
    for (GattService s : services) {
      for (GattCharacteristic c : s.characteristics()) {
        out.add(c.handle());
        c.descriptors().forEach(d -> out.add(d.handle()));
      }
    }
    return out.build();
  }

  /** Collects declarations; {@link #build()} validates them all at once. */
  public static final class Builder {
    private int nextKey = 1;
    private final Map<ServiceHandle, Boolean> services = new LinkedHashMap<>();
    private final Map<ServiceHandle, List<CharacteristicHandle>> chars = new LinkedHashMap<>();
    private final Map<CharacteristicHandle, Set<Property>> props = new LinkedHashMap<>();
    private final Map<CharacteristicHandle, Set<Permission>> charPerms = new LinkedHashMap<>();
    private final Map<CharacteristicHandle, List<DescriptorHandle>> descs = new LinkedHashMap<>();
    private final Map<DescriptorHandle, Set<Permission>> descPerms = new LinkedHashMap<>();
    private boolean built;

    private Builder() {}

    public ServiceHandle primaryService(BtUuid uuid, String label) {
      return service(uuid, label, true);
    }

    public ServiceHandle secondaryService(BtUuid uuid, String label) {
      return service(uuid, label, false);
    }

    private ServiceHandle service(BtUuid uuid, String label, boolean primary) {
      checkOpen();
      ServiceHandle h = new ServiceHandle(nextKey++, require(uuid), require(label));
      services.put(h, primary);
      chars.put(h, new ArrayList<>());
      return h;
    }

    /** Adds a characteristic to {@code service}; its handle is how everyone refers to it. */
    public CharacteristicHandle characteristic(
        ServiceHandle service,
        BtUuid uuid,
        String label,
        Set<Property> properties,
        Set<Permission> permissions) {
      checkOpen();
      List<CharacteristicHandle> list = chars.get(service);
      if (list == null) {
        throw new GattModelException("characteristic '" + label + "': unknown service " + service);
      }
      CharacteristicHandle h = new CharacteristicHandle(nextKey++, require(uuid), require(label));
      list.add(h);
      props.put(h, Set.copyOf(properties));
      charPerms.put(h, Set.copyOf(permissions));
      descs.put(h, new ArrayList<>());
      return h;
    }

    /** Adds a descriptor to {@code characteristic}. */
    public DescriptorHandle descriptor(
        CharacteristicHandle characteristic,
        BtUuid uuid,
        String label,
        Set<Permission> permissions) {
      checkOpen();
      List<DescriptorHandle> list = descs.get(characteristic);
      if (list == null) {
        throw new GattModelException(
            "descriptor '" + label + "': unknown characteristic " + characteristic);
      }
      DescriptorHandle h = new DescriptorHandle(nextKey++, require(uuid), require(label));
      list.add(h);
      descPerms.put(h, Set.copyOf(permissions));
      return h;
    }

    /**
     * Validates every declaration and freezes them.
     *
     * @throws GattModelException naming the first offending attribute and the rule
     */
    public GattDatabase build() {
      checkOpen();
      built = true;
      ImmutableList.Builder<GattService> out = ImmutableList.builder();
      for (Map.Entry<ServiceHandle, Boolean> s : services.entrySet()) {
        ImmutableList.Builder<GattCharacteristic> cs = ImmutableList.builder();
        for (CharacteristicHandle c : chars.get(s.getKey())) {
          String where = "service " + s.getKey() + ", characteristic " + c;
          Set<Property> p = props.get(c);
          Set<Permission> perms = charPerms.get(c);
          validateCharacteristic(where, p, perms);
          ImmutableList.Builder<GattDescriptor> ds = ImmutableList.builder();
          Set<BtUuid> seen = new HashSet<>();
          for (DescriptorHandle d : descs.get(c)) {
            String dwhere = where + ", descriptor " + d;
            if (d.uuid().equals(GattUuids.CLIENT_CHARACTERISTIC_CONFIGURATION)
                || d.uuid().equals(GattUuids.CHARACTERISTIC_EXTENDED_PROPERTIES)) {
              throw new GattModelException(
                  dwhere
                      + ": do not declare this descriptor; BlueZ creates it from the"
                      + " characteristic's flags, and subscription state is per connection");
            }
            if (!seen.add(d.uuid())) {
              throw new GattModelException(dwhere + ": declared twice on one characteristic");
            }
            Set<Permission> dp = descPerms.get(d);
            if (!Permission.grants(dp, Permission.Access.READ)
                && !Permission.grants(dp, Permission.Access.WRITE)) {
              throw new GattModelException(
                  dwhere + ": grants neither read nor write; give it a read or write permission");
            }
            ds.add(new GattDescriptor(d, immutableEnumSet(dp)));
          }
          cs.add(
              new GattCharacteristic(c, immutableEnumSet(p), immutableEnumSet(perms), ds.build()));
        }
        out.add(new GattService(s.getKey(), s.getValue(), cs.build()));
      }
      return new GattDatabase(out.build());
    }

    private static void validateCharacteristic(
        String where, Set<Property> p, Set<Permission> perms) {
      if (p.isEmpty()) {
        throw new GattModelException(where + ": has no properties; give it READ, WRITE, NOTIFY…");
      }
      boolean canRead = p.contains(Property.READ);
      boolean canWrite = p.stream().anyMatch(Property::isWrite);
      for (Permission perm : perms) {
        if (perm.access() == Permission.Access.READ && !canRead) {
          throw new GattModelException(
              where + ": permission " + perm.flag() + " needs the READ property");
        }
        if (perm.access() == Permission.Access.WRITE && !canWrite) {
          throw new GattModelException(
              where
                  + ": permission "
                  + perm.flag()
                  + " needs a write property (WRITE or WRITE_WITHOUT_RESPONSE)");
        }
      }
    }

    private static <E extends Enum<E>> ImmutableSet<E> immutableEnumSet(Set<E> set) {
      return Sets.immutableEnumSet(set);
    }

    private void checkOpen() {
      if (built) {
        throw new IllegalStateException("build() was already called on this builder");
      }
    }

    private static <T> T require(T value) {
      if (value == null) {
        throw new GattModelException("UUID and label must not be null");
      }
      return value;
    }
  }
}
