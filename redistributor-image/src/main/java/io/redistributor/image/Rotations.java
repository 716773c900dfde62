package io.redistributor.image;

/** How {@link Method#JOINT} chooses the rotation of each iteration. */
public enum Rotations {
    /** Uniformly random rotations drawn from {@link TransferOptions#seed()}. */
    RANDOM,
    /**
     * A fixed, seed-independent sequence: iteration k uses the rotation whose unit quaternion
     * comes from the k-th point of the Halton sequence in bases 2, 3 and 5 (Shoemake's mapping),
     * so the rotations spread evenly and every run uses the same ones.
     */
    FIXED
}
