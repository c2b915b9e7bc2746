// SPDX-License-Identifier: Apache-2.0
package org.imageshare.dicom.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Windowing to 8 bits, down-scaling and PNG encoding. */
final class Imaging {

    private Imaging() {
    }

    /** PS3.3 C.11.2.1.2.1 linear VOI function to 0..255; MONOCHROME1 is inverted afterwards. */
    static byte[] window(float[] values, Window w, boolean inverted) {
        double c = w.center() - 0.5;
        double span = w.width() - 1;
        double lo = c - span / 2;
        double hi = c + span / 2;
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            int y;
            if (x <= lo) {
                y = inverted ? 255 : 0;
            } else if (x > hi) {
                y = inverted ? 0 : 255;
            } else {
                // truncated like DCMTK's dcmj2pnm (which the tests compare against), inverted before truncation
                double v = ((x - c) / span + 0.5) * 255;
                y = Math.max(0, Math.min(255, (int) (inverted ? 255 - v : v)));
            }
            out[i] = (byte) y;
        }
        return out;
    }

    static byte[] voiLut(float[] values, PixelFrame.VoiLut lut, boolean inverted) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            int y = Math.max(0, Math.min(255, lut.apply(values[i])));
            out[i] = (byte) (inverted ? 255 - y : y);
        }
        return out;
    }

    static BufferedImage grey(int width, int height, byte[] pixels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, target, 0, pixels.length);
        return image;
    }

    static BufferedImage rgb(int width, int height, int[] pixels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, target, 0, pixels.length);
        return image;
    }

    /** Fits the image into {@code maxSize} × {@code maxSize} (never enlarges), halving steps for quality. */
    static BufferedImage fit(BufferedImage image, int maxSize) {
        if (maxSize <= 0 || (image.getWidth() <= maxSize && image.getHeight() <= maxSize)) {
            return image;
        }
        double scale = (double) maxSize / Math.max(image.getWidth(), image.getHeight());
        int targetW = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int targetH = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        do {
            w = Math.max(targetW, w / 2);
            h = Math.max(targetH, h / 2);
            BufferedImage next = new BufferedImage(w, h, image.getType());
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(current, 0, 0, w, h, null);
            g.dispose();
            current = next;
        } while (w != targetW || h != targetH);
        return current;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 2 + 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
