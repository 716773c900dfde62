package io.redistributor.image;

/** Cropping and area-averaging resizing of images (colour and alpha alike). */
final class Resample {

    private Resample() {
    }

    /** The rectangle [x0, x0 + w) × [y0, y0 + h) of an image. */
    static Image crop(Image img, int x0, int y0, int w, int h) {
        short[][] p = img.colourRef();
        short[][] out = new short[p.length][];
        for (int c = 0; c < p.length; c++) {
            out[c] = cropPlane(p[c], img.width(), x0, y0, w, h);
        }
        short[] a = img.alphaRef() == null ? null : cropPlane(img.alphaRef(), img.width(), x0, y0, w, h);
        return new Image(w, h, img.bitDepth(), out, a, img.format());
    }

    private static short[] cropPlane(short[] p, int width, int x0, int y0, int w, int h) {
        short[] out = new short[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(p, (y0 + y) * width + x0, out, y * w, w);
        }
        return out;
    }

    /** The largest centred crop with the aspect ratio w : h, resized to w × h by area averaging. */
    static Image cropResize(Image img, int w, int h) {
        int iw = img.width();
        int ih = img.height();
        int cw;
        int ch;
        if ((long) iw * h > (long) ih * w) {
            ch = ih;
            cw = (int) Math.min(iw, Math.max(1, Math.round((double) ih * w / h)));
        } else {
            cw = iw;
            ch = (int) Math.min(ih, Math.max(1, Math.round((double) iw * h / w)));
        }
        Image c = crop(img, (iw - cw) / 2, (ih - ch) / 2, cw, ch);
        return resize(c, w, h);
    }

    /** Resizes by averaging the source pixels whose centres fall in each output pixel (nearest when enlarging). */
    static Image resize(Image img, int w, int h) {
        short[][] p = img.colourRef();
        short[][] out = new short[p.length][];
        for (int c = 0; c < p.length; c++) {
            out[c] = resizePlane(p[c], img.width(), img.height(), w, h);
        }
        short[] a = img.alphaRef() == null ? null : resizePlane(img.alphaRef(), img.width(), img.height(), w, h);
        return new Image(w, h, img.bitDepth(), out, a, img.format());
    }

    private static short[] resizePlane(short[] p, int iw, int ih, int w, int h) {
        short[] out = new short[w * h];
        for (int y = 0; y < h; y++) {
            int ya = (int) ((long) y * ih / h);
            int yb = Math.max(ya + 1, (int) ((long) (y + 1) * ih / h));
            for (int x = 0; x < w; x++) {
                int xa = (int) ((long) x * iw / w);
                int xb = Math.max(xa + 1, (int) ((long) (x + 1) * iw / w));
                long s = 0;
                for (int yy = ya; yy < yb; yy++) {
                    for (int xx = xa; xx < xb; xx++) {
                        s += p[yy * iw + xx] & 0xFFFF;
                    }
                }
                int count = (yb - ya) * (xb - xa);
                out[y * w + x] = (short) ((s + count / 2) / count);
            }
        }
        return out;
    }
}
