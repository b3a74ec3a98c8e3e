package dev.chatd.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;

/**
 * A small line chart drawn with Java2D: one line per series, a logarithmic x axis ticked at the
 * x values the data has, a linear or logarithmic y axis, optional dashed reference lines, a legend.
 *
 * @param title      drawn above the plot
 * @param xLabel     below the x axis
 * @param yLabel     beside the y axis
 * @param logY       whether the y axis is logarithmic
 * @param yFormat    how y values are written on ticks and beside points
 * @param series     the lines
 * @param references dashed horizontal lines, such as targets
 */
public record LineChart(String title, String xLabel, String yLabel, boolean logY, DoubleFunction<String> yFormat,
                        List<Series> series, List<Reference> references) {

    /** A point of a series. */
    public record Point(double x, double y) {
    }

    /** One line of the chart. */
    public record Series(String name, Color color, List<Point> points) {
    }

    /** A dashed horizontal line with a label. */
    public record Reference(String label, double y, Color color) {
    }

    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;

    /** Draws the chart on a white image of the given size. */
    public BufferedImage render(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            new Plot(g, width, height).draw();
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders the chart and writes it as a PNG file. */
    public void writePng(Path file, int width, int height) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        if (!ImageIO.write(render(width, height), "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    /** One drawing: the scales of this image and the steps to draw it. */
    private final class Plot {
        private final Graphics2D g;
        private final int x0;
        private final int x1;
        private final int y0;
        private final int y1;
        private final double[] xs;
        private final double yMin;
        private final double yMax;

        Plot(Graphics2D g, int width, int height) {
            this.g = g;
            this.x0 = LEFT;
            this.x1 = width - RIGHT;
            this.y0 = height - BOTTOM;
            this.y1 = TOP;
            TreeSet<Double> xValues = new TreeSet<>();
            List<Double> yValues = new ArrayList<>();
            for (Series s : series) {
                for (Point p : s.points()) {
                    xValues.add(p.x());
                    yValues.add(p.y());
                }
            }
            for (Reference r : references) yValues.add(r.y());
            if (xValues.isEmpty()) xValues.add(1.0);
            this.xs = xValues.stream().mapToDouble(Double::doubleValue).toArray();
            double lo = yValues.stream().mapToDouble(Double::doubleValue).filter(v -> !logY || v > 0).min().orElse(1);
            double hi = yValues.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            if (logY) {
                this.yMin = Math.pow(10, Math.floor(Math.log10(Math.max(lo, 1e-3))));
                this.yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(hi, yMin * 10) * 1.01)));
            } else {
                // Headroom above the highest point for its label and the legend.
                double top = Math.max(hi, 1) * 1.15;
                double step = niceStep(top / 5);
                this.yMin = 0;
                this.yMax = step * Math.ceil(top / step);
            }
        }

        void draw() {
            drawTitle();
            drawYAxis();
            drawXAxis();
            drawReferences();
            for (Series s : series) drawSeries(s);
            drawLegend();
        }

        private void drawTitle() {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            centred(title, (x0 + x1) / 2, 34);
        }

        private void drawYAxis() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (double tick : yTicks()) {
                int y = py(tick);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(x0, y, x1, y);
                g.setColor(Color.DARK_GRAY);
                String text = yFormat.apply(tick);
                g.drawString(text, x0 - 8 - g.getFontMetrics().stringWidth(text), y + 5);
            }
            g.setColor(Color.BLACK);
            g.drawLine(x0, y0, x0, y1);
            Graphics2D rotated = (Graphics2D) g.create();
            try {
                rotated.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
                rotated.rotate(-Math.PI / 2);
                FontMetrics fm = rotated.getFontMetrics();
                rotated.drawString(yLabel, -(y0 + y1) / 2 - fm.stringWidth(yLabel) / 2, 22);
            } finally {
                rotated.dispose();
            }
        }

        private void drawXAxis() {
            g.setColor(Color.BLACK);
            g.drawLine(x0, y0, x1, y0);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (double x : xs) {
                int px = px(x);
                g.setColor(new Color(235, 235, 235));
                g.drawLine(px, y0, px, y1);
                g.setColor(Color.BLACK);
                g.drawLine(px, y0, px, y0 + 5);
                centred(String.format("%,.0f", x), px, y0 + 22);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            centred(xLabel, (x0 + x1) / 2, y0 + 52);
        }

        private void drawReferences() {
            Stroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{8, 6}, 0);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (Reference r : references) {
                int y = py(r.y());
                g.setColor(r.color());
                Stroke old = g.getStroke();
                g.setStroke(dashed);
                g.drawLine(x0, y, x1, y);
                g.setStroke(old);
                g.drawString(r.label(), x0 + 8, y - 5);
            }
        }

        private void drawSeries(Series s) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2.5f));
            List<Point> points = new ArrayList<>(s.points());
            points.sort((a, b) -> Double.compare(a.x(), b.x()));
            for (int i = 1; i < points.size(); i++) {
                g.drawLine(px(points.get(i - 1).x()), py(points.get(i - 1).y()), px(points.get(i).x()), py(points.get(i).y()));
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            for (Point p : points) {
                int x = px(p.x());
                int y = py(p.y());
                g.fillOval(x - 5, y - 5, 10, 10);
                String text = yFormat.apply(p.y());
                int width = g.getFontMetrics().stringWidth(text);
                int tx = Math.min(Math.max(x - width / 2, x0 + 2), x1 - width - 2);
                g.drawString(text, tx, highestAt(p) ? y - 10 : y + 20);
            }
        }

        /** Whether no other series is higher at this x: its label goes above, the others' below, so they do not collide. */
        private boolean highestAt(Point point) {
            for (Series s : series) {
                for (Point other : s.points()) {
                    if (other.x() == point.x() && other.y() > point.y()) return false;
                }
            }
            return true;
        }

        private void drawLegend() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            FontMetrics fm = g.getFontMetrics();
            int width = 0;
            for (Series s : series) width = Math.max(width, fm.stringWidth(s.name()));
            int boxWidth = width + 50;
            int boxHeight = 12 + 22 * series.size();
            int[] corner = freeCorner(boxWidth, boxHeight);
            int bx = corner[0];
            int by = corner[1];
            g.setColor(new Color(255, 255, 255, 230));
            g.fillRect(bx, by, boxWidth, boxHeight);
            g.setColor(Color.GRAY);
            g.drawRect(bx, by, boxWidth, boxHeight);
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get(i);
                int y = by + 22 + 22 * i;
                g.setColor(s.color());
                g.setStroke(new BasicStroke(2.5f));
                g.drawLine(bx + 10, y - 5, bx + 34, y - 5);
                g.setColor(Color.BLACK);
                g.drawString(s.name(), bx + 42, y);
            }
        }

        /** The first plot corner (top right, top left, bottom right, bottom left) where a box covers no point or its label. */
        private int[] freeCorner(int boxWidth, int boxHeight) {
            int[][] corners = {
                    {x1 - boxWidth - 10, y1 + 10}, {x0 + 10, y1 + 10},
                    {x1 - boxWidth - 10, y0 - boxHeight - 10}, {x0 + 10, y0 - boxHeight - 10}};
            for (int[] c : corners) {
                boolean free = true;
                for (Series s : series) {
                    for (Point p : s.points()) {
                        int x = px(p.x());
                        int y = py(p.y());
                        // Room for the point's label, which may be 60 px wide and above or below it.
                        if (x + 35 >= c[0] && x - 35 <= c[0] + boxWidth && y + 25 >= c[1] && y - 25 <= c[1] + boxHeight) {
                            free = false;
                        }
                    }
                }
                if (free) return c;
            }
            return corners[0];
        }

        private List<Double> yTicks() {
            List<Double> ticks = new ArrayList<>();
            if (logY) {
                for (double decade = yMin; decade <= yMax * 1.0001; decade *= 10) {
                    for (int m : new int[]{1, 2, 5}) if (decade * m <= yMax * 1.0001) ticks.add(decade * m);
                }
            } else {
                double step = niceStep(yMax / 5);
                for (double v = 0; v <= yMax * 1.0001; v += step) ticks.add(v);
            }
            return ticks;
        }

        private int px(double x) {
            if (xs.length == 1) return (x0 + x1) / 2;
            double lo = Math.log10(xs[0]);
            double hi = Math.log10(xs[xs.length - 1]);
            double margin = (hi - lo) * 0.06;
            return (int) Math.round(x0 + (Math.log10(x) - lo + margin) / (hi - lo + 2 * margin) * (x1 - x0));
        }

        private int py(double y) {
            double f = logY
                    ? (Math.log10(Math.max(y, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))
                    : (y - yMin) / (yMax - yMin);
            return (int) Math.round(y0 - f * (y0 - y1));
        }

        private void centred(String text, int x, int y) {
            g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        for (int m : new int[]{1, 2, 5, 10}) if (decade * m >= raw) return decade * m;
        return decade * 10;
    }
}
