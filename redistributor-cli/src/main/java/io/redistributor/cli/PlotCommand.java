package io.redistributor.cli;

import io.redistributor.Distribution;
import io.redistributor.Redistributor;
import io.redistributor.io.RedistributorModel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code redistributor plot}: draws each column of a model (and optionally its data) to a PNG. */
@Command(name = "plot", header = "Plot the transforms, CDFs and densities of a model as a PNG.", sortOptions = false,
    description = {
        "Draw, per column of the model, the transform function R(x) and the CDF and density of the source and "
            + "of the target, as a PNG (one row of panels per column).",
        "With --data, add histograms of the column before and after the transform."
    })
final class PlotCommand implements Callable<Integer> {
    private static final int PANEL_WIDTH = 420;
    private static final int PANEL_HEIGHT = 300;
    private static final int POINTS = 400;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.json", description = "Model written by fit.")
    Path modelArg;

    @Option(names = "--model", paramLabel = "MODEL.json", description = "The model (alternative to the parameter).")
    Path modelOpt;

    @Option(names = "--data", paramLabel = "DATA.csv", description = "Data for before/after histograms.")
    Path data;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PLOT.png", description = "PNG file to write.")
    Path output;

    @Option(names = "--force", description = "Allow the output to overwrite an input file.")
    boolean force;

    @Mixin
    CsvOptions csv;

    @Override
    public Integer call() throws Exception {
        if ((modelArg == null) == (modelOpt == null)) {
            throw CliException.usage("give the model once: as MODEL.json or with --model");
        }
        Path model = modelArg != null ? modelArg : modelOpt;
        List<Path> inputs = new ArrayList<>(List.of(model));
        if (data != null) {
            inputs.add(data);
        }
        OutputFile.checkNotInput(output, inputs, force);
        RedistributorModel m = Models.read(model);
        List<String> names = m.columnNames();
        double[][] values = null;
        if (data != null) {
            try (CsvInput in = CsvInput.open(data, csv.delimiter(), ChunkReader.DEFAULT_CHUNK)) {
                values = CsvFit.readAll(in, CsvFit.select(in, names, "a column of the model " + model), csv.threads());
            }
        }
        int panels = values == null ? 3 : 5;
        BufferedImage img = new BufferedImage(panels * PANEL_WIDTH, names.size() * PANEL_HEIGHT,
            BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int c = 0; c < names.size(); c++) {
            Redistributor r = m.get(names.get(c));
            List<JFreeChart> row = new ArrayList<>(List.of(
                transformChart(names.get(c), r),
                distributionChart(names.get(c) + ": source", r.source()),
                distributionChart(names.get(c) + ": target", r.target())));
            if (values != null) {
                row.add(histogram(names.get(c) + ": data", values[c]));
                row.add(histogram(names.get(c) + ": transformed", r.transform(values[c])));
            }
            for (int p = 0; p < row.size(); p++) {
                row.get(p).draw(g, new Rectangle2D.Double(p * PANEL_WIDTH, c * PANEL_HEIGHT, PANEL_WIDTH,
                    PANEL_HEIGHT));
            }
        }
        g.dispose();
        try (OutputFile out = OutputFile.create(output)) {
            if (!ImageIO.write(img, "png", out.temp().toFile())) {
                throw new IllegalStateException("no PNG writer available");
            }
            out.commit();
        }
        return ExitCodes.OK;
    }

    /** The plotted range: the support, or its 0.1 % and 99.9 % quantiles where it is infinite. */
    private static double[] range(Distribution d) {
        double lo = Double.isFinite(d.supportLower()) ? d.supportLower() : d.quantile(0.001);
        double hi = Double.isFinite(d.supportUpper()) ? d.supportUpper() : d.quantile(0.999);
        return new double[] {lo, hi};
    }

    private static double[] grid(Distribution d) {
        double[] r = range(d);
        double[] x = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = r[0] + (r[1] - r[0]) * i / (POINTS - 1);
        }
        return x;
    }

    private static JFreeChart transformChart(String name, Redistributor r) {
        double[] x = grid(r.source());
        XYSeries s = new XYSeries("R(x)", false);
        for (double v : x) {
            s.add(v, finiteOrNull(r.transform(v)));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(name + ": transform", "x", "R(x)",
            new XYSeriesCollection(s), PlotOrientation.VERTICAL, false, false, false);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static JFreeChart distributionChart(String title, Distribution d) {
        double[] x = grid(d);
        XYSeries cdf = new XYSeries("CDF", false);
        XYSeries pdf = new XYSeries("density", false);
        for (double v : x) {
            cdf.add(v, finiteOrNull(d.cdf(v)));
            pdf.add(v, finiteOrNull(d.density(v)));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "x", "CDF", new XYSeriesCollection(cdf),
            PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeAxis(1, new NumberAxis("density"));
        plot.setDataset(1, new XYSeriesCollection(pdf));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer second = new XYLineAndShapeRenderer(true, false);
        second.setSeriesPaint(0, new Color(0, 110, 0));
        plot.setRenderer(1, second);
        return chart;
    }

    private static JFreeChart histogram(String title, double[] values) {
        HistogramDataset ds = new HistogramDataset();
        double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length > 0) {
            ds.addSeries("count", finite, 50);
        }
        JFreeChart chart = ChartFactory.createHistogram(title, "value", "count", ds, PlotOrientation.VERTICAL,
            false, false, false);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
