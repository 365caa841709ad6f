package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Parsing of the dump host-inputs.sh prints. Bitmap texts follow the kernel's sysfs format for
 * {@code capabilities/*} and {@code properties}: hex words of {@code unsigned long}, most
 * significant first, leading zero words left out (drivers/input/input.c, input_print_bitmap). The
 * {@code A:} lines are evemu's device format ({@code A: <code hex> <min> <max> <fuzz> <flat>
 * <resolution>}).
 */
class HostInputDevicesTest {
  private static final String DUMP =
      String.join(
          "\n",
          "HID 0005:1D6B:0103.0003",
          "U DRIVER=hid-multitouch",
          "U HID_ID=0005:00001D6B:00000103",
          "U HID_NAME=Rig ptp",
          "U HID_PHYS=",
          "U HID_UNIQ=hogrig-uhid-7",
          "DRIVER hid-multitouch",
          "HIDRAW hidraw2",
          "INPUT input4",
          "NAME Rig ptp Touchpad",
          "PHYS ",
          "UNIQ hogrig-uhid-7",
          "CAP ev 1b",
          "CAP key e520 10000 0 0 0 0",
          "CAP rel 0",
          "CAP abs 2e0800000000003",
          "CAP msc 20",
          "CAP sw 0",
          "CAP led 0",
          "PROPS 5",
          "EVENT event3",
          "E # Input device name: \"Rig ptp Touchpad\"",
          "E #   Event type 3 (EV_ABS)",
          "E #     Event code 0 (ABS_X)",
          "E #       Value      700",
          "E #       Min          0",
          "E # Properties:",
          "E N: Rig ptp Touchpad",
          "E A: 00 0 4000 0 0 40",
          "E A: 2f 0 4 0 0 0",
          "E A: 35 0 4000 0 0 40",
          "E A: 39 0 65535 0 0 0",
          "ENDINPUT",
          "ENDHID",
          "HID 0003:046D:C52B.0004",
          "U HID_ID=0003:0000046D:0000C52B",
          "U HID_NAME=No driver",
          "ENDHID",
          "");

  @Test
  void dumpBecomesHidAndInputRecords() {
    ImmutableList<HidDeviceInfo> all = HostInputDevices.parse(DUMP);
    assertEquals(2, all.size());
    HidDeviceInfo p = all.get(0);
    assertEquals("0005:1D6B:0103.0003", p.sysName());
    assertEquals("Rig ptp", p.name());
    assertEquals(HidDeviceInfo.BUS_BLUETOOTH, p.bus());
    assertEquals(0x1d6b, p.vendor());
    assertEquals(0x0103, p.product());
    assertEquals(Optional.of("hid-multitouch"), p.driver());
    assertEquals(Optional.of("/dev/hidraw2"), p.hidraw());
    assertEquals("hogrig-uhid-7", p.uniq());
    InputDeviceInfo in = p.inputs().get(0);
    assertEquals("input4", in.sysName());
    assertEquals("Rig ptp Touchpad", in.name());
    assertEquals("/dev/input/event3", in.eventNode());
    assertEquals(Optional.of(in), p.input("Touchpad"));
    // ev 0x1b = EV_SYN, EV_KEY, EV_ABS, EV_MSC
    assertEquals(ImmutableSet.of(0, 1, 3, 4), in.types());
    // key word 5 = 0xe520: 0x145 BTN_TOOL_FINGER, 0x148 BTN_TOOL_QUINTTAP, 0x14a BTN_TOUCH,
    // 0x14d..0x14f DOUBLE/TRIPLE/QUADTAP; word 4 = 0x10000: 0x110 BTN_LEFT
    assertEquals(
        ImmutableSet.of(
            EventCode.of("BTN_LEFT"),
            EventCode.of("BTN_TOOL_FINGER"),
            EventCode.of("BTN_TOOL_QUINTTAP"),
            EventCode.of("BTN_TOUCH"),
            EventCode.of("BTN_TOOL_DOUBLETAP"),
            EventCode.of("BTN_TOOL_TRIPLETAP"),
            EventCode.of("BTN_TOOL_QUADTAP")),
        in.keys());
    assertTrue(in.has("ABS_MT_SLOT") && in.has("ABS_MT_TOOL_TYPE") && in.has("ABS_Y"));
    assertEquals(ImmutableSet.of(EventCode.of("MSC_TIMESTAMP")), in.msc());
    assertTrue(in.rels().isEmpty());
    // props 5 = INPUT_PROP_POINTER | INPUT_PROP_BUTTONPAD
    assertEquals(ImmutableSet.of(0, 2), in.props());
    assertEquals(new AbsInfo(700, 0, 4000, 0, 0, 40), in.absInfo("ABS_X").orElseThrow());
    assertEquals(new AbsInfo(0, 0, 4000, 0, 0, 40), in.absInfo("ABS_MT_POSITION_X").orElseThrow());
    assertEquals(4, in.absInfo("ABS_MT_SLOT").orElseThrow().maximum());
    assertEquals(Optional.empty(), in.absInfo("ABS_PRESSURE"));
    HidDeviceInfo usb = all.get(1);
    assertEquals(HidDeviceInfo.BUS_USB, usb.bus());
    assertEquals(Optional.empty(), usb.driver());
    assertTrue(usb.inputs().isEmpty());
  }

  @Test
  void bitmapWordsCountFromTheRight() {
    // rel 0x1943: REL_X 0, REL_Y 1, REL_HWHEEL 6, REL_WHEEL 8, REL_WHEEL_HI_RES 11,
    // REL_HWHEEL_HI_RES 12 (a wheel mouse under Linux >= 5.0)
    assertEquals(ImmutableSet.of(0, 1, 6, 8, 11, 12), HostInputDevices.bits("1943"));
    // Second word from the right starts at bit 64: KEY_LEFTMETA 125 = 64 + 61 (0xe0... has 61..63)
    ImmutableSet<Integer> kbd = HostInputDevices.bits("e080ffdf01cfffff fffffffffffffffe");
    assertTrue(kbd.contains(125) && kbd.contains(1) && kbd.contains(30));
    assertTrue(!kbd.contains(0), "KEY_RESERVED never");
    assertEquals(ImmutableSet.of(), HostInputDevices.bits("0"));
    assertEquals(ImmutableSet.of(), HostInputDevices.bits(""));
    assertEquals(ImmutableSet.of(63), HostInputDevices.bits("8000000000000000"));
  }

  @Test
  void malformedDumpsNameTheLine() {
    LabException bad =
        assertThrows(
            LabException.class,
            () -> HostInputDevices.parse("HID x\nU HID_ID=0005:1:2\nBOGUS 1\n"));
    assertTrue(bad.getMessage().contains("line 3"), bad.getMessage());
    LabException bits =
        assertThrows(
            LabException.class, () -> HostInputDevices.parse("HID x\nINPUT input1\nCAP key zz\n"));
    assertTrue(bits.getMessage().contains("line 3") && bits.getMessage().contains("zz"));
    LabException outside =
        assertThrows(LabException.class, () -> HostInputDevices.parse("NAME lost\n"));
    assertTrue(outside.getMessage().contains("line 1"), outside.getMessage());
    LabException id =
        assertThrows(
            LabException.class, () -> HostInputDevices.parse("HID y\nU HID_ID=zz\nENDHID\n"));
    assertTrue(id.getMessage().contains("HID_ID"), id.getMessage());
    assertThrows(LabException.class, () -> HostInputDevices.parse("HID z\n"), "truncated");
  }
}
