package dev.hogrig.gatt;

/**
 * A GATT model that cannot be served: a malformed UUID, a characteristic whose permissions ask for
 * an access its properties do not offer, a profile whose Report Map is too long for an attribute.
 * The message names the service, characteristic or descriptor and what was expected.
 */
public class GattModelException extends RuntimeException {
  public GattModelException(String message) {
    super(message);
  }
}
