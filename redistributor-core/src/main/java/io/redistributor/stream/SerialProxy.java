package io.redistributor.stream;

import java.io.Serializable;

/**
 * The Java-serialized form of plans, partials and sketch fits: their documented bytes, read back
 * through the validating {@code fromBytes} methods (never through field-by-field deserialization).
 */
final class SerialProxy implements Serializable {
    private static final long serialVersionUID = 1L;
    static final byte PLAN = 0;
    static final byte PARTIAL = 1;
    static final byte SKETCH = 2;

    private final byte type;
    private final byte[] bytes;
    private final byte[] planBytes;

    SerialProxy(byte type, byte[] bytes, byte[] planBytes) {
        this.type = type;
        this.bytes = bytes;
        this.planBytes = planBytes;
    }

    /**
     * Reads the object back through its validating {@code fromBytes}.
     *
     * @return the plan, partial or sketch fit
     */
    private Object readResolve() {
        return switch (type) {
            case PLAN -> ExactPlan.fromBytes(bytes);
            case PARTIAL -> ExactPartial.fromBytes(ExactPlan.fromBytes(planBytes), bytes);
            case SKETCH -> SketchFit.fromBytes(bytes);
            default -> throw new IllegalArgumentException("unknown serialized type " + type);
        };
    }
}
