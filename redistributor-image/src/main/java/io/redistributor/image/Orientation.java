package io.redistributor.image;

import java.nio.charset.StandardCharsets;

/**
 * Finds the EXIF orientation tag (0x0112) in the bytes of a JPEG, TIFF, PNG or WebP file and
 * turns a stored image upright. Files without the tag, or with an unreadable or out-of-range
 * value, are treated as upright (orientation 1).
 */
final class Orientation {

    private static final int TAG_ORIENTATION = 0x0112;

    private Orientation() {
    }

    /** The EXIF orientation, 1 … 8, of the file's first image; 1 when absent. */
    static int of(byte[] b) {
        try {
            int o;
            if (b.length > 4 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8) {
                o = jpeg(b);
            } else if (b.length > 8 && ((b[0] == 'I' && b[1] == 'I') || (b[0] == 'M' && b[1] == 'M'))) {
                o = tiff(b, 0, b.length);
            } else if (b.length > 8 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
                o = png(b);
            } else if (b.length > 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
                o = webp(b);
            } else {
                o = 1;
            }
            return o >= 1 && o <= 8 ? o : 1;
        } catch (IndexOutOfBoundsException e) {
            // a damaged metadata block: the pixels decide whether the file is usable, not the tag
            return 1;
        }
    }

    private static int jpeg(byte[] b) {
        int pos = 2;
        while (pos + 4 <= b.length && u8(b, pos) == 0xFF) {
            int marker = u8(b, pos + 1);
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int len = u16(b, pos + 2, false);
            int data = pos + 4;
            if (marker == 0xE1 && ascii(b, data, "Exif") && b[data + 4] == 0 && b[data + 5] == 0) {
                return tiff(b, data + 6, Math.min(b.length, pos + 2 + len));
            }
            pos += 2 + len;
        }
        return 1;
    }

    private static int png(byte[] b) {
        int pos = 8;
        while (pos + 8 <= b.length) {
            int len = (int) u32(b, pos, false);
            if (ascii(b, pos + 4, "eXIf")) {
                return tiff(b, pos + 8, Math.min(b.length, pos + 8 + len));
            }
            if (ascii(b, pos + 4, "IEND") || len < 0) {
                break;
            }
            pos += 12 + len;
        }
        return 1;
    }

    private static int webp(byte[] b) {
        int pos = 12;
        while (pos + 8 <= b.length) {
            int len = (int) u32(b, pos + 4, true);
            if (len < 0) {
                break;
            }
            if (ascii(b, pos, "EXIF")) {
                int start = pos + 8;
                if (ascii(b, start, "Exif")) {
                    start += 6;
                }
                return tiff(b, start, Math.min(b.length, pos + 8 + len));
            }
            pos += 8 + len + (len & 1);
        }
        return 1;
    }

    /** Reads the orientation from IFD0 of a TIFF structure at b[start, end). */
    private static int tiff(byte[] b, int start, int end) {
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, start + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(b, start + 4, little);
        int pos = (int) (start + ifd);
        if (ifd < 8 || pos + 2 > end) {
            return 1;
        }
        int entries = u16(b, pos, little);
        for (int i = 0; i < entries; i++) {
            int e = pos + 2 + 12 * i;
            if (e + 12 > end) {
                break;
            }
            if (u16(b, e, little) == TAG_ORIENTATION && u16(b, e + 2, little) == 3) {
                return u16(b, e + 8, little);
            }
        }
        return 1;
    }

    private static boolean ascii(byte[] b, int pos, String s) {
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < t.length; i++) {
            if (b[pos + i] != t[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] b, int pos) {
        return b[pos] & 0xFF;
    }

    private static int u16(byte[] b, int pos, boolean little) {
        return little ? u8(b, pos) | u8(b, pos + 1) << 8 : u8(b, pos) << 8 | u8(b, pos + 1);
    }

    private static long u32(byte[] b, int pos, boolean little) {
        long lo = u16(b, pos, little);
        long hi = u16(b, pos + 2, little);
        return little ? lo | hi << 16 : lo << 16 | hi;
    }

    /**
     * Turns the stored image upright for an EXIF orientation: 2 mirror, 3 rotate 180°, 4 flip,
     * 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise.
     */
    static Image apply(Image img, int orientation) {
        if (orientation == 1) {
            return img;
        }
        int w = img.width();
        int h = img.height();
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        int[] index = new int[w * h];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2: sx = w - 1 - x; sy = y; break;
                    case 3: sx = w - 1 - x; sy = h - 1 - y; break;
                    case 4: sx = x; sy = h - 1 - y; break;
                    case 5: sx = y; sy = x; break;
                    case 6: sx = y; sy = h - 1 - x; break;
                    case 7: sx = w - 1 - y; sy = h - 1 - x; break;
                    default: sx = w - 1 - y; sy = x; break;
                }
                index[y * dw + x] = sy * w + sx;
            }
        }
        short[][] src = img.colourRef();
        short[][] dst = new short[src.length][];
        for (int k = 0; k < src.length; k++) {
            dst[k] = gather(src[k], index);
        }
        short[] a = img.alphaRef() == null ? null : gather(img.alphaRef(), index);
        return new Image(dw, dh, img.bitDepth(), dst, a, img.format());
    }

    private static short[] gather(short[] p, int[] index) {
        short[] out = new short[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = p[index[i]];
        }
        return out;
    }
}
