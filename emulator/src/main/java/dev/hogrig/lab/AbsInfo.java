package dev.hogrig.lab;

/**
 * The range of one absolute axis as the kernel reports it ({@code struct input_absinfo},
 * linux/input.h; {@code EVIOCGABS}). For a HID axis the kernel takes minimum and maximum from the
 * field's Logical Minimum/Maximum and the resolution (units per mm, or per radian for rotations)
 * from its Physical range, Unit and Unit Exponent (hidinput_calc_abs_res in drivers/hid).
 *
 * @param value the current value
 * @param minimum smallest value
 * @param maximum largest value
 * @param fuzz noise filter width (values within it are dropped as jitter)
 * @param flat dead zone around the centre (joysticks)
 * @param resolution units per mm (0 when unknown)
 */
public record AbsInfo(int value, int minimum, int maximum, int fuzz, int flat, int resolution) {}
