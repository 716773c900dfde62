package io.redistributor.stream;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Locale;

/** Byte-format helpers and argument errors shared by the plan, partial and sketch formats. */
final class Formats {
    private Formats() {
    }

    static IllegalArgumentException error(String name, Object value, String rule) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s (%s) %s", name, value, rule));
    }

    /** Wraps bytes for reading after checking the magic number and the given format version. */
    static ByteBuffer open(byte[] bytes, int magic, String what, byte version) {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        if (bytes.length < 5) {
            throw error(what + " bytes length", bytes.length, "must be >= 5 (magic number and version)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int m = b.getInt();
        if (m != magic) {
            throw error(what + " magic number", String.format(Locale.ROOT, "0x%08x", m),
                String.format(Locale.ROOT, "must be 0x%08x", magic));
        }
        byte v = b.get();
        if (v != version) {
            throw error(what + " format version", v, "is not supported (this library reads version " + version + ")");
        }
        return b;
    }

    /** Runs a decoder and turns a truncated input into an IllegalArgumentException. */
    static <T> T decode(ByteBuffer b, String what, java.util.function.Function<ByteBuffer, T> decoder) {
        T t;
        try {
            t = decoder.apply(b);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException(what + " bytes are truncated", e);
        }
        if (b.hasRemaining()) {
            throw error(what + " bytes", b.remaining() + " trailing", "must end after the last field");
        }
        return t;
    }

    static int count(ByteBuffer b, String name, int max) {
        int n = b.getInt();
        if (n < 0 || n > max) {
            throw error(name, n, "must be in [0, " + max + "]");
        }
        return n;
    }

    /** 64-bit FNV-1a hash, used as the identity of a plan. */
    static long fingerprint(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte x : bytes) {
            h ^= x & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
