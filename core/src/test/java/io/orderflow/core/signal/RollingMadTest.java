package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollingMadTest {

    @Test
    void medianAndMadOfAnEvenWindowAsItSlides() {
        RollingMad window = new RollingMad(4);
        assertThat(window.median()).isZero();
        assertThat(window.mad()).isZero();
        for (double x : new double[] {1, 5, 2, 8}) {
            window.add(x);
        }
        // {1, 2, 5, 8}: median 3.5; distances {2.5, 1.5, 1.5, 4.5} → sorted {1.5, 1.5, 2.5, 4.5}: MAD 2
        assertThat(window.median()).isEqualTo(3.5);
        assertThat(window.mad()).isEqualTo(2.0);
        window.add(3); // evicts 1 → {2, 3, 5, 8}: median 4; distances {2, 1, 1, 4}: MAD 1.5
        assertThat(window.median()).isEqualTo(4.0);
        assertThat(window.mad()).isEqualTo(1.5);
        window.add(3); // evicts 5 → {2, 3, 3, 8}: median 3; distances {1, 0, 0, 5}: MAD 0.5
        assertThat(window.median()).isEqualTo(3.0);
        assertThat(window.mad()).isEqualTo(0.5);
        assertThat(window.count()).isEqualTo(4);
    }

    @Test
    void medianAndMadOfAnOddWindowAndOfAFillingOne() {
        RollingMad window = new RollingMad(3);
        window.add(-2);
        assertThat(window.median()).isEqualTo(-2.0);
        assertThat(window.mad()).isZero();
        window.add(6); // {−2, 6}: median 2, distances {4, 4}
        assertThat(window.mad()).isEqualTo(4.0);
        window.add(1); // {−2, 1, 6}: median 1, distances {3, 0, 5} → MAD 3
        assertThat(window.median()).isEqualTo(1.0);
        assertThat(window.mad()).isEqualTo(3.0);
        window.add(1); // evicts −2 → {1, 1, 6}: median 1, distances {0, 0, 5} → MAD 0
        assertThat(window.mad()).isZero();
    }

    @Test
    void agreesWithSortingTheWindowAfresh() {
        SplittableRandom random = new SplittableRandom(3);
        for (int size : new int[] {2, 3, 7, 50}) {
            RollingMad window = new RollingMad(size);
            double[] recent = new double[size];
            for (int i = 0; i < 1_000; i++) {
                // a coarse grid gives plenty of ties and repeated evictions of equal values
                double x = Math.round(random.nextGaussian() * 4) / 2.0;
                window.add(x);
                recent[i % size] = x;
                double[] sample = Arrays.copyOf(recent, Math.min(i + 1, size));
                assertThat(window.median()).as("size %d step %d", size, i).isEqualTo(median(sample));
                assertThat(window.mad()).as("size %d step %d", size, i).isEqualTo(mad(sample));
            }
        }
    }

    @Test
    void resizingKeepsTheNewestValuesInArrivalOrder() {
        RollingMad window = new RollingMad(4);
        for (double x : new double[] {1, 5, 2, 8, 3}) {
            window.add(x);
        }
        assertThat(window.resizedTo(4)).isSameAs(window);
        // {5, 2, 8, 3} → the newest three {2, 8, 3}: median 3, distances {1, 5, 0}: MAD 1
        RollingMad shorter = window.resizedTo(3);
        assertThat(shorter.count()).isEqualTo(3);
        assertThat(shorter.median()).isEqualTo(3.0);
        assertThat(shorter.mad()).isEqualTo(1.0);
        shorter.add(9); // evicts 2, the oldest kept: {8, 3, 9}, median 8
        assertThat(shorter.median()).isEqualTo(8.0);
        // all four in a window of 6, then 0 and 4 fill it and 7 evicts 5: {2, 8, 3, 0, 4, 7}
        RollingMad longer = window.resizedTo(6);
        assertThat(longer.count()).isEqualTo(4);
        for (double x : new double[] {0, 4, 7}) {
            longer.add(x);
        }
        assertThat(longer.count()).isEqualTo(6);
        // sorted {0, 2, 3, 4, 7, 8}: median 3.5; distances {3.5, 1.5, 0.5, 0.5, 3.5, 4.5}: MAD 2.5
        assertThat(longer.median()).isEqualTo(3.5);
        assertThat(longer.mad()).isEqualTo(2.5);
    }

    @Test
    void rejectsAWindowOfOne() {
        assertThatThrownBy(() -> new RollingMad(1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double mad(double[] values) {
        double m = median(values);
        return median(Arrays.stream(values).map(x -> Math.abs(x - m)).toArray());
    }
}
