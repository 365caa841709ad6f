package dev.hogrig.hid;

/** The three kinds of report a descriptor declares, one per field-declaring main item. */
public enum ReportType {
  INPUT(ItemTag.INPUT),
  OUTPUT(ItemTag.OUTPUT),
  FEATURE(ItemTag.FEATURE);

  private final ItemTag tag;

  ReportType(ItemTag tag) {
    this.tag = tag;
  }

  public ItemTag tag() {
    return tag;
  }

  /** The report type declared by a main item tag. */
  public static ReportType of(ItemTag tag) {
    for (ReportType t : values()) {
      if (t.tag == tag) {
        return t;
      }
    }
    throw new IllegalArgumentException(tag + " declares no report field");
  }

  /** "Input", "Output" or "Feature". */
  public String displayName() {
    return tag.displayName();
  }
}
