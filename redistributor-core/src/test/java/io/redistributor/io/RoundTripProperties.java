package io.redistributor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Every finite double survives a save and a load bit for bit. */
class RoundTripProperties {

    /** Finite doubles from uniformly random bit patterns: all exponents, subnormals and -0.0. */
    @Provide
    Arbitrary<Double> anyFinite() {
        return Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite)
            .edgeCases(c -> c.add(-0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 0.1, 1.0 / 3));
    }

    @Property(tries = 300)
    void parametricParametersRoundTrip(@ForAll("anyFinite") double mean, @ForAll("anyFinite") double sd)
        throws ModelFormatException {
        ParametricDistribution target = ParametricDistribution.normal(mean, Math.abs(sd) > 0 ? Math.abs(sd) : 1);
        RedistributorModel m = RedistributorModel.single(Redistributor.of(target, target));
        ParametricDistribution back = (ParametricDistribution) ModelIO.fromJson(ModelIO.toJson(m)).only().target();
        assertArrayEquals(bits(target.parameters()), bits(back.parameters()));
    }

    @Property(tries = 100)
    void latticeRoundTrips(@ForAll @Size(min = 3, max = 40) List<@From("anyFinite") Double> raw)
        throws ModelFormatException {
        double[] v = raw.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v[0] == v[v.length - 1]) {
            v[v.length - 1] = v[0] < 1 ? 1 : -1; // make two values differ
            Arrays.sort(v);
        }
        LearnedDistribution d = LearnedDistribution.fitter().fromOrderStatistics(v, v.length + 7L);
        RedistributorModel m = RedistributorModel.single(Redistributor.of(d, ParametricDistribution.standardNormal()));
        LearnedDistribution back = (LearnedDistribution) ModelIO.fromJson(ModelIO.toJson(m)).only().source();
        assertArrayEquals(bits(d.values()), bits(back.values()));
        assertArrayEquals(bits(d.probabilities()), bits(back.probabilities()));
        assertEquals(d, back);
    }

    /**
     * Decimal texts of 1 to 25 significant digits with exponents over the whole double range,
     * including the hard cases of correct rounding (long mantissas, near-halfway values, subnormals).
     */
    @Provide
    Arbitrary<String> decimalText() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25)
            .filter(d -> d.charAt(0) != '0');
        Arbitrary<Integer> exponent = Arbitraries.integers().between(-345, 330);
        return net.jqwik.api.Combinators.combine(digits, exponent, Arbitraries.of("", "-"))
            .as((d, e, sign) -> sign + d.charAt(0) + (d.length() > 1 ? "." + d.substring(1) : "") + "e" + e)
            .filter(t -> Double.isFinite(Double.parseDouble(t)))
            .edgeCases(c -> c.add("2.2250738585072011e-308", "9007199254740993", "0.30000000000000004",
                "1.7976931348623157e308", "4.9e-324", "2.4703282292062328e-324"));
    }

    /** A number in a model file is read as the same double as Double.parseDouble reads its text. */
    @Property(tries = 1000)
    void numbersReadAsDoubleParseDoubleReadsThem(@ForAll("decimalText") String text) throws ModelFormatException {
        RedistributorModel m = RedistributorModel.single(Redistributor.of(ParametricDistribution.normal(0.5, 1),
            ParametricDistribution.standardNormal()));
        String json = ModelIO.toJson(m);
        String edited = json.replaceFirst("\"mean\" ?: ?0\\.5", "\"mean\": " + text);
        assertNotEquals(json, edited, "the mean was replaced");
        ParametricDistribution back = (ParametricDistribution) ModelIO.fromJson(edited).only().source();
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
            Double.doubleToRawLongBits(back.parameters()[0]), text);
    }

    private static long[] bits(double[] x) {
        return Arrays.stream(x).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
