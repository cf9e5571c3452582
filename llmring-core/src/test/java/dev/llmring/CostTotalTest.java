package dev.llmring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The total is the exact sum of the amounts, value and scale, and a cost without notes has the empty list. */
class CostTotalTest {
    @Test
    void theTotalIsTheSumOfEveryAmountToTheLastDecimalPlace() {
        Cost c = Cost.builder()
                .input(new BigDecimal("0.000150"))
                .cachedInput(new BigDecimal("0.00001"))
                .cacheWrite5m(new BigDecimal("0.0000005"))
                .cacheWrite1h(new BigDecimal("0.1"))
                .output(new BigDecimal("0.00054"))
                .reasoning(new BigDecimal("2"))
                .build();
        assertEquals(new BigDecimal("2.1007005"), c.total());
    }

    /** A zero amount written with more decimal places than the others widens the total's scale, as adding it does. */
    @Test
    void zeroAmountsKeepTheScaleTheirAdditionWouldGive() {
        Cost narrow = Cost.builder()
                .input(new BigDecimal("0.000150"))
                .output(new BigDecimal("0E-9"))
                .build();
        assertEquals(new BigDecimal("0.000150000"), narrow.total()); // BigDecimal.equals compares the scale too

        Cost wide = Cost.builder()
                .input(new BigDecimal("0E-8"))
                .output(new BigDecimal("0.00054"))
                .build();
        assertEquals(new BigDecimal("0.00054000"), wide.total());

        assertEquals(BigDecimal.ZERO, Cost.builder().build().total());
    }

    @Test
    void notesAreKeptInOrderAndACostWithoutThemHasTheEmptyList() {
        assertEquals(List.of(), Cost.builder().build().notes());
        Cost noted = Cost.builder().note("first").note("second").build();
        assertEquals(List.of("first", "second"), noted.notes());
        assertThrows(UnsupportedOperationException.class, () -> noted.notes().add("third"));
        assertThrows(NullPointerException.class, () -> Cost.builder().note(null));
    }
}
